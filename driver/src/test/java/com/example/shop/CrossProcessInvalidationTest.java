package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cache.CacheStats;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application instances (this JVM and a child JVM) cache the same PostgreSQL database; a
 * write in one must not leave the other serving stale results, through Redis (real server at
 * 127.0.0.1:6379) or PostgreSQL LISTEN/NOTIFY.
 */
class CrossProcessInvalidationTest {

    @TempDir
    Path dir;

    private final String table = "xproc_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void createTable() throws SQLException {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " values (1, 1)");
    }

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private String url(String bus) {
        return TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.cache.bus=" + bus
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl"));
    }

    private int read(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select v from " + table + " where id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void writeInAnotherJvm(String url, String sql) throws Exception {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                RemoteWriter.class.getName(), url, sql).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the other instance finished");
        assertEquals(0, process.exitValue(), java.nio.file.Files.readString(dir.resolve("child.log")));
    }

    private static CacheStats stats() {
        return OptimizerDriver.cacheStats().values().iterator().next();
    }

    @Test
    void aWriteInAnotherInstanceIsSeenAtOnceThroughRedis() throws Exception {
        String url = url("redis");
        assertEquals(1, read(url));
        assertEquals(1, read(url));
        assertEquals(1, stats().hits(), "served from the cache before the remote write");
        writeInAnotherJvm(url, "update " + table + " set v = 2 where id = 1");
        assertEquals(2, read(url), "the Redis version check rejects the stale entry at once");
    }

    @Test
    void aWriteInAnotherInstanceIsSeenAfterItsNotificationThroughPostgres() throws Exception {
        String url = url("postgres");
        assertEquals(1, read(url));
        assertEquals(1, read(url));
        long invalidationsBefore = stats().invalidations();
        writeInAnotherJvm(url, "update " + table + " set v = 3 where id = 1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats().invalidations() == invalidationsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20); // NOTIFY is delivered at the writer's commit, picked up by our listener thread
        }
        assertEquals(3, read(url));
    }

    @Test
    void anUnreachableRedisMeansNothingIsServed() throws SQLException {
        String url = url("redis") + "&optimizer.cache.redis.url=redis://127.0.0.1:1";
        assertEquals(1, read(url));
        assertEquals(1, read(url));
        assertEquals(0, stats().hits(), "the cache never serves what it cannot check");
    }

}
