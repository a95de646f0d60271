package org.jdbcoptimizer.advisor;

/**
 * An existing index that looks droppable. Indexes backing a primary key or unique constraint are
 * never reported as droppable.
 *
 * @param table      the table
 * @param index      the index's name
 * @param definition its CREATE INDEX statement, when known
 * @param kind       why it is reported
 * @param coveredBy  for {@link Kind#DUPLICATE} and {@link Kind#PREFIX_REDUNDANT}, the index that
 *                   already does its work; otherwise null
 * @param bytes      its size, or -1 when unknown
 * @param detail     the evidence in words
 */
public record ExistingIndexFinding(String table, String index, String definition, Kind kind, String coveredBy,
                                   long bytes, String detail) {

    /** Why an existing index is reported. */
    public enum Kind {
        /**
         * No observed plan used it (and, on PostgreSQL, {@code pg_stat_user_indexes} counts no
         * scan): not used by the observed workload, which may not be the whole workload.
         */
        UNUSED,
        /** Same table, method, key columns and predicate as another index. */
        DUPLICATE,
        /** Its key columns are the leading key columns of another index, which serves the same lookups. */
        PREFIX_REDUNDANT
    }
}
