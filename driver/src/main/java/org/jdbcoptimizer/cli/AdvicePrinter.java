package org.jdbcoptimizer.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.ExistingIndexFinding;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.ServedShape;
import org.jdbcoptimizer.advisor.UnindexablePredicate;

/** Prints one advice for a terminal: suggestions ranked, each with its evidence, then the findings. */
final class AdvicePrinter {

    private static final int FINGERPRINT_WIDTH = 100;
    private final PrintStream out;

    AdvicePrinter(PrintStream out) {
        this.out = out;
    }

    void print(Advice advice) {
        out.printf(Locale.ROOT, "%n%s, advised at %s, %s%n", advice.database(), advice.at(),
                advice.proven() ? "proven with the planner" : "UNPROVEN (ranked by heuristics only)");
        if (advice.suggestions().isEmpty()) {
            out.println("\nNo index to suggest.");
        } else {
            out.printf(Locale.ROOT, "%nSuggested indexes (%d), most valuable first:%n", advice.suggestions().size());
            int rank = 1;
            for (IndexSuggestion s : advice.suggestions()) {
                suggestion(rank++, s);
            }
        }
        if (!advice.existingIndexes().isEmpty()) {
            out.printf(Locale.ROOT, "%nExisting indexes to review (%d):%n", advice.existingIndexes().size());
            for (ExistingIndexFinding f : advice.existingIndexes()) {
                out.printf(Locale.ROOT, "  - %s on %s: %s%s%s%n", f.index(), f.table(), kind(f.kind()),
                        f.coveredBy() == null ? "" : " (covered by " + f.coveredBy() + ")",
                        f.bytes() > 0 ? ", " + bytes(f.bytes()) : "");
                out.printf(Locale.ROOT, "      %s%n", f.detail());
            }
        }
        if (!advice.unindexable().isEmpty()) {
            out.printf(Locale.ROOT, "%nPredicates no B-tree index serves (%d):%n", advice.unindexable().size());
            for (UnindexablePredicate u : advice.unindexable()) {
                out.printf(Locale.ROOT, "  - %s: %s, %d shape%s, %s total%n", u.table(), u.expression(),
                        u.fingerprintIds().size(), u.fingerprintIds().size() == 1 ? "" : "s", millis(u.totalNanos()));
                out.printf(Locale.ROOT, "      fix: %s%n", u.fix());
            }
        }
        if (!advice.notChecked().isEmpty()) {
            out.printf(Locale.ROOT, "%nNot checked (%d):%n", advice.notChecked().size());
            for (String line : advice.notChecked()) {
                out.printf(Locale.ROOT, "  - %s%n", line);
            }
        }
    }

    private void suggestion(int rank, IndexSuggestion s) {
        long calls = s.shapes().stream().mapToLong(ServedShape::calls).sum();
        long nanos = s.shapes().stream().mapToLong(ServedShape::totalNanos).sum();
        out.printf(Locale.ROOT, "%n%2d. %s%s%n", rank, s.ddl(), s.proven() ? "" : "   (unproven)");
        out.printf(Locale.ROOT, "    serves %d shape%s: %,d calls, %s total%n", s.shapes().size(),
                s.shapes().size() == 1 ? "" : "s", calls, millis(nanos));
        out.printf(Locale.ROOT, "    plan: %s -> %s%n", s.nodeBefore() == null ? "?" : s.nodeBefore(),
                s.nodeAfter() == null ? "(not tried)" : s.nodeAfter());
        if (!Double.isNaN(s.costBefore())) {
            out.printf(Locale.ROOT, "    cost: %.1f -> %s%n", s.costBefore(), Double.isNaN(s.costAfter()) ? "?"
                    : String.format(Locale.ROOT, "%.1f (%.0f%% less)", s.costAfter(),
                    100 * (1 - s.costAfter() / s.costBefore())));
        }
        out.printf(Locale.ROOT, "    size: %s; writes on the table: %.1f/s (each also updates this index)%n",
                s.estimatedBytes() > 0 ? "about " + bytes(s.estimatedBytes()) : "unknown", s.writesPerSecond());
        for (ServedShape shape : s.shapes()) {
            out.printf(Locale.ROOT, "      %s  %,8d calls %10s  %s%n", shape.fingerprintId(), shape.calls(),
                    millis(shape.totalNanos()), ReportPrinter.fit(shape.fingerprint(), FINGERPRINT_WIDTH));
        }
    }

    private static String kind(ExistingIndexFinding.Kind kind) {
        return switch (kind) {
            case UNUSED -> "not used by the observed workload";
            case DUPLICATE -> "duplicate";
            case PREFIX_REDUNDANT -> "prefix of another index";
        };
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String bytes(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
