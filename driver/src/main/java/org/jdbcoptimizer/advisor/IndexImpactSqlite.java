package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.ExplainOptions;
import org.jdbcoptimizer.dialect.Plan;

/**
 * {@link IndexImpact} on SQLite: measured times and query plans before and after a real index built
 * inside a scratch transaction that is always rolled back. SQLite's DDL is transactional, so the
 * rollback removes the index, and whatever a measured write changed, as if neither had happened.
 */
final class IndexImpactSqlite {

    private static final ExplainDialect DIALECT = ExplainDialect.forDatabase(Database.SQLITE).orElseThrow();

    private IndexImpactSqlite() {
    }

    static List<IndexImpactResult> measure(Connection connection, String createIndex,
            List<IndexImpactStatement> statements, int repeat) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Plan> plansBefore = new ArrayList<>();
            List<Long> nanosBefore = new ArrayList<>();
            for (IndexImpactStatement statement : statements) {
                plansBefore.add(explain(connection, statement));
                nanosBefore.add(medianNanos(connection, statement, repeat));
            }
            Set<String> existing = indexNames(connection);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(createIndex);
            }
            Set<String> created = indexNames(connection);
            created.removeAll(existing);
            String name = created.isEmpty() ? "" : created.iterator().next();
            List<IndexImpactResult> results = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                IndexImpactStatement statement = statements.get(i);
                Plan after = explain(connection, statement);
                long nanosAfter = medianNanos(connection, statement, repeat);
                results.add(new IndexImpactResult(statement.label(), statement.sql(), statement.parameters(),
                        Database.SQLITE, name, plansBefore.get(i), after, OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalLong.of(nanosBefore.get(i)), OptionalLong.of(nanosAfter)));
            }
            return results;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Plan explain(Connection connection, IndexImpactStatement statement) throws SQLException {
        return DIALECT.explain(connection, statement.sql(), statement.parameters(), ExplainOptions.ESTIMATES);
    }

    /** One untimed run (to warm SQLite's page cache), then the median of {@code repeat} timed runs. */
    private static long medianNanos(Connection connection, IndexImpactStatement statement, int repeat)
            throws SQLException {
        WorkloadReplay.execute(connection, statement.label(), statement.sql(), statement.parameters());
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            WorkloadReplay.execute(connection, statement.label(), statement.sql(), statement.parameters());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[repeat / 2];
    }

    private static Set<String> indexNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select name from sqlite_master where type = 'index'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
