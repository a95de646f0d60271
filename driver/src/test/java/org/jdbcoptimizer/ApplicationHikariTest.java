package org.jdbcoptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.pool.PoolStats;
import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * An application that runs HikariCP 6 over the optimizer, configured the way users do it
 * ({@code jdbcUrl=jdbc:optimizer:postgresql://...}, {@code driverClassName=org.jdbcoptimizer.OptimizerDriver}),
 * with a plain JDBC workload from 8 threads whose results are checked in the database: once with
 * the optimizer's pool under Hikari's, once with {@code optimizer.pool=false} (Hikari pools alone).
 */
class ApplicationHikariTest {

    private static final int THREADS = 8;
    private static final int ITERATIONS = 40;

    private final TestTarget db = TestTarget.of(TestTarget.Kind.POSTGRESQL);
    private HikariDataSource hikari;

    @AfterEach
    void cleanUp() {
        if (hikari != null) {
            hikari.close();
        }
        OptimizerDriver.closePools();
        db.close();
    }

    @Test
    void hikariOverTheOptimizersPool() throws Exception {
        String poolName = "under-hikari-" + System.nanoTime();
        hikari = hikari("optimizer.pool.name=" + poolName);
        String table = db.createTable("hikari");

        runWorkload(table);

        PoolStats stats = OptimizerDriver.poolStats().get(poolName);
        assertNotNull(stats, "the optimizer pooled under Hikari");
        assertTrue(stats.total() <= THREADS, "Hikari holds at most its maximumPoolSize: " + stats);
        assertTrue(stats.created() <= 10, "within optimizer.pool.maxSize: " + stats);
        hikari.close();
        stats = OptimizerDriver.poolStats().get(poolName);
        assertEquals(0, stats.active(), "Hikari returned every connection on close: " + stats);
    }

    @Test
    void hikariAloneWithTheOptimizersPoolOff() throws Exception {
        String poolName = "no-pool-under-hikari-" + System.nanoTime();
        hikari = hikari("optimizer.pool=false&optimizer.pool.name=" + poolName);
        String table = db.createTable("hikari_nopool");

        runWorkload(table);

        assertFalse(OptimizerDriver.poolStats().containsKey(poolName), "optimizer.pool=false: no optimizer pool");
        int pid;
        try (Connection connection = hikari.getConnection()) {
            pid = backendPid(connection);
        }
        hikari.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (db.queryLong("select count(*) from pg_stat_activity where pid = " + pid) != 0) {
            // the backend exits shortly after the client's goodbye, not at once
            assertTrue(System.nanoTime() < deadline,
                    "closing Hikari closed the physical connections the optimizer did not pool");
            Thread.sleep(20);
        }
    }

    private HikariDataSource hikari(String optimizerParameters) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url(optimizerParameters));
        config.setDriverClassName(OptimizerDriver.class.getName());
        config.setMaximumPoolSize(THREADS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(10_000);
        config.setPoolName("app-hikari");
        return new HikariDataSource(config);
    }

    /**
     * Per thread and iteration: an insert, a select that must see the thread's rows so far, and a
     * transaction that either commits two rows or inserts one and rolls back.
     */
    private void runWorkload(String table) throws Exception {
        try (Connection connection = hikari.getConnection()) {
            assertTrue(connection.isWrapperFor(OptimizerConnection.class), "Hikari wraps our connection");
            assertNotNull(connection.unwrap(PGConnection.class), "unwrap reaches pgjdbc through both wrappers");
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    return work(table, thread);
                }));
            }
            start.countDown();
            int expectedTotal = 0;
            for (Future<Integer> result : results) {
                expectedTotal += result.get(60, TimeUnit.SECONDS);
            }
            assertEquals(expectedTotal, db.queryLong("select count(*) from " + table));
            assertEquals(0, db.queryLong("select count(*) from " + table + " where v like 'rolled back%'"));
            assertEquals(THREADS * ITERATIONS, db.queryLong("select count(*) from " + table + " where v like 'plain%'"));
        } finally {
            threads.shutdownNow();
        }
    }

    /** One thread's work; returns the number of rows it committed. */
    private int work(String table, int thread) throws SQLException {
        int committed = 0;
        String insert = "insert into " + table + " (v) values (?)";
        for (int i = 0; i < ITERATIONS; i++) {
            try (Connection connection = hikari.getConnection()) {
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, "plain " + thread + " " + i);
                    assertEquals(1, statement.executeUpdate());
                    committed++;
                }
                try (PreparedStatement count = connection.prepareStatement(
                        "select count(*) from " + table + " where v like ?")) {
                    count.setString(1, "% " + thread + " %");
                    try (ResultSet rs = count.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(committed, rs.getInt(1), "thread " + thread + " sees its own rows");
                    }
                }
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    if (i % 2 == 0) {
                        statement.setString(1, "rolled back " + thread + " " + i);
                        statement.executeUpdate();
                        connection.rollback();
                    } else {
                        for (int row = 0; row < 2; row++) {
                            statement.setString(1, "committed " + thread + " " + i);
                            statement.executeUpdate();
                        }
                        connection.commit();
                        committed += 2;
                    }
                }
                // left in manual commit on purpose: Hikari and the optimizer restore auto-commit
            }
        }
        return committed;
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
             ResultSet rs = statement.executeQuery()) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
