package org.jdbcoptimizer.examples.advisor;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.advisor.WorkloadTiming;

/** Prints the measurement: per database and index set, a results table, then per-shape times. */
final class QualityPrinter {

    private final PrintStream out;

    QualityPrinter(PrintStream out) {
        this.out = out;
    }

    void summary(List<AdvisorQuality.DatabaseReport> reports) {
        out.println();
        out.println("| database | indexes from | indexes | workload before | after | speed-up | missing-index shapes served"
                + " | duplicate/prefix of existing | single low-cardinality column |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (AdvisorQuality.DatabaseReport report : reports) {
            for (IndexSetResult set : report.sets()) {
                out.printf(Locale.ROOT, "| %s | %s | %d | %.2f s | %.2f s | %.1fx | %d of %d | %d | %d |%n", report.database(),
                        set.source(), set.created().size(), report.before().totalNanos() / 1e9,
                        set.after().totalNanos() / 1e9,
                        (double) report.before().totalNanos() / set.after().totalNanos(), set.missingServed().size(),
                        set.missingShapes().size(), set.redundant().size(), set.lowCardinality().size());
            }
        }
        for (AdvisorQuality.DatabaseReport report : reports) {
            out.println();
            out.printf(Locale.ROOT, "%s: advise() took %.2f s%n", report.database(), report.adviseNanos() / 1e9);
            for (IndexSetResult set : report.sets()) {
                out.println("  " + set.source() + ":");
                set.ddl().forEach(d -> out.println("    " + d));
                if (!set.missingServed().containsAll(set.missingShapes())) {
                    out.println("    missing-index shapes NOT served: " + set.missingShapes().stream()
                            .filter(s -> !set.missingServed().contains(s)).toList());
                }
                set.redundant().forEach(r -> out.println("    REDUNDANT: " + r));
                set.lowCardinality().forEach(r -> out.println("    LOW CARDINALITY: " + r));
                set.failed().forEach(r -> out.println("    FAILED: " + r));
            }
            out.printf("  %-24s %-12s %10s", "shape", "expect", "before ms");
            report.sets().forEach(s -> out.printf(" %16s", Display.cut(s.source(), 16)));
            out.println();
            for (WorkloadTiming t : report.before().timings()) {
                out.printf(Locale.ROOT, "  %-24s %-12s %10.1f", t.shape(), t.expectation().word(), t.totalNanos() / 1e6);
                for (IndexSetResult set : report.sets()) {
                    out.printf(Locale.ROOT, " %16.1f", set.after().timing(t.shape()).orElseThrow().totalNanos() / 1e6);
                }
                out.println();
            }
        }
    }

    /** Cuts long labels for the column headers. */
    private static final class Display {
        static String cut(String text, int width) {
            return text.length() <= width ? text : text.substring(0, width - 1) + ".";
        }
    }
}
