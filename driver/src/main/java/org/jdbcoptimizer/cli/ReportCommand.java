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
 * {@code report <log file> [--top N] [--sort total|mean|p95|calls] [--width N]}: reads a
 * slow-query log and its rotated files (oldest first), groups the events by statement shape, and
 * prints the shapes ranked by total time (or another measure), each followed by its plan
 * findings, N+1 bursts, lints and errors. The terminal's width comes from {@code --width} or the
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
        return "<log file> [--top N] [--sort total|mean|p95|calls] [--width N]";
    }

    @Override
    public String description() {
        return "Rank the statement shapes of a slow-query log (and its rotated files) by time,\n"
                + "with their plan findings, N+1 bursts and lints. Defaults: --top " + DEFAULT_TOP
                + ", --sort total,\n--width from $COLUMNS (else fingerprints are cut at 100 characters).";
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
        if (reader.events() == 0) {
            err.println(path + " is not a jdbc-optimizer slow-query log (" + where(reader.firstProblem(), path) + ")");
            return Main.FAILED;
        }
        warnAboutSkippedLines(reader, path, err);
        print(reader, options, out);
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

    private static void print(SlowLogReader reader, ReportOptions options, PrintStream out) {
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
        out.printf(Locale.ROOT, "Ranked by %s%s:%n%n", options.sort().description,
                shown < ranked.size() ? ", top " + shown : "");
        new ReportPrinter(out, options.columns()).printTable(ranked.subList(0, shown), 1);
        if (shown < ranked.size()) {
            int more = ranked.size() - shown;
            out.printf(Locale.ROOT, "%n%d more shape%s; --top %d shows all.%n", more, more == 1 ? "" : "s",
                    ranked.size());
        }
    }
}
