package org.jdbcoptimizer.sql;

import java.util.Objects;

/**
 * A condition on one column in a WHERE or JOIN ... ON clause (of the statement or any of its
 * subqueries), as an index advisor needs it: which column, how it is compared. Values are never
 * recorded.
 *
 * @param table the column's table, resolved through aliases; null if ambiguous or unresolved
 *     (see {@link ColumnRef})
 * @param column the column name
 * @param op how the column is compared
 * @param function for {@link Operator#FUNCTION_ON_COLUMN}, the function applied to the column
 *     (lower-case, e.g. {@code lower}, {@code date}; a cast is written {@code ::type}); otherwise
 *     null
 */
public record Predicate(TableRef table, String column, Operator op, String function) {

    /**
     * @throws NullPointerException if {@code column} or {@code op} is null
     */
    public Predicate {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
    }

    /** A predicate without a function. */
    public static Predicate of(TableRef table, String column, Operator op) {
        return new Predicate(table, column, op, null);
    }

    /** How a column is compared. */
    public enum Operator {
        /** {@code col = value}, {@code col IS TRUE}, or a bare boolean column. */
        EQUALS,
        /** {@code <, <=, >, >=, BETWEEN}. */
        RANGE,
        /** {@code col IN (...)}, {@code col IN (SELECT ...)}, {@code col = ANY (...)}. */
        IN,
        /** {@code LIKE 'abc%'}, {@code LIKE ?}, or a pattern without a leading wildcard. */
        LIKE_PREFIX,
        /**
         * {@code LIKE '%abc'} (a leading wildcard), and every {@code ILIKE}: neither can use a plain
         * b-tree index; a trigram index can.
         */
        LIKE_CONTAINS,
        /** {@code IS NULL} and {@code IS NOT NULL}. */
        IS_NULL,
        /** {@code <>}, {@code !=}, {@code NOT IN}. */
        NOT_EQUALS,
        /** A function (or cast) applied to the column is compared: {@code lower(email) = ?}. */
        FUNCTION_ON_COLUMN,
        /** Any other use of the column in a condition (arithmetic, regex, JSON operators...). */
        OTHER
    }

    @Override
    public String toString() {
        String col = (table == null ? "?" : table.qualifiedName()) + "." + column;
        return function == null ? col + " " + op : function + "(" + col + ") " + op;
    }
}
