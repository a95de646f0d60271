package org.jdbcoptimizer.cache;

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

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single flight, bounds, TTL and the SQLite side of the cache. */
class ResultCacheBehaviourTest {

    @TempDir
    Path dir;

    private final String table = "cache_b_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private String postgresUrl(String options) {
        return TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.name=" + table
                + "&optimizer.pool.maxSize=10&optimizer.slowLog.file=" + dir.resolve("slow.jsonl") + "&" + options);
    }

    private static CacheStats stats() {
        return Caches.stats().values().iterator().next();
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void concurrentMissesOnOneKeyRunTheQueryOnce() throws Exception {
        TestDatabases.postgresExecute("create table " + table + " (id int)",
                "insert into " + table + " select generate_series(1, 3000)");
        String url = postgresUrl("");
        // slow enough (a 9-million-row join) that the eight threads overlap
        String slow = "select count(*) from " + table + " a, " + table + " b where a.id % 7 = b.id % 11";
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(executor.submit(() -> {
                start.await();
                try (Connection connection = DriverManager.getConnection(url)) {
                    return count(connection, slow);
                }
            }));
        }
        start.countDown();
        long first = results.get(0).get(60, TimeUnit.SECONDS);
        for (Future<Long> result : results) {
            assertEquals(first, result.get(60, TimeUnit.SECONDS));
        }
        executor.shutdown();
        CacheStats stats = stats();
        assertEquals(1, stats.loads(), "one load for eight concurrent misses: " + stats);
        assertEquals(threads - 1, stats.sharedLoads() + stats.hits(), stats.toString());
    }

    @Test
    void resultsAboveTheSizeBoundAreNotStored() throws SQLException {
        TestDatabases.postgresExecute("create table " + table + " (id int, payload text)",
                "insert into " + table + " select g, repeat('x', 1000) from generate_series(1, 200) g");
        String url = postgresUrl("optimizer.cache.maxResultBytes=10KB");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = statement.executeQuery("select payload from " + table)) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    assertEquals(200, rows);
                }
            }
            assertEquals(200, count(connection, "select count(*) from " + table));
            assertEquals(200, count(connection, "select count(*) from " + table));
        }
        CacheStats stats = stats();
        assertEquals(1, stats.stores(), "only the small count is stored: " + stats);
        assertEquals(1, stats.hits());
        assertTrue(stats.bytes() > 0 && stats.bytes() < 10 * 1024, stats.toString());
    }

    @Test
    void aHintsTtlExpiresTheEntry() throws Exception {
        TestDatabases.postgresExecute("create table " + table + " (id int)", "insert into " + table + " values (1)");
        String url = postgresUrl("");
        String sql = "select count(*) from " + table + " /* optimizer:cache ttl=200ms */";
        try (Connection connection = DriverManager.getConnection(url)) {
            count(connection, sql);
            count(connection, sql);
            assertEquals(1, stats().hits());
            TestDatabases.postgresExecute("insert into " + table + " values (2)"); // outside the optimizer
            assertEquals(1, count(connection, sql), "a write made elsewhere is not seen before the TTL");
            Thread.sleep(400);
            assertEquals(2, count(connection, sql), "and is seen after it");
        }
    }

    @Test
    void micrometerSeesTheCache() throws SQLException {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        org.jdbcoptimizer.metrics.OptimizerMetrics.bindTo(registry);
        TestDatabases.postgresExecute("create table " + table + " (id int)", "insert into " + table + " values (1)");
        String url = postgresUrl("");
        try (Connection connection = DriverManager.getConnection(url)) {
            count(connection, "select count(*) from " + table);
            count(connection, "select count(*) from " + table);
        }
        double hits = registry.get("optimizer.cache.gets").tag("result", "hit").functionCounters().stream()
                .mapToDouble(io.micrometer.core.instrument.FunctionCounter::count).sum();
        assertTrue(hits >= 1, "hits seen by Micrometer: " + hits);
    }

    @Test
    void malformedTableTtlIsAConfigurationError() {
        OptimizerConfigException e = org.junit.jupiter.api.Assertions.assertThrows(OptimizerConfigException.class,
                () -> DriverManager.getConnection(postgresUrl("optimizer.cache.tableTtl=orders%3Dsoon")));
        assertTrue(e.getMessage().contains("optimizer.cache.tableTtl"), e.getMessage());
    }

    @Test
    void sqliteWritesInvalidateAndTransactionsReadTheirOwnWrites() throws SQLException {
        String url = "jdbc:optimizer:sqlite:" + dir.resolve("shop.db") + "?optimizer.cache=true&optimizer.pool.name="
                + table + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table prices (id integer primary key, price integer)");
            statement.execute("insert into prices values (1, 10), (2, 20)");
        }
        String read = "select price from prices where id = ?";
        try (Connection reader = DriverManager.getConnection(url); Connection writer = DriverManager.getConnection(url)) {
            assertEquals(10, price(reader, read, 1));
            assertEquals(10, price(reader, read, 1));
            writer.setAutoCommit(false);
            try (PreparedStatement update = writer.prepareStatement("update prices set price = ? where id = ?")) {
                update.setInt(1, 11);
                update.setInt(2, 1);
                update.executeUpdate();
            }
            assertEquals(11, price(writer, read, 1), "read-your-writes");
            assertEquals(10, price(reader, read, 1), "not committed yet");
            writer.commit();
            assertEquals(11, price(reader, read, 1), "committed");
        }
        assertTrue(stats().hits() >= 1);
    }

    private static int price(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
