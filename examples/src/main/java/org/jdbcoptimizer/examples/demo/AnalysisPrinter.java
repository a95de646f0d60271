package org.jdbcoptimizer.examples.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.cli.Main;

/**
 * Prints what the optimizer's analysis recorded: the per-shape statistics the driver keeps in memory,
 * and the {@code report} command's reading of the slow-query log, indented under the section heading.
 */
final class AnalysisPrinter {

    /** Fingerprints are cut to this many characters in the statistics table. */
    private static final int STATEMENT_WIDTH = 60;

    private final PrintStream out;
    private final String indent;

    AnalysisPrinter(PrintStream out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    /** The shapes of one pool, from {@code OptimizerDriver.statementStats()} (slowest in total first). */
    void statistics(String poolName, long thresholdMillis, List<ShapeStats> all) {
        out.printf("%sStatement shapes of pool '%s', from OptimizerDriver.statementStats(), slowest in total first:%n",
                indent, poolName);
        out.println();
        TextTable table = new TextTable(7).header("statement (fingerprint)", "calls", "total", "mean", "p95", "rows",
                "slow");
        int shown = 0;
        for (ShapeStats shape : all) {
            if (!shape.poolName().equals(poolName)) {
                continue;
            }
            table.row(Display.cut(shape.fingerprint(), STATEMENT_WIDTH), Units.count(shape.calls()),
                    Units.duration(shape.totalNanos()), Units.duration(shape.meanNanos()),
                    Units.duration(shape.p95Nanos()), Units.count(shape.rows()), Units.count(shape.slowCalls()));
            shown++;
        }
        if (shown == 0) {
            out.println(indent + "(none: the pool reported no statements)");
        } else {
            table.print(out, indent);
        }
        out.println();
        out.printf("%sTimes include reading the rows. p95 is read from the driver's histogram (within about 19%%);%n",
                indent);
        out.printf("%sslow counts executions at or over the %d ms threshold, each of which is in the log.%n", indent,
                thresholdMillis);
    }

    /** Runs the driver's {@code report} command on the log, as a user would, and prints its output. */
    void report(Path log, int width) {
        String shown = Display.path(log);
        out.println();
        out.printf("%sThe slow-query log, read by the driver's command line (report %s --width %d):%n", indent, shown,
                width);
        out.println();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status;
        try (PrintStream reportOut = new PrintStream(report, true, StandardCharsets.UTF_8);
             PrintStream reportErr = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
            status = Main.run(new String[] {"report", shown, "--width", Integer.toString(width)}, reportOut, reportErr);
        }
        printIndented(report.toString(StandardCharsets.UTF_8));
        printIndented(errors.toString(StandardCharsets.UTF_8));
        if (status != Main.OK) {
            out.printf("%s(report ended with exit code %d)%n", indent, status);
            return;
        }
        out.println();
        out.printf("%sThe report counts as calls only the statements the log holds, those over the threshold: a shape%n",
                indent);
        out.printf("%sknown only from an N+1 or a lint ran fast, so it shows 0 calls, with what was found below it.%n",
                indent);
    }

    private void printIndented(String text) {
        for (String line : text.lines().toList()) {
            out.println(line.isEmpty() ? "" : indent + line);
        }
    }
}
