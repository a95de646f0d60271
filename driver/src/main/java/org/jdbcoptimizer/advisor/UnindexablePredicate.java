package org.jdbcoptimizer.advisor;

import java.util.List;

/**
 * A predicate that no plain B-tree index on the column can serve, with what can.
 *
 * @param table          the table
 * @param column         the column
 * @param kind           why a B-tree cannot help
 * @param expression     the compared expression, e.g. {@code name LIKE '%...'} or {@code lower(email)}
 * @param fingerprintIds the shapes that use it
 * @param totalNanos     the time of those shapes
 * @param fix            the index that can serve it (SQL to review), or advice when there is none
 */
public record UnindexablePredicate(String table, String column, Kind kind, String expression,
                                   List<String> fingerprintIds, long totalNanos, String fix) {

    /** Copies the list. */
    public UnindexablePredicate {
        fingerprintIds = List.copyOf(fingerprintIds);
    }

    /** Why a B-tree cannot help. */
    public enum Kind {
        /** {@code LIKE '%abc'} or {@code ILIKE}: a trigram (GIN) index can. */
        LEADING_WILDCARD,
        /** A function or cast applied to the column: an expression index can. */
        FUNCTION_ON_COLUMN
    }
}
