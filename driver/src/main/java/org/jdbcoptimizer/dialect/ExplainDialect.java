package org.jdbcoptimizer.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one database explains a statement: the EXPLAIN syntax, running it with the statement's
 * parameters, and reading the answer into a {@link Plan}. Implementations are stateless and
 * thread-safe; a {@link Connection} is used by one thread at a time, as JDBC requires.
 *
 * <p>Callers run this off the application's thread and swallow its {@link SQLException}s (an
 * EXPLAIN that fails must never break the application); see DESIGN.md.
 */
public interface ExplainDialect {

    /** The dialect for a database; empty for {@link Database#OTHER}. */
    static Optional<ExplainDialect> forDatabase(Database database) {
        return switch (database) {
            case POSTGRESQL -> Optional.of(PostgresExplainDialect.INSTANCE);
            case SQLITE -> Optional.of(SqliteExplainDialect.INSTANCE);
            case OTHER -> Optional.empty();
        };
    }

    Database database();

    /**
     * The EXPLAIN statement for {@code sql}. PostgreSQL: {@code EXPLAIN (FORMAT JSON) sql}, or
     * {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) sql} when the options ask for ANALYZE, the
     * caller declared a plain read, and the text shows no sign of writing or locking. SQLite:
     * {@code EXPLAIN QUERY PLAN sql}. Parameter markers ({@code ?}) are kept.
     */
    String explainSql(String sql, ExplainOptions options);

    /**
     * EXPLAINs {@code sql} on {@code connection} with {@code parameters} bound in order through
     * {@link java.sql.PreparedStatement#setObject(int, Object)}.
     *
     * <p>PostgreSQL with ANALYZE: the statement runs inside a read-only transaction that is rolled
     * back, so even a write that slipped past every check fails instead of changing data. That needs
     * a connection in auto-commit mode; on a connection inside a transaction the plan has estimates
     * only. Auto-commit is restored before returning.
     *
     * @param parameters the statement's parameter values in marker order; empty when it has none
     * @return the plan; {@link Plan#analyzed()} tells whether ANALYZE was used
     * @throws SQLException when the database refuses the EXPLAIN (syntax error, missing table,
     *     wrong parameters, timeout) or its answer cannot be read; never a RuntimeException from the
     *     driver
     */
    Plan explain(Connection connection, String sql, List<?> parameters, ExplainOptions options)
            throws SQLException;

    /**
     * Reads a plan back from {@link Plan#raw()} text (for tests and the log reader).
     *
     * @throws IllegalArgumentException when the text is not this database's EXPLAIN output
     */
    Plan parse(String raw);

    /**
     * The database's own estimate of the row count of each named table, where it has one:
     * PostgreSQL's {@code pg_class.reltuples} (tables never analyzed are left out), SQLite's
     * {@code sqlite_stat1} (empty until the database was ANALYZEd). Names are resolved as the
     * connection's statements would resolve them. Feeds {@link PlanContext#tableRows()}.
     *
     * @throws SQLException when the catalog query fails
     */
    Map<String, Double> tableRowEstimates(Connection connection, Collection<String> tables) throws SQLException;
}
