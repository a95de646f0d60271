package org.jdbcoptimizer.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a statement's rows depend on, for the result cache's invalidation by row key (finer than
 * by table). Two kinds of statement qualify; every other one has {@link #NONE}.
 *
 * <ul>
 *   <li>A <em>row query</em>: a single SELECT whose result rows are rows of its tables, one to one
 *       (no DISTINCT, GROUP BY, aggregate, window, subquery, set operation or CTE; FROM and JOIN
 *       items are plain tables, each read once). Such a result changes only if a row in it changes,
 *       or if a row's <em>membership columns</em> change (the columns its WHERE, JOIN ... ON and
 *       ORDER BY mention, which decide which rows are in it and in which order). A row query that
 *       skips rows (OFFSET) also changes when a row before its window goes.</li>
 *   <li>A <em>keyed update</em>: an UPDATE of one table whose WHERE has a top-level conjunct
 *       {@code column = ?}: it changes only rows whose column has that parameter's value, and only
 *       the columns it SETs; or a DELETE of one table with such a conjunct, which only removes
 *       such rows.</li>
 * </ul>
 *
 * <p>An update keyed on a column that a cached row query returns can then drop only the results
 * holding that key, unless it sets one of their membership columns; a delete keyed so, only the
 * results holding that key and those that skip rows (a removed row cannot join a result, and only
 * shifts a window that starts past an offset). Membership columns are
 * over-approximated (every name in those clauses, for every table of the query), which can only
 * cause extra invalidation; they and the set columns are lower-case. Key and position column names
 * are exact, as {@link TableRef} spells names.
 *
 * <p>Immutable.
 */
public final class RowFacts {

    /** Neither a row query nor a keyed update or delete. */
    public static final RowFacts NONE = new RowFacts(null, null);

    /**
     * A row query.
     *
     * @param tables     the tables read, each once
     * @param positions  per table, its plain columns in the select list: column → 1-based position
     *                   of its first occurrence
     * @param allColumns the tables whose every column is selected with {@code *} or {@code t.*}
     *                   (positions then come from the result's column labels)
     * @param membership the column names that decide which rows are in the result and their order
     * @param skipsRows  true when it has an OFFSET: which rows it holds then also depends on rows
     *                   before them, so that removing a row it does not hold can change it
     */
    public record RowQuery(List<TableRef> tables, Map<TableRef, Map<String, Integer>> positions,
                           Set<TableRef> allColumns, Set<String> membership, boolean skipsRows) {
    }

    /**
     * A keyed update or delete.
     *
     * @param table         the table written
     * @param setColumns    the columns it sets; none for a delete
     * @param keyParameters column → 1-based JDBC parameter index, for each top-level
     *                      {@code column = ?} conjunct of its WHERE
     * @param deletes       true for a DELETE: the keyed rows go, no column changes
     */
    public record KeyedUpdate(TableRef table, Set<String> setColumns, Map<String, Integer> keyParameters,
                              boolean deletes) {
    }

    private final RowQuery query;
    private final KeyedUpdate update;

    RowFacts(RowQuery query, KeyedUpdate update) {
        this.query = query;
        this.update = update;
    }

    /** The row query, or null. */
    public RowQuery query() {
        return query;
    }

    /** The keyed update or delete, or null. */
    public KeyedUpdate update() {
        return update;
    }

    @Override
    public String toString() {
        return query != null ? query.toString() : update != null ? update.toString() : "RowFacts.NONE";
    }
}
