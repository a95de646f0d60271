package org.jdbcoptimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.testing.TestDatabases;

/** Builds pools over the real PostgreSQL for tests, and checks the pool's invariants. */
final class PoolTesting {

    private PoolTesting() {
    }

    /** A pool over {@code targetUrl} with options written as URL parameters ("optimizer.pool.maxSize=2&..."). */
    static ConnectionPool pool(String targetUrl, String options) throws OptimizerConfigException {
        String optimizerUrl = "jdbc:optimizer:" + targetUrl.substring("jdbc:".length());
        if (!options.isEmpty()) {
            optimizerUrl += (optimizerUrl.contains("?") ? "&" : "?") + options;
        }
        OptimizerConfig config = OptimizerConfig.load(optimizerUrl, null);
        return new ConnectionPool(PoolSettings.from(config, targetUrl), factory(targetUrl));
    }

    static ConnectionPool postgresPool(String options) throws OptimizerConfigException {
        return pool(TestDatabases.postgresUrl(), options);
    }

    static ConnectionFactory factory(String url) {
        return new ConnectionFactory() {
            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public String describe() {
                return url;
            }
        };
    }

    static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void terminateBackend(int pid) throws SQLException {
        try (Connection admin = TestDatabases.directPostgres(); Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(" + pid + ")");
        }
    }

    /** Waits up to 10 s for a condition the housekeeper brings about. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The invariants of a pool with no borrower: nothing active or waiting, every connection idle,
     * counts within bounds and consistent with created - destroyed.
     */
    static void assertQuiescentInvariants(ConnectionPool pool) {
        PoolStats stats = pool.stats();
        assertEquals(0, stats.active(), "active: " + stats);
        assertEquals(0, stats.waiting(), "waiting: " + stats);
        assertEquals(stats.total(), stats.idle(), "idle == total: " + stats);
        assertTrue(stats.total() <= pool.settings().maxSize(), "total <= maxSize: " + stats);
        assertEquals(stats.created() - stats.destroyed(), stats.total(), "created - destroyed == total: " + stats);
        for (PoolEntry entry : pool.entries()) {
            assertEquals(PoolEntry.IDLE, entry.state(), "every entry idle: " + stats);
        }
        assertEquals(stats.total(), pool.entries().length, "every counted connection is registered: " + stats);
    }
}
