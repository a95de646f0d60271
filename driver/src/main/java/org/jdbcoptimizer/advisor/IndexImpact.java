package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jdbcoptimizer.dialect.Database;

/**
 * The "index impact" utility: one statement, or every shape of a workload, with and without one
 * index, and the difference.
 *
 * <ul>
 *   <li>PostgreSQL: the index is hypothetical (HypoPG, which must be installed in the database:
 *       {@code CREATE EXTENSION hypopg}). Each statement is EXPLAINed (estimates, never executed)
 *       before and after {@code hypopg_create_index}; the hypothetical index is dropped at the end.
 *       Nothing is built, locked or written, so it is safe on a production database.</li>
 *   <li>SQLite: in one transaction, each statement runs {@code repeat} times (after one warm-up run)
 *       and is {@code EXPLAIN QUERY PLAN}ed, then the index is created for real, the same again,
 *       and the transaction is rolled back: the index and anything the statements wrote are gone.
 *       The database is locked for writers meanwhile (SQLite has one writer).</li>
 * </ul>
 *
 * <p>The connection may be a plain one or a {@code jdbc:optimizer:} one (leave the result cache off,
 * or it may answer the repeated SELECTs on SQLite). Its auto-commit mode is restored.
 */
public final class IndexImpact {

    private IndexImpact() {
    }

    /**
     * One statement with and without the index.
     *
     * @param createIndex a {@code CREATE INDEX} statement ({@code CONCURRENTLY} is accepted and ignored)
     * @param parameters  values for the statement's {@code ?} markers; on PostgreSQL a String is sent
     *                    untyped, so the server reads it as the type the statement needs
     * @param repeat      SQLite: timed runs per side (the median is kept), at least 1
     * @throws SQLException when the index or the statement is refused, or HypoPG is missing
     * @throws IllegalArgumentException when createIndex is not a CREATE INDEX, or the database is
     *     neither PostgreSQL nor SQLite
     */
    public static IndexImpactResult ofStatement(Connection connection, String createIndex, String sql,
            List<?> parameters, int repeat) throws SQLException {
        return measure(connection, createIndex, List.of(new IndexImpactStatement("statement", sql,
                new ArrayList<>(parameters))), repeat).get(0);
    }

    /**
     * Every shape of the workload with and without the index, each with the first row of its
     * params query.
     *
     * @see #ofStatement
     */
    public static List<IndexImpactResult> ofWorkload(Connection connection, String createIndex, WorkloadFile workload,
            int repeat) throws SQLException {
        Database database = WorkloadParameters.database(connection);
        List<IndexImpactStatement> statements = new ArrayList<>();
        for (WorkloadShape shape : workload.shapes()) {
            List<Object> first = WorkloadParameters.draw(connection, shape, database).get(0);
            statements.add(new IndexImpactStatement(shape.name(), shape.sql(), first));
        }
        return measure(connection, createIndex, statements, repeat);
    }

    private static List<IndexImpactResult> measure(Connection connection, String createIndex,
            List<IndexImpactStatement> statements, int repeat) throws SQLException {
        if (!createIndex.strip().toLowerCase(java.util.Locale.ROOT).matches("(?s)create\\s+(unique\\s+)?index\\b.*")) {
            throw new IllegalArgumentException("--index must be a CREATE INDEX statement, got: " + createIndex);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        Database database = WorkloadParameters.database(connection);
        return switch (database) {
            case POSTGRESQL -> IndexImpactPostgres.measure(connection, createIndex, statements);
            case SQLITE -> IndexImpactSqlite.measure(connection, createIndex, statements, repeat);
            case OTHER -> throw new IllegalArgumentException("index impact works on PostgreSQL and SQLite, not on "
                    + connection.getMetaData().getDatabaseProductName());
        };
    }
}
