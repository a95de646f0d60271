package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.Plan;

/**
 * {@link IndexImpact} on PostgreSQL: planner costs before and after a HypoPG hypothetical index.
 * Hypothetical indexes live in the backend's memory and are seen only by plain EXPLAIN on the same
 * connection, so everything runs on the caller's connection and the index is dropped in the end.
 */
final class IndexImpactPostgres {

    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bconcurrently\\b");
    private static final ExplainDialect DIALECT = ExplainDialect.forDatabase(Database.POSTGRESQL).orElseThrow();

    private IndexImpactPostgres() {
    }

    static List<IndexImpactResult> measure(Connection connection, String createIndex,
            List<IndexImpactStatement> statements) throws SQLException {
        String hypopg = hypopgSchema(connection);
        List<Plan> before = new ArrayList<>();
        for (IndexImpactStatement statement : statements) {
            before.add(explain(connection, statement));
        }
        long oid;
        String name;
        try (PreparedStatement create = connection.prepareStatement(
                "select indexrelid, indexname from " + hypopg + ".hypopg_create_index(?::text)")) {
            // HypoPG plans with the index as if built; CONCURRENTLY only matters to a real build.
            create.setString(1, CONCURRENTLY.matcher(createIndex).replaceAll(" "));
            try (ResultSet rs = create.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("HypoPG created no index for: " + createIndex);
                }
                oid = rs.getLong(1);
                name = rs.getString(2);
            }
        }
        List<IndexImpactResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < statements.size(); i++) {
                IndexImpactStatement statement = statements.get(i);
                Plan after = explain(connection, statement);
                results.add(new IndexImpactResult(statement.label(), statement.sql(), statement.parameters(),
                        Database.POSTGRESQL, name, before.get(i), after, before.get(i).totalCost(), after.totalCost(),
                        OptionalLong.empty(), OptionalLong.empty()));
            }
        } finally {
            try (PreparedStatement drop = connection.prepareStatement("select " + hypopg + ".hypopg_drop_index(?)")) {
                drop.setLong(1, oid);
                drop.execute();
            }
        }
        return results;
    }

    /**
     * The schema HypoPG's functions live in, quoted: they are called by qualified name, since the
     * application's search_path need not include it.
     */
    private static String hypopgSchema(Connection connection) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("select quote_ident(n.nspname) from pg_extension e"
                + " join pg_namespace n on n.oid = e.extnamespace where e.extname = 'hypopg'");
             ResultSet rs = check.executeQuery()) {
            if (rs.next()) {
                return rs.getString(1);
            }
        }
        throw new SQLException("HypoPG is not installed in this database: run CREATE EXTENSION hypopg"
                + " (Debian/Ubuntu package postgresql-<version>-hypopg) and try again");
    }

    /** EXPLAIN with estimates only: the statement is planned, never run. */
    static Plan explain(Connection connection, IndexImpactStatement statement) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + statement.sql())) {
            List<Object> values = statement.parameters();
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof String) {
                    // Untyped, so a '2024-01-01' compares with a timestamp column as psql would.
                    explain.setObject(i + 1, value, Types.OTHER);
                } else {
                    explain.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = explain.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("EXPLAIN returned nothing for " + statement.label());
                }
                return DIALECT.parse(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new SQLException(statement.label() + ": EXPLAIN failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

}
