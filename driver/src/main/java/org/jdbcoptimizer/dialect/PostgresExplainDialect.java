package org.jdbcoptimizer.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: {@code EXPLAIN (FORMAT JSON)}, with ANALYZE and BUFFERS only for plain reads.
 *
 * <p>Design note: ANALYZE executes the statement, so three locks stand between it and a write: the
 * caller's declaration, {@link PlainReadCheck} on the text, and a read-only transaction that is
 * always rolled back (PostgreSQL then refuses INSERT/UPDATE/DELETE, nextval and writing functions
 * with "cannot execute ... in a read-only transaction"). Parameters go through pgjdbc's extended
 * protocol, so the server plans the statement with the actual values, as it did for the
 * application.
 */
final class PostgresExplainDialect implements ExplainDialect {

    static final PostgresExplainDialect INSTANCE = new PostgresExplainDialect();

    private static final String ESTIMATES = "EXPLAIN (FORMAT JSON) ";
    private static final String ANALYZE = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ";

    /** reltuples is -1 for a table never vacuumed or analyzed (PostgreSQL 14+): no estimate. */
    private static final String TABLE_ROWS = "select t.name, c.reltuples from unnest(?::text[]) as t(name)"
            + " join pg_class c on c.oid = to_regclass(quote_ident(t.name)) where c.reltuples >= 0";

    private PostgresExplainDialect() {
    }

    @Override
    public Database database() {
        return Database.POSTGRESQL;
    }

    @Override
    public String explainSql(String sql, ExplainOptions options) {
        return (mayAnalyze(sql, options) ? ANALYZE : ESTIMATES) + sql;
    }

    private static boolean mayAnalyze(String sql, ExplainOptions options) {
        return options.analyze() && options.declaredPlainRead() && PlainReadCheck.isPlainRead(sql);
    }

    @Override
    public Plan explain(Connection connection, String sql, List<?> parameters, ExplainOptions options)
            throws SQLException {
        boolean analyze = mayAnalyze(sql, options) && connection.getAutoCommit();
        String explainSql = (analyze ? ANALYZE : ESTIMATES) + sql;
        try {
            String json = analyze ? inReadOnlyTransaction(connection, explainSql, parameters, options)
                    : run(connection, explainSql, parameters, options);
            return parse(json);
        } catch (RuntimeException e) {
            throw ExplainStatements.failure(explainSql, e);
        }
    }

    private static String inReadOnlyTransaction(Connection connection, String explainSql, List<?> parameters,
            ExplainOptions options) throws SQLException {
        connection.setAutoCommit(false);
        Throwable failure = null;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
            return run(connection, explainSql, parameters, options);
        } catch (SQLException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            restoreAutoCommit(connection, failure);
        }
    }

    /** Rolls back whatever the ANALYZE did; a failure here is added to the first one, if any. */
    private static void restoreAutoCommit(Connection connection, Throwable failure) throws SQLException {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static String run(Connection connection, String explainSql, List<?> parameters,
            ExplainOptions options) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(explainSql)) {
            ExplainStatements.prepare(statement, parameters, options);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("EXPLAIN returned no rows: " + explainSql);
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    public Plan parse(String raw) {
        return PostgresPlanParser.parse(raw);
    }

    @Override
    public Map<String, Double> tableRowEstimates(Connection connection, Collection<String> tables)
            throws SQLException {
        Map<String, Double> rows = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return rows;
        }
        try (PreparedStatement statement = connection.prepareStatement(TABLE_ROWS)) {
            Array names = connection.createArrayOf("text", tables.toArray());
            statement.setArray(1, names);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return rows;
    }
}
