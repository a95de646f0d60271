package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.metrics.OptimizerMetrics;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics per statement shape, through the API and Micrometer, under real work. */
class StatementStatisticsTest {

    @TempDir
    Path dir;

    private final String table = "stats_" + Long.toHexString(System.nanoTime());
    private String url;

    @BeforeEach
    void createTable() throws SQLException {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " select g, g % 10 from generate_series(1, 1000) g");
        url = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + table + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl"));
    }

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private ShapeStats shape(String sql) {
        String fingerprint = SqlAnalyzer.shared().analyze(sql).fingerprint();
        return OptimizerDriver.statementStats().stream().filter(s -> s.fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new AssertionError("no statistics for " + fingerprint));
    }

    @Test
    void anExecuteWhoseResultSetIsNeverFetchedIsStillCounted() throws SQLException {
        String sql = "select id from " + table + " where v = 3";
        try (Connection connection = DriverManager.getConnection(url);
             java.sql.Statement statement = connection.createStatement()) {
            assertTrue(statement.execute(sql));
            assertTrue(statement.execute(sql)); // runs again without getResultSet
        } // and closes with the second one pending
        ShapeStats stats = shape(sql);
        assertEquals(2, stats.calls());
        assertEquals(0, stats.rows(), "rows unknown: never read");
    }

    @Test
    void rowsAreCountedAsTheApplicationReadsThem() throws SQLException {
        String sql = "select id from " + table + " where v = ?";
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int v = 0; v < 3; v++) {
                query.setInt(1, v);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        // read every row
                    }
                }
            }
            query.setInt(1, 5);
            try (ResultSet rs = query.executeQuery()) {
                rs.next(); // reads one row, then closes
            }
        }
        ShapeStats stats = shape(sql);
        assertEquals(4, stats.calls());
        assertEquals(301, stats.rows());
        assertEquals(0, stats.errors());
        assertTrue(stats.minNanos() > 0 && stats.minNanos() <= stats.p50Nanos() && stats.p50Nanos() <= stats.maxNanos());
        assertEquals(stats.totalNanos() / 4, stats.meanNanos());
    }

    @Test
    void updatesErrorsAndBatchesAreCounted() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            try (PreparedStatement update = connection.prepareStatement("update " + table + " set v = ? where id = ?")) {
                for (int id = 1; id <= 50; id++) {
                    update.setInt(1, 99);
                    update.setInt(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                assertEquals(10, statement.executeUpdate("delete from " + table + " where id <= 10"));
                try {
                    statement.executeQuery("select no_such_column from " + table);
                } catch (SQLException expected) {
                    // the database's error reaches the application; the statistics count it
                }
            }
        }
        ShapeStats batch = shape("update " + table + " set v = ? where id = ?");
        assertEquals(1, batch.batches());
        assertEquals(50, batch.batchedStatements());
        assertEquals(50, batch.rows());
        assertEquals(10, shape("delete from " + table + " where id <= 10").rows());
        assertEquals(1, shape("select no_such_column from " + table).errors());
    }

    @Test
    void aStatementTheParserCannotReadStillRunsAndIsTimed() throws SQLException {
        // JSqlParser does not know BETWEEN SYMMETRIC
        String sql = "select count(*) from " + table + " where id between symmetric 20 and 10";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            assertEquals(11, rs.getInt(1));
        }
        assertEquals(false, SqlAnalyzer.shared().analyze(sql).parsed());
        assertEquals(1, shape(sql).calls());
    }

    @Test
    void manyThreadsLoseNoExecution() throws Exception {
        int threads = 8;
        int perThread = 300;
        String sql = "select v from " + table + " where id = ?";
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(executor.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    try (Connection connection = DriverManager.getConnection(url);
                         PreparedStatement query = connection.prepareStatement(sql)) {
                        query.setInt(1, 1 + i % 1000);
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        executor.shutdown();
        ShapeStats stats = shape(sql);
        assertEquals((long) threads * perThread, stats.calls());
        assertEquals((long) threads * perThread, stats.rows());
    }

    @Test
    void micrometerSeesStatementsAndThePool() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OptimizerMetrics.bindTo(registry);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 5; i++) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                }
            }
            statement.executeUpdate("update " + table + " set v = 1 where id = 1");
        }
        assertEquals(5, registry.get("optimizer.statements").tags("pool", table, "kind", "query", "outcome", "success")
                .timer().count());
        assertEquals(1, registry.get("optimizer.statements").tags("pool", table, "kind", "update", "outcome", "success")
                .timer().count());
        assertEquals(1.0, registry.get("optimizer.connections.total").tag("pool", table).gauge().value());
        assertEquals(0.0, registry.get("optimizer.connections.active").tag("pool", table).gauge().value());
        assertTrue(registry.get("optimizer.connections.acquire").tag("pool", table).functionTimer().count() >= 1);
    }

    @Test
    void analysisOffMeansNoStatistics() throws SQLException {
        String off = url + "&optimizer.analysis=false";
        try (Connection connection = DriverManager.getConnection(off); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select 1 from " + table + " limit 1")) {
            assertTrue(rs.next());
        }
        assertTrue(OptimizerDriver.statementStats().stream().noneMatch(s -> s.poolName().equals(table)));
    }
}
