package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial indexes: a statement that always filters a skewed status column to its rare value gets
 * an index {@code WHERE status = 'pending'}, proven by the planner; the frequent value gets none.
 * On real PostgreSQL (HypoPG) and a real SQLite file (the in-memory copy).
 */
class IndexAdvisorPartialIndexTest {

    @TempDir
    Path dir;

    private final String schema = "advp_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
    }

    private String postgres() throws SQLException {
        TestDatabases.postgresExecute("create extension if not exists hypopg",
                "create schema " + schema,
                "create table " + schema + ".orders (id int primary key, customer_id int not null,"
                        + " status text not null, created_at timestamp not null, total numeric not null)",
                // 2% pending, the rest shipped
                "insert into " + schema + ".orders select g, g % 4000, case when g % 50 = 0 then 'pending' else"
                        + " 'shipped' end, timestamp '2024-01-01' + g * interval '1 minute', g % 500"
                        + " from generate_series(1, 50000) g",
                "analyze " + schema + ".orders");
        return TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + schema + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl") + "&optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
    }

    private static void run(String url, String sql, int times) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < times; i++) {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setTimestamp(1, Timestamp.valueOf("2024-01-30 00:00:00"));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            // read every row
                        }
                    }
                }
            }
        }
    }

    private static Advice advice() {
        List<Advice> all = OptimizerDriver.advise();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void postgresRareValueGetsAProvenPartialIndex() throws Exception {
        String url = postgres();
        run(url, "select id, total from " + schema + ".orders where status = 'pending' and created_at > ?"
                + " order by created_at", 10);
        Advice advice = advice();
        assertTrue(advice.proven(), advice.notChecked().toString());
        IndexSuggestion partial = advice.suggestions().stream().filter(s -> s.where() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no partial index: " + advice));
        assertEquals("status = 'pending'", partial.where());
        assertEquals(List.of("created_at"), partial.columns(), "the filtered column leaves the key");
        assertTrue(partial.ddl().startsWith("CREATE INDEX CONCURRENTLY orders_created_at_partial_idx ON " + schema
                + ".orders (created_at)") && partial.ddl().endsWith(" WHERE status = 'pending'"), partial.ddl());
        assertTrue(partial.proven());
        assertTrue(partial.costAfter() <= partial.costBefore() / 2, partial.costBefore() + " -> " + partial.costAfter());
        assertTrue(partial.nodeAfter().contains("orders_created_at_partial_idx"), partial.nodeAfter());
        assertEquals(1, advice.suggestions().size(), "the partial index serves the shape alone: " + advice.suggestions());

        // created for real, the planner uses it for the statement
        TestDatabases.postgresExecute(partial.ddl());
        try (Connection direct = TestDatabases.directPostgres();
             PreparedStatement explain = direct.prepareStatement("explain select id, total from " + schema
                     + ".orders where status = 'pending' and created_at > '2024-01-30' order by created_at");
             ResultSet rs = explain.executeQuery()) {
            rs.next();
            assertTrue(rs.getString(1).contains("orders_created_at_partial_idx"), rs.getString(1));
        }
    }

    @Test
    void postgresFrequentValueGetsNoPartialIndex() throws Exception {
        String url = postgres();
        run(url, "select id, total from " + schema + ".orders where status = 'shipped' and created_at > ?"
                + " order by created_at", 10);
        Advice advice = advice();
        assertTrue(advice.suggestions().stream().allMatch(s -> s.where() == null), advice.suggestions().toString());
        // and the low-cardinality column is never an index of its own
        assertTrue(advice.suggestions().stream().noneMatch(s -> s.columns().equals(List.of("status"))),
                advice.suggestions().toString());
    }

    @Test
    void postgresBoundParameterIsNotedNotProposed() throws Exception {
        String url = postgres();
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement statement = c.prepareStatement("select id from " + schema
                        + ".orders where status = ? and created_at > ?")) {
                    statement.setString(1, "pending");
                    statement.setTimestamp(2, Timestamp.valueOf("2024-01-30 00:00:00"));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            // read every row
                        }
                    }
                }
            }
        }
        Advice advice = advice();
        assertTrue(advice.suggestions().stream().allMatch(s -> s.where() == null), advice.suggestions().toString());
        String note = advice.notChecked().stream().filter(n -> n.contains("bound parameter")).findFirst()
                .orElseThrow(() -> new AssertionError(advice.notChecked().toString()));
        assertTrue(note.contains(schema + ".orders.status") && !note.contains("pending"),
                "names the column, never the parameter's value: " + note);
    }

    private String sqlite() throws SQLException {
        Path file = dir.resolve("shop.db");
        try (Connection direct = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = direct.createStatement()) {
            s.execute("create table orders (id integer primary key, status text not null, created_at text not null,"
                    + " total real not null)");
            s.execute("with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000)"
                    + " insert into orders select n, case when n % 50 = 0 then 'pending' else 'shipped' end,"
                    + " datetime('2024-01-01', '+' || n || ' minutes'), n % 500 from g");
            s.execute("analyze");
        }
        return TestDatabases.optimizerSqliteUrl(file, "optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
    }

    private static void runSqlite(String url, List<String> statuses) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 10; i++) {
                for (String status : statuses) {
                    try (PreparedStatement statement = c.prepareStatement("select id, total from orders where status = '"
                            + status + "' and created_at > ? order by created_at")) {
                        statement.setString(1, "2024-01-10 00:00:00");
                        try (ResultSet rs = statement.executeQuery()) {
                            while (rs.next()) {
                                // read every row
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sqliteRareValueGetsAPartialIndexInTheCopy() throws Exception {
        String url = sqlite();
        runSqlite(url, List.of("pending"));
        Advice advice = advice();
        assertTrue(advice.proven(), advice.notChecked().toString());
        List<IndexSuggestion> partial = advice.suggestions().stream().filter(s -> s.where() != null).toList();
        assertEquals(1, partial.size(), advice.toString());
        IndexSuggestion pending = partial.get(0);
        assertEquals("status = 'pending'", pending.where());
        assertEquals(List.of("created_at"), pending.columns());
        assertEquals("CREATE INDEX orders_created_at_partial_idx ON \"orders\" (created_at) WHERE status = 'pending'",
                pending.ddl());
        assertTrue(pending.nodeBefore().startsWith("SCAN"), pending.nodeBefore());
        assertNotNull(pending.nodeAfter());
        assertTrue(pending.nodeAfter().startsWith("SEARCH") && pending.nodeAfter().contains("partial"),
                pending.nodeAfter());
        assertEquals(1, advice.suggestions().size(), advice.suggestions().toString());
    }

    @Test
    void sqliteFrequentValueGetsNoPartialIndex() throws Exception {
        String url = sqlite();
        runSqlite(url, List.of("shipped"));
        Advice advice = advice();
        assertTrue(advice.suggestions().stream().allMatch(s -> s.where() == null), advice.suggestions().toString());
    }

    @Test
    void aLiteralThatVariesBetweenExecutionsGetsNoPartialIndex() throws Exception {
        String url = sqlite();
        // one shape (the literal is not part of the fingerprint) run with two values: no single value to index
        runSqlite(url, List.of("pending", "new"));
        Advice advice = advice();
        assertTrue(advice.suggestions().stream().allMatch(s -> s.where() == null), advice.suggestions().toString());
    }
}
