package org.jdbcoptimizer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbcoptimizer.analyze.SlowQueryLogFile;

/**
 * {@code report <log file> [--top N] [--sort total|mean|p95|calls] [--width N] [--advice FILE]}:
 * reads a slow-query log and its rotated files (oldest first), groups the events by statement
 * shape, and prints the shapes ranked by total time (or another measure), each followed by its plan
 * findings, N+1 bursts, lints and errors, and the index suggestions of the advice log that serve
 * it (the file given with {@code --advice}, else {@value AdviceLog#DEFAULT_NAME} next to the log
 * when there is one; the latest advice of each database). The terminal's width comes from {@code --width} or the
 * {@code COLUMNS} variable; without either, fingerprints are cut at 100 characters.
 */
final class ReportCommand implements Command {

    static final int DEFAULT_TOP = 20;

    /** The measures shapes can be ranked by. */
    enum Sort {
        // A shape known only from N+1 runs ranks by the time of those runs (its calls were fast).
        TOTAL("total time", Comparator.comparingDouble(shape -> Math.max(shape.totalMs(), shape.nPlusOneTotalMs()))),
        MEAN("mean time", Comparator.comparingDouble(ShapeStats::meanMs)),
        P95("95th percentile time", Comparator.comparingDouble(shape -> shape.percentileMs(95))),
        CALLS("number of calls", Comparator.comparingInt(ShapeStats::calls));

        final String description;
        final Comparator<ShapeStats> descending;

        Sort(String description, Comparator<ShapeStats> ascending) {
            this.description = description;
            this.descending = ascending.reversed()
                    .thenComparing(Comparator.comparingDouble(ShapeStats::totalMs).reversed())
                    .thenComparing(shape -> shape.fingerprintId);
        }
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String arguments() {
        return "<log file> [--top N] [--sort total|mean|p95|calls] [--width N] [--advice FILE]";
    }

    @Override
    public String description() {
        return "Rank the statement shapes of a slow-query log (and its rotated files) by time,\n"
                + "with their plan findings, N+1 bursts and lints. Defaults: --top " + DEFAULT_TOP
                + ", --sort total,\n--width from $COLUMNS (else fingerprints are cut at 100 characters).\n"
                + "Index suggestions are shown under the shapes they serve, from --advice or "
                + AdviceLog.DEFAULT_NAME + " next to the log.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env)
            throws UsageException {
        ReportOptions options = ReportOptions.parse(args, env);
        Path path = options.file();
        String prefix = "jdbc-optimizer report: ";
        if (Files.isDirectory(path)) {
            err.println(prefix + path + " is a directory; give the slow-query log file in it, e.g. "
                    + path.resolve("slow.jsonl"));
            return Main.FAILED;
        }
        if (!Files.exists(path)) {
            err.println(prefix + path + ": no such file");
            return Main.FAILED;
        }
        SlowLogReader reader = new SlowLogReader();
        try {
            for (Path file : SlowQueryLogFile.filesOldestFirst(path)) {
                reader.read(file);
            }
        } catch (IOException e) {
            err.println(prefix + "cannot read " + path + ": " + e);
            return Main.FAILED;
        }
        if (reader.nonBlankLines() == 0) {
            err.println(prefix + path + " is empty: no slow statements have been logged"
                    + (reader.files().size() > 1 ? " (nor in its rotated files)" : ""));
            return Main.FAILED;
        }
        if (reader.events() == 0 && reader.cache().isEmpty()) {
            err.println(path + " is not a jdbc-optimizer slow-query log (" + where(reader.firstProblem(), path) + ")");
            return Main.FAILED;
        }
        warnAboutSkippedLines(reader, path, err);
        Path advicePath = options.advice() != null ? options.advice() : path.resolveSibling(AdviceLog.DEFAULT_NAME);
        AdviceLog advice = null;
        if (options.advice() != null || Files.isRegularFile(advicePath)) {
            if (!Files.isRegularFile(advicePath)) {
                err.println(prefix + advicePath + ": no such advice file (see optimizer.advisor.file)");
                return Main.FAILED;
            }
            try {
                advice = AdviceLog.read(advicePath);
            } catch (IOException e) {
                // the ranking is still worth printing without the advice
                err.println("warning: cannot read the advice log " + advicePath + ": " + e);
            }
            if (advice != null && advice.skipped() > 0) {
                err.println("warning: skipped " + advice.skipped() + " line" + (advice.skipped() == 1 ? "" : "s")
                        + " of " + advicePath + " that are not advice");
            }
        }
        print(reader, options, advicePath, advice, out);
        return Main.OK;
    }

    private static void warnAboutSkippedLines(SlowLogReader reader, Path path, PrintStream err) {
        if (reader.truncatedLines() > 0) {
            err.println("warning: skipped " + reader.truncatedLines() + " incomplete last line"
                    + (reader.truncatedLines() == 1 ? "" : "s") + " (a writer stopped in the middle of a line)");
        }
        if (reader.skippedLines() > 0) {
            SlowLogReader.Problem first = reader.firstSkipped();
            err.println("warning: skipped " + reader.skippedLines() + (reader.skippedLines() == 1
                    ? " line that is not a slow-query event" : " lines that are not slow-query events")
                    + " (first: " + where(first, path) + ")");
        }
    }

    private static String where(SlowLogReader.Problem problem, Path path) {
        String file = problem.file().equals(path) ? "" : problem.file().getFileName() + " ";
        return ReportPrinter.fit(file + "line " + problem.line() + ": " + problem.reason(), 200);
    }

    private static void print(SlowLogReader reader, ReportOptions options, Path advicePath, AdviceLog advice,
                              PrintStream out) {
        List<ShapeStats> ranked = new ArrayList<>(reader.shapes().values());
        ranked.sort(options.sort().descending);
        int shown = Math.min(options.top(), ranked.size());
        int fileCount = reader.files().size();
        out.printf(Locale.ROOT, "Slow-query log %s: %,d event%s in %d file%s, %,d statement shape%s%s%n",
                options.file(), reader.events(), reader.events() == 1 ? "" : "s", fileCount, fileCount == 1 ? "" : "s",
                ranked.size(),
                ranked.size() == 1 ? "" : "s", reader.firstTimestamp() == null ? ""
                        : ", " + ReportPrinter.fit(reader.firstTimestamp(), 40) + " to "
                        + ReportPrinter.fit(reader.lastTimestamp(), 40));
        if (advice != null) {
            long suggestions = advice.latest().values().stream().mapToLong(a -> a.suggestions().size()).sum();
            out.printf(Locale.ROOT, "Index advice %s: %d suggestion%s in the latest advice of %d database%s%n",
                    advicePath, suggestions, suggestions == 1 ? "" : "s", advice.latest().size(),
                    advice.latest().size() == 1 ? "" : "s");
        }
        out.printf(Locale.ROOT, "Ranked by %s%s:%n%n", options.sort().description,
                shown < ranked.size() ? ", top " + shown : "");
        new ReportPrinter(out, options.columns(), advice == null ? Map.of() : advice.byShape(), reader.cache())
                .printTable(ranked.subList(0, shown), 1);
        if (shown < ranked.size()) {
            int more = ranked.size() - shown;
            out.printf(Locale.ROOT, "%n%d more shape%s; --top %d shows all.%n", more, more == 1 ? "" : "s",
                    ranked.size());
        }
        if (!reader.cache().isEmpty()) {
            out.println();
            reader.cache().print(out);
        }
    }
}
