package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.dialect.Database;

/** {@link IndexImpactResult}s as text for a terminal: one block per statement. */
public final class IndexImpactReport {

    private IndexImpactReport() {
    }

    /** The index, how it was measured, then each statement's before, after and ratio. */
    public static String format(String createIndex, List<IndexImpactResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("Index: ").append(createIndex.strip()).append('\n');
        if (!results.isEmpty()) {
            out.append(results.get(0).database() == Database.POSTGRESQL
                    ? "PostgreSQL: planner cost with a HypoPG hypothetical index (nothing built, nothing run)\n"
                    : "SQLite: median time, the index built in a transaction that was rolled back\n");
        }
        int used = 0;
        for (IndexImpactResult r : results) {
            out.append('\n').append(r.label()).append(": ").append(oneLine(r.sql()));
            if (!r.parameters().isEmpty()) {
                out.append("   params ").append(r.parameters());
            }
            out.append('\n');
            out.append("  without: ").append(measure(r, true)).append("   ").append(r.accessBefore()).append('\n');
            out.append("  with:    ").append(measure(r, false)).append("   ").append(r.accessAfter()).append('\n');
            out.append("  ").append(verdict(r)).append('\n');
            used += r.indexUsed() ? 1 : 0;
        }
        if (results.size() > 1) {
            out.append('\n').append(used).append(" of ").append(results.size())
                    .append(" statements use the index.\n");
        }
        return out.toString();
    }

    private static String measure(IndexImpactResult r, boolean before) {
        if (r.database() == Database.POSTGRESQL) {
            double cost = (before ? r.costBefore() : r.costAfter()).orElse(Double.NaN);
            return String.format(Locale.ROOT, "cost %12.2f", cost);
        }
        long nanos = (before ? r.nanosBefore() : r.nanosAfter()).orElse(-1);
        return String.format(Locale.ROOT, "%12s", millis(nanos));
    }

    static String millis(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static String verdict(IndexImpactResult r) {
        String what = r.database() == Database.POSTGRESQL ? "cheaper" : "faster";
        double ratio = r.ratio();
        String change = Double.isNaN(ratio) ? "no comparable numbers"
                : ratio >= 1 ? String.format(Locale.ROOT, "%.1fx %s", ratio, what)
                : String.format(Locale.ROOT, "%.2fx slower/costlier (%.1fx)", 1 / ratio, ratio);
        return "-> " + change + (r.indexUsed() ? "; the plan uses the index" : "; the plan does not use the index");
    }

    private static String oneLine(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() > 110 ? line.substring(0, 107) + "..." : line;
    }
}
