package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers and readers in many threads through the cache: no read may return data older than a
 * write whose commit had returned before the read started. Checked on the real databases.
 */
class ResultCacheConcurrencyTest {

    @TempDir
    Path dir;

    private final String table = "cache_race_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        Caches.clear();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    @Test
    void noReadIsOlderThanAWriteThatReturnedBeforeItStartedPostgres() throws Exception {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key, v bigint)",
                "insert into " + table + " select g, 0 from generate_series(1, 4) g");
        String url = TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.maxSize=12"
                + "&optimizer.pool.name=" + table + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl"));
        runRace(url, 3, 6, 1_500);
    }

    @Test
    void noReadIsOlderThanAWriteThatReturnedBeforeItStartedSqlite() throws Exception {
        String url = "jdbc:optimizer:sqlite:" + dir.resolve("race.db") + "?optimizer.cache=true&optimizer.pool.maxSize=6"
                + "&optimizer.pool.name=" + table + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl");
        try (Connection connection = DriverManager.getConnection(url);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (id integer primary key, v integer)");
            statement.execute("insert into " + table + " values (1, 0), (2, 0), (3, 0), (4, 0)");
        }
        runRace(url, 2, 4, 600);
    }

    /**
     * Writers increment counters (half in auto-commit, half in explicit transactions, some rolled
     * back); each records the value it wrote ({@code RETURNING}) once its commit has returned.
     * Readers note the floor (the highest value whose commit returned) before each read and check
     * the read is not below it. (A value another session merely observed in the database before
     * the writer's commit returned is not a floor: the optimizer invalidates before the commit
     * returns, not at the instant PostgreSQL makes the row visible.)
     */
    private void runRace(String url, int writers, int readers, int writesPerWriter) throws Exception {
        AtomicLong[] committed = new AtomicLong[5];
        for (int i = 1; i <= 4; i++) {
            committed[i] = new AtomicLong();
        }
        AtomicInteger staleReads = new AtomicInteger();
        AtomicInteger ownWritesMissed = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writersRunning = new AtomicInteger(writers);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(writers + readers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(executor.submit(() -> {
                start.await();
                try (Connection connection = DriverManager.getConnection(url)) {
                    for (int i = 0; i < writesPerWriter; i++) {
                        int id = 1 + (i + writer) % 4;
                        boolean transaction = i % 2 == 1;
                        boolean rollback = i % 10 == 9;
                        connection.setAutoCommit(!transaction);
                        long value;
                        try (PreparedStatement update = connection.prepareStatement(
                                "update " + table + " set v = v + 1 where id = ? returning v")) {
                            update.setInt(1, id);
                            try (ResultSet rs = update.executeQuery()) {
                                rs.next();
                                value = rs.getLong(1); // exactly what this writer wrote
                            }
                        }
                        try (PreparedStatement query = connection.prepareStatement(
                                "select v from " + table + " where id = ?")) {
                            query.setInt(1, id);
                            try (ResultSet rs = query.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) < value) {
                                    ownWritesMissed.incrementAndGet(); // read-your-writes
                                }
                            }
                        }
                        if (transaction) {
                            if (rollback) {
                                connection.rollback();
                                continue;
                            }
                            connection.commit();
                        }
                        committed[id].accumulateAndGet(value, Math::max);
                    }
                    connection.setAutoCommit(true);
                } finally {
                    writersRunning.decrementAndGet();
                }
                return null;
            }));
        }
        for (int r = 0; r < readers; r++) {
            int reader = r;
            futures.add(executor.submit(() -> {
                start.await();
                int i = 0;
                while (writersRunning.get() > 0) {
                    int id = 1 + (i++ + reader) % 4;
                    long floor = committed[id].get();
                    try (Connection connection = DriverManager.getConnection(url);
                         PreparedStatement query = connection.prepareStatement("select v from " + table + " where id = ?")) {
                        query.setInt(1, id);
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) < floor) {
                                staleReads.incrementAndGet();
                            }
                            reads.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(300, TimeUnit.SECONDS);
        }
        executor.shutdown();
        assertEquals(0, staleReads.get(), "stale reads out of " + reads.get());
        assertEquals(0, ownWritesMissed.get(), "a writer did not read its own write");
        CacheStats stats = Caches.stats().values().iterator().next();
        assertTrue(stats.hits() > 0, "the cache was used: " + stats);
    }
}
