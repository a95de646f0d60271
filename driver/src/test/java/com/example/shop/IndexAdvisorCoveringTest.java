package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covering indexes on real PostgreSQL with HypoPG: INCLUDE when the planner prefers it, not otherwise. */
class IndexAdvisorCoveringTest {

    @TempDir
    Path dir;

    private final String schema = "advc_" + Long.toHexString(System.nanoTime());
    private String url;

    @BeforeEach
    void createSchema() throws SQLException {
        TestDatabases.postgresExecute("create extension if not exists hypopg",
                "create schema " + schema,
                "create table " + schema + ".accounts (id int primary key, login int not null, email text not null,"
                        + " name text not null, bio text not null)",
                "insert into " + schema + ".accounts select g, g * 7, 'a' || g || '@example.com', 'name ' || g,"
                        + " repeat('x', 200) from generate_series(1, 30000) g",
                // all-visible pages: what a table that autovacuum has seen looks like, and what index-only scans need
                "vacuum analyze " + schema + ".accounts");
        url = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + schema + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl") + "&optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
    }

    /**
     * Index-only scans pay off only on all-visible pages, and VACUUM cannot mark them so while
     * another session of the database (a parallel test run) holds an older snapshot: wait for it.
     */
    private boolean allVisible() throws Exception {
        for (int i = 0; i < 30; i++) {
            try (Connection direct = TestDatabases.directPostgres();
                 PreparedStatement check = direct.prepareStatement("select relallvisible >= relpages from pg_class"
                         + " where oid = to_regclass(?)")) {
                check.setString(1, schema + ".accounts");
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            Thread.sleep(500);
            TestDatabases.postgresExecute("vacuum analyze " + schema + ".accounts");
        }
        return false;
    }

    private Advice run(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 1; i <= 10; i++) {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setInt(1, i * 700);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            // read every row
                        }
                    }
                }
            }
        }
        List<Advice> all = OptimizerDriver.advise();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void twoSelectedColumnsByAKeyGetAnIndexOnlyScan() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(allVisible(),
                "another session's snapshot kept VACUUM from marking the pages all-visible");
        Advice advice = run("select email, name from " + schema + ".accounts where login = ?");
        assertTrue(advice.proven(), advice.notChecked().toString());
        assertEquals(1, advice.suggestions().size(), advice.suggestions().toString());
        IndexSuggestion s = advice.suggestions().get(0);
        assertEquals(List.of("login"), s.columns());
        assertEquals(List.of("email", "name"), s.includeColumns());
        assertEquals("CREATE INDEX CONCURRENTLY accounts_login_incl_idx ON " + schema
                + ".accounts (login) INCLUDE (email, name)", s.ddl());
        assertTrue(s.nodeAfter().startsWith("Index Only Scan using accounts_login_incl_idx"), s.nodeAfter());
        assertTrue(s.proven());

        // created for real, the planner answers the statement from the index alone
        TestDatabases.postgresExecute(s.ddl(), "vacuum analyze " + schema + ".accounts");
        try (Connection direct = TestDatabases.directPostgres();
             PreparedStatement explain = direct.prepareStatement(
                     "explain select email, name from " + schema + ".accounts where login = 700");
             ResultSet rs = explain.executeQuery()) {
            rs.next();
            assertTrue(rs.getString(1).startsWith("Index Only Scan"), rs.getString(1));
        }
    }

    @Test
    void selectStarAndTooManyColumnsGetAPlainIndex() throws Exception {
        Advice advice = run("select * from " + schema + ".accounts where login = ?");
        assertEquals(1, advice.suggestions().size(), advice.suggestions().toString());
        assertEquals(List.of(), advice.suggestions().get(0).includeColumns());
        OptimizerDriver.closePools();
        Advice wide = run("select id, email, name, bio from " + schema + ".accounts where login = ? ");
        assertTrue(wide.suggestions().stream().allMatch(x -> x.includeColumns().isEmpty()), wide.suggestions().toString());
    }
}
