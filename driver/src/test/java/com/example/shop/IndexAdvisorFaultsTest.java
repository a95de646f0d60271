package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between observation and advice on real PostgreSQL: a statement that no longer EXPLAINs
 * (its column was dropped), one our parser cannot read, and a role that lost its privilege on the
 * table. Each becomes a "not checked" line; the rest is still advised and nothing is thrown.
 */
class IndexAdvisorFaultsTest {

    @TempDir
    Path dir;

    private final String schema = "advf_" + Long.toHexString(System.nanoTime());
    private final String role = schema + "_app";

    @BeforeEach
    void createSchema() throws SQLException {
        TestDatabases.postgresExecute("create extension if not exists hypopg",
                "create schema " + schema,
                "create table " + schema + ".customers (id int primary key, email text not null, legacy int)",
                "insert into " + schema + ".customers select g, 'c' || g || '@example.com', g"
                        + " from generate_series(1, 20000) g",
                "analyze " + schema + ".customers");
    }

    @AfterEach
    void dropSchemaAndRole() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
        try (Connection direct = TestDatabases.directPostgres();
             PreparedStatement exists = direct.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    TestDatabases.postgresExecute("drop owned by " + role, "drop role " + role);
                }
            }
        }
    }

    private String url(String user) {
        String url = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + schema + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl") + "&optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
        assertTrue(url.contains("user=postgres"), url);
        return url.replace("user=postgres", "user=" + user);
    }

    private static void query(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // read every row
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
    void aStatementThatNoLongerExplainsOrParsesIsReportedAndTheRestAdvised() throws Exception {
        // PostgreSQL's ORDER BY ... USING, which the parser does not know
        String unreadable = "select id from " + schema + ".customers where id > ? order by id using <";
        assertFalse(new SqlAnalyzer().analyze(unreadable).parsed(), "the test needs a statement our parser rejects");
        try (Connection c = DriverManager.getConnection(url("postgres"))) {
            for (int i = 1; i <= 10; i++) {
                query(c, "select id from " + schema + ".customers where email = ?", "c" + i * 37 + "@example.com");
                query(c, "select id from " + schema + ".customers where legacy = ?", i * 11);
                query(c, unreadable, i);
            }
        }
        TestDatabases.postgresExecute("alter table " + schema + ".customers drop column legacy");
        Advice advice = advice();
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains("where legacy = ?") && n.contains("EXPLAIN failed")
                && n.contains("legacy")), advice.notChecked().toString());
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains("using <") && n.contains("could not be parsed")),
                advice.notChecked().toString());
        assertEquals(1, advice.suggestions().size(), advice.suggestions().toString());
        assertEquals(List.of("email"), advice.suggestions().get(0).columns());
        assertTrue(advice.suggestions().get(0).proven());
    }

    @Test
    void aRoleWithoutSelectOnTheTableGetsNotCheckedLinesNotErrors() throws Exception {
        TestDatabases.postgresExecute("create role " + role + " login",
                "grant usage on schema " + schema + " to " + role,
                "grant select on " + schema + ".customers to " + role);
        try (Connection c = DriverManager.getConnection(url(role))) {
            for (int i = 1; i <= 10; i++) {
                query(c, "select id from " + schema + ".customers where email = ?", "c" + i * 37 + "@example.com");
            }
        }
        TestDatabases.postgresExecute("revoke select on " + schema + ".customers from " + role);
        Advice advice = advice();
        assertEquals(List.of(), advice.suggestions());
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains("permission denied")),
                advice.notChecked().toString());

        // the application's own statement now fails with the database's error, unchanged
        try (Connection c = DriverManager.getConnection(url(role))) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> query(c, "select id from " + schema + ".customers where email = ?", "x"));
            assertEquals("42501", e.getSQLState());
        }
    }
}
