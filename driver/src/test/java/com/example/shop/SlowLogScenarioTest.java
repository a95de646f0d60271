package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cli.Main;
import org.jdbcoptimizer.testing.TestDatabases;
import org.jdbcoptimizer.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application (this package is outside the optimizer's, as a user's would be) runs statements
 * through {@code jdbc:optimizer:}; the slow-query log, its EXPLAIN plans, N+1 runs and the report
 * are checked against the real PostgreSQL and SQLite.
 */
class SlowLogScenarioTest {

    @TempDir
    Path dir;

    private final String table = "slowlog_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private String postgresUrl(String options) {
        return TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + table + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl") + "&optimizer.explain.interval=0&" + options);
    }

    private void createBigPostgresTable() throws SQLException {
        TestDatabases.postgresExecute(
                "create table " + table + " (id int primary key, v int, note text)",
                "insert into " + table + " select g, g % 5000, 'n' || g from generate_series(1, 60000) g",
                "analyze " + table);
    }

    @Test
    void aSlowQueryIsLoggedWithItsPlanAndTheSeqScanFindingGoesAwayWithAnIndex() throws Exception {
        createBigPostgresTable();
        String url = postgresUrl("optimizer.slowLog.threshold=0");
        int rows = selectByValue(url, 42);
        assertEquals(12, rows);
        OptimizerDriver.flushAnalysis();

        Map<String, Object> event = lastStatementEvent("from " + table + " where v = ?");
        assertEquals("select * from " + table + " where v = ?", event.get("sql"));
        assertEquals(12L, event.get("rows"));
        assertEquals(List.of("?"), event.get("params"), "parameters are redacted by default");
        assertEquals("QUERY", event.get("kind"));
        assertEquals(table, event.get("pool"));
        assertEquals(true, event.get("autoCommit"));
        assertTrue(((Number) event.get("durationMs")).doubleValue() > 0);
        assertTrue(String.valueOf(event.get("callSite")).startsWith("com.example.shop.SlowLogScenarioTest."),
                String.valueOf(event.get("callSite")));
        assertTrue(findingKinds(event).contains("SEQ_SCAN_SELECTIVE"), event.toString());

        TestDatabases.postgresExecute("create index " + table + "_v on " + table + " (v)", "analyze " + table);
        selectByValue(url, 43);
        OptimizerDriver.flushAnalysis();
        Map<String, Object> after = lastStatementEvent("from " + table + " where v = ?");
        assertNotNull(after.get("plan"), after.toString());
        assertFalse(findingKinds(after).contains("SEQ_SCAN_SELECTIVE"), after.toString());
    }

    @Test
    void parameterValuesAreLoggedOnlyWhenAskedFor() throws Exception {
        createBigPostgresTable();
        selectByValue(postgresUrl("optimizer.slowLog.threshold=0&optimizer.log.parameters=true"), 77);
        OptimizerDriver.flushAnalysis();
        assertEquals(List.of("77 (Integer)"), lastStatementEvent("where v = ?").get("params"));
    }

    @Test
    void explainNeverAnalyzesAWrite() throws Exception {
        createBigPostgresTable();
        String url = postgresUrl("optimizer.slowLog.threshold=0&optimizer.explain.analyze=true");
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement update = connection.prepareStatement(
                     "update " + table + " set v = v + 1000000 where id = ?")) {
            update.setInt(1, 7);
            assertEquals(1, update.executeUpdate());
        }
        OptimizerDriver.flushAnalysis();
        Map<String, Object> event = lastStatementEvent("update " + table);
        assertNotNull(event.get("plan"), "the update is explained (estimates only): " + event);
        try (Connection direct = TestDatabases.directPostgres(); Statement statement = direct.createStatement();
             ResultSet rs = statement.executeQuery("select v from " + table + " where id = 7")) {
            rs.next();
            assertEquals(7 + 1_000_000, rs.getInt(1), "the update ran exactly once");
        }
    }

    @Test
    void anNPlusOneLoopIsReportedOnceWithItsCallSite() throws Exception {
        createBigPostgresTable();
        String url = postgresUrl("optimizer.nPlusOne.threshold=10");
        try (Connection connection = DriverManager.getConnection(url)) {
            loadNotesOneByOne(connection, 25);
        }
        OptimizerDriver.flushAnalysis();
        List<Map<String, Object>> runs = events().stream().filter(e -> "nPlusOne".equals(e.get("event")))
                .collect(Collectors.toList());
        assertEquals(1, runs.size(), runs.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) runs.get(0).get("nPlusOne");
        assertEquals(25L, run.get("count"));
        assertTrue(String.valueOf(run.get("callSite")).contains("loadNotesOneByOne"), run.toString());
    }

    @Test
    void theReportRanksTheShapesOfARealLog() throws Exception {
        createBigPostgresTable();
        String url = postgresUrl("optimizer.slowLog.threshold=0");
        selectByValue(url, 1);
        selectByValue(url, 2);
        try (Connection connection = DriverManager.getConnection(url)) {
            loadNotesOneByOne(connection, 12);
        }
        OptimizerDriver.closePools(); // writes everything out
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", dir.resolve("slow.jsonl").toString(), "--width", "200"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(report.contains("select * from " + table + " where v = ?"), report);
        assertTrue(report.contains("SEQ_SCAN_SELECTIVE"), report);
        assertTrue(report.contains("N+1"), report);
        assertTrue(report.contains("SELECT_STAR"), report);
    }

    @Test
    void sqliteScanOfAFilteredTableIsFound() throws Exception {
        Path file = dir.resolve("shop.db");
        String url = "jdbc:optimizer:sqlite:" + file + "?optimizer.pool.name=sqlite-" + table
                + "&optimizer.slowLog.threshold=0&optimizer.explain.interval=0&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table items (id integer primary key, v integer)");
            statement.execute("with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000)"
                    + " insert into items select n, n % 100 from g");
            try (PreparedStatement query = connection.prepareStatement("select id from items where v = ?")) {
                query.setInt(1, 5);
                try (ResultSet rs = query.executeQuery()) {
                    int count = 0;
                    while (rs.next()) {
                        count++;
                    }
                    assertEquals(200, count);
                }
            }
        }
        OptimizerDriver.flushAnalysis();
        Map<String, Object> event = lastStatementEvent("from items where v = ?");
        assertEquals(200L, event.get("rows"));
        assertTrue(findingKinds(event).contains("SQLITE_SCAN"), event.toString());

        // SQLite's plan names the alias (SCAN i), and a join filters too
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from items i join items j on j.v = i.id"
                     + " where i.v = 7")) {
            assertTrue(rs.next());
        }
        OptimizerDriver.flushAnalysis();
        assertTrue(findingKinds(lastStatementEvent("join items j on j.v = i.id")).contains("SQLITE_SCAN"));
    }

    @Test
    void closingADataSourceStopsItsAnalysis() throws Exception {
        org.jdbcoptimizer.OptimizerDataSource dataSource = new org.jdbcoptimizer.OptimizerDataSource(
                postgresUrl("optimizer.slowLog.threshold=0"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select 1 from pg_class limit 1")) {
            assertTrue(rs.next());
        }
        OptimizerDriver.flushAnalysis();
        assertTrue(OptimizerDriver.statementStats().stream().anyMatch(s -> s.poolName().equals(table)));
        dataSource.close();
        assertTrue(OptimizerDriver.statementStats().stream().noneMatch(s -> s.poolName().equals(table)));
        try (Connection direct = TestDatabases.directPostgres(); Statement statement = direct.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from pg_stat_activity where application_name"
                     + " = 'PostgreSQL JDBC Driver' and pid <> pg_backend_pid() and query like 'EXPLAIN%pg_class%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the EXPLAIN connection is closed with the DataSource");
        }
    }

    @Test
    void anUnwritableLogNeverFailsTheApplication() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        String url = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + table
                + "&optimizer.slowLog.threshold=0&optimizer.slowLog.file=" + notADirectory.resolve("slow.jsonl"));
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select 40 + 2")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
        OptimizerDriver.flushAnalysis();
        assertTrue(OptimizerDriver.statementStats().stream().anyMatch(s -> s.fingerprint().equals("select ? + ?")));
    }

    /** The application's N+1: one query per key in a loop. */
    private void loadNotesOneByOne(Connection connection, int count) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select note from " + table + " where id = ?")) {
            for (int id = 1; id <= count; id++) {
                query.setInt(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
        }
    }

    private int selectByValue(String url, int value) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement query = connection.prepareStatement("select * from " + table + " where v = ?")) {
            query.setInt(1, value);
            int rows = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    private List<Map<String, Object>> events() throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("slow.jsonl"))) {
            if (!line.isBlank()) {
                events.add(Json.parseObject(line));
            }
        }
        return events;
    }

    private Map<String, Object> lastStatementEvent(String sqlPart) throws IOException {
        Map<String, Object> found = null;
        for (Map<String, Object> event : events()) {
            if (!"nPlusOne".equals(event.get("event")) && !"lint".equals(event.get("event"))
                    && String.valueOf(event.get("sql")).contains(sqlPart)) {
                found = event;
            }
        }
        assertNotNull(found, "no statement event for " + sqlPart);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> findingKinds(Map<String, Object> event) {
        Map<String, Object> plan = (Map<String, Object>) event.get("plan");
        if (plan == null) {
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (Object finding : (List<Object>) plan.get("findings")) {
            kinds.add(String.valueOf(((Map<String, Object>) finding).get("kind")));
        }
        return kinds;
    }
}
