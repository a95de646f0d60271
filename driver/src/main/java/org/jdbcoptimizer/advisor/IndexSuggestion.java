package org.jdbcoptimizer.advisor;

import java.util.List;

/**
 * An index worth creating, with its evidence. Immutable.
 *
 * @param table           the table, as SQL names it (schema-qualified on PostgreSQL)
 * @param columns         key columns in order
 * @param includeColumns  non-key columns for a covering index (PostgreSQL {@code INCLUDE}); often empty
 * @param where           the predicate of a partial index, or null
 * @param ddl             the statement to run: {@code CREATE INDEX CONCURRENTLY ...} on PostgreSQL,
 *                        {@code CREATE INDEX ...} on SQLite
 * @param shapes          the statement shapes it serves, most time first
 * @param costBefore      the planner's total cost of the served shapes today (sum; NaN when the
 *                        database reports no costs, as SQLite)
 * @param costAfter       the same with the index (NaN when unproven or without costs)
 * @param nodeBefore      the plan node the index replaces, e.g. {@code Seq Scan on orders}
 * @param nodeAfter       the node with the index, e.g. {@code Index Scan using ... on orders}
 *                        (null when unproven)
 * @param estimatedBytes  the index's estimated size, or -1 when unknown
 * @param writesPerSecond INSERT/UPDATE/DELETE statements per second observed on the table: each
 *                        of them also maintains this index
 * @param proven          whether the planner used the index for every served shape with the
 *                        required gain
 */
public record IndexSuggestion(String table, List<String> columns, List<String> includeColumns, String where,
                              String ddl, List<ServedShape> shapes, double costBefore, double costAfter,
                              String nodeBefore, String nodeAfter, long estimatedBytes, double writesPerSecond,
                              boolean proven) {

    /** Copies the lists. */
    public IndexSuggestion {
        columns = List.copyOf(columns);
        includeColumns = List.copyOf(includeColumns);
        shapes = List.copyOf(shapes);
    }
}
