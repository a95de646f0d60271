package org.jdbcoptimizer.sql;

/**
 * What a statement does, decided from its leading keyword (after comments, opening parentheses
 * and a {@code WITH ...} prefix), so it is known even when the statement cannot be parsed.
 *
 * <p>A kind says nothing final about writes: {@code WITH d AS (DELETE ...) SELECT ...} is a
 * {@link #QUERY} that writes, and so is PostgreSQL's {@code SELECT ... INTO new_table}. Use
 * {@link SqlInfo#tablesWritten()} and {@link SqlInfo#readOnly()} for that.
 */
public enum SqlStatementKind {
    /** SELECT, VALUES, TABLE, and WITH ... SELECT. */
    QUERY,
    /** INSERT, and SQLite's REPLACE / INSERT OR REPLACE. */
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    /**
     * CREATE, ALTER, DROP, TRUNCATE, RENAME, COMMENT, GRANT, REVOKE and REFRESH MATERIALIZED
     * VIEW. TRUNCATE is here rather than with DELETE: it is not row-by-row, fires no row triggers,
     * takes an exclusive lock and PostgreSQL documents it beside the DDL commands.
     */
    DDL,
    /**
     * BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, PREPARE
     * TRANSACTION, COMMIT/ROLLBACK PREPARED, and SET TRANSACTION / SET CONSTRAINTS (which only
     * affect the current transaction).
     */
    TRANSACTION_CONTROL,
    /** SET, RESET, SHOW, DISCARD, LOAD and SQLite's PRAGMA. */
    SESSION,
    /**
     * COPY, CALL, DO, LOCK, PREPARE, EXECUTE, DEALLOCATE, LISTEN, UNLISTEN, NOTIFY, and SQLite's
     * ATTACH / DETACH.
     */
    UTILITY,
    /** EXPLAIN, VACUUM, ANALYZE, REINDEX, CLUSTER, CHECKPOINT, empty text, and anything unknown. */
    OTHER
}
