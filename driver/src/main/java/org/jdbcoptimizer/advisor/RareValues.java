package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.IndexCatalog.ColumnStatistics;
import org.jdbcoptimizer.sql.ConstantFilter;
import org.jdbcoptimizer.sql.SqlAnalyzer;

/**
 * Step 3's partial indexes: finds the column of a scan that the statement always compares to one
 * rare value of a skewed, low-cardinality column ({@code status = 'pending'} where nearly every
 * order is shipped). An index {@code WHERE status = 'pending'} then holds only the rare rows.
 *
 * <p>"Always" needs evidence: the value must be a literal of the statement's text and the shape
 * must never have run with another text ({@link ObservedShape#sameTextAlways()}). A bound
 * parameter is sampled once in a while only, so one sample cannot show that it never changes; such
 * a scan gets a note instead of a candidate (without the value: parameters stay out of the advice).
 *
 * <p>Rarity: PostgreSQL's most common values and their frequencies when the value is among them
 * (or the share left to the other values when it is not); otherwise (SQLite, no statistics) the
 * value is counted in the table, or in its first {@value #COUNTED_ROWS} rows when it is larger.
 * One advisor run, one thread: fractions are remembered per table, column and value.
 */
final class RareValues {

    /** A value in at most this share of the rows is rare enough for a partial index. */
    static final double RARE_FRACTION = 0.1;
    static final int COUNTED_ROWS = 200_000;

    private final Connection connection;
    private final List<String> notes;
    private final Map<String, Double> fractions = new HashMap<>();

    /**
     * A partial index's predicate.
     *
     * @param column    the filtered column
     * @param predicate SQL: the quoted column, {@code =}, the value as a quoted SQL literal
     * @param fraction  the share of the table's rows that have the value
     */
    record PartialFilter(String column, String predicate, double fraction) {
    }

    RareValues(Connection connection, List<String> notes) {
        this.connection = connection;
        this.notes = notes;
    }

    /** The rarest qualifying filter of the scan, or null. */
    PartialFilter find(ObservedShape shape, TableScan scan, TableContext table) {
        if (!scan.equality().stream().anyMatch(table::lowCardinality)) {
            return null; // the common case: no parse at all
        }
        PartialFilter best = null;
        for (ConstantFilter f : SqlAnalyzer.shared().constantFilters(shape.info().text())) {
            if (!f.table().equals(scan.table()) || !scan.equality().contains(f.column())
                    || !table.lowCardinality(f.column())) {
                continue;
            }
            if (f.value() == null) {
                parameterNote(shape, table, f);
                continue;
            }
            if (!shape.sameTextAlways()) {
                continue; // the literal differed between executions
            }
            double fraction = fraction(table, f.column(), f.value());
            if (fraction <= RARE_FRACTION && (best == null || fraction < best.fraction())) {
                best = new PartialFilter(f.column(), Identifiers.quote(f.column()) + " = " + literal(f.value()), fraction);
            }
        }
        return best;
    }

    private void parameterNote(ObservedShape shape, TableContext table, ConstantFilter f) {
        List<Object> parameters = shape.parameters();
        Object sampled = f.parameter() <= parameters.size() ? parameters.get(f.parameter() - 1) : null;
        if (sampled instanceof String || sampled instanceof Long || sampled instanceof Integer) {
            Object value = sampled instanceof Integer i ? Long.valueOf(i) : sampled;
            if (!(value instanceof String s) || plain(s)) {
                double fraction = fraction(table, f.column(), value);
                if (fraction <= RARE_FRACTION) {
                    notes.add(String.format(Locale.ROOT, "shape %s (%s) compares %s.%s, a low-cardinality column, to a"
                            + " bound parameter whose sampled value is in %.1f%% of the rows: a partial index on that"
                            + " value could serve it if the value never changes, which one sample cannot show;"
                            + " not proposed", shape.info().fingerprintHex(), shape.stats().fingerprint(),
                            table.facts().qualified(), f.column(), fraction * 100));
                }
            }
        }
    }

    /** The share of rows with the value; NaN (never rare) when it cannot be told. */
    private double fraction(TableContext table, String column, Object value) {
        String key = table.facts().qualified() + "\u0000" + column + "\u0000" + value;
        Double known = fractions.get(key);
        if (known == null) {
            known = fromStatistics(table.columns().get(column), value);
            if (known.isNaN()) {
                known = counted(table, column, value);
            }
            fractions.put(key, known);
        }
        return known;
    }

    private static Double fromStatistics(ColumnStatistics stats, Object value) {
        if (stats == null || stats.commonValues().isEmpty()) {
            return Double.NaN;
        }
        Double frequency = stats.commonValues().get(String.valueOf(value));
        if (frequency != null) {
            return frequency;
        }
        double listed = stats.commonValues().values().stream().mapToDouble(Double::doubleValue).sum();
        double others = Math.max(1, stats.distinct() - stats.commonValues().size());
        return Math.max(0, 1 - stats.nullFraction() - listed) / others;
    }

    private double counted(TableContext table, String column, Object value) {
        String sql = "select count(*), sum(case when " + Identifiers.quote(column) + " = " + literal(value)
                + " then 1 else 0 end) from (select " + Identifiers.quote(column) + " from " + table.facts().qualified()
                + " limit " + COUNTED_ROWS + ") s";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next() && rs.getLong(1) > 0) {
                return rs.getDouble(2) / rs.getLong(1);
            }
            return Double.NaN;
        } catch (SQLException e) {
            notes.add("the share of " + table.facts().qualified() + "." + column + " values could not be counted ("
                    + e.getMessage() + "); no partial index on it");
            return Double.NaN;
        }
    }

    /**
     * The value as a SQL literal: a number as is, a string single-quoted. Strings come from
     * {@link ConstantFilter} (no quote or backslash inside), and a sampled parameter is checked
     * with {@link #plain} first, so nothing here can end the literal early.
     */
    static String literal(Object value) {
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        String s = value.toString();
        if (!plain(s)) {
            throw new IllegalArgumentException("not a plain string literal: " + s);
        }
        return "'" + s + "'";
    }

    private static boolean plain(String s) {
        return s.indexOf('\'') < 0 && s.indexOf('\\') < 0 && s.indexOf('\u0000') < 0;
    }
}
