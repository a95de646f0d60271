package org.jdbcoptimizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.pool.PoolStats;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * A pooled connection whose PostgreSQL backend is terminated from outside (as a failover, a
 * restart or an administrator would): the error reaches the application unchanged, the handle is
 * closed, the physical connection is destroyed, and the pool hands out a new one.
 */
class FatalErrorTest {

    private String poolName;
    private String url;

    @BeforeEach
    void pool() {
        poolName = "fatal-" + System.nanoTime();
        url = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + poolName + "&optimizer.pool.maxSize=2");
    }

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void terminatedBackendFailsTheNextStatementAndIsReplaced() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("select 1");
        int pid = backendPid(connection);
        long destroyedBefore = stats().destroyed();

        terminate(pid);

        SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("select 1"));
        assertInstanceOf(PSQLException.class, e, "the real driver's exception, unchanged");
        assertTrue("57P01".equals(e.getSQLState()) || e.getSQLState().startsWith("08"), e.getSQLState());

        assertTrue(connection.isClosed());
        assertFalse(connection.isValid(1));
        SQLException closed = assertThrows(SQLException.class, connection::createStatement);
        assertEquals(ClosedObjects.CONNECTION_CLOSED_STATE, closed.getSQLState());
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertTrue(statement.isClosed());
        assertTrue(prepared.isClosed());
        connection.close(); // idempotent after the fatal error

        PoolStats stats = stats();
        assertEquals(destroyedBefore + 1, stats.destroyed(), stats.toString());
        assertEquals(0, stats.active(), stats.toString());
        assertEquals(0, stats.total(), stats.toString());

        try (Connection next = DriverManager.getConnection(url)) {
            assertNotEquals(pid, backendPid(next), "a new backend");
            assertTrue(next.isValid(1));
        }
    }

    @Test
    void terminatedBackendFailsAPreparedStatementTheSameWay() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        PreparedStatement prepared = connection.prepareStatement("select ?::int");
        prepared.setInt(1, 1);
        prepared.executeQuery().close();
        int pid = backendPid(connection);

        terminate(pid);

        SQLException e = assertThrows(SQLException.class, prepared::executeQuery);
        assertInstanceOf(PSQLException.class, e);
        assertTrue(connection.isClosed());
        try (Connection next = DriverManager.getConnection(url)) {
            assertNotEquals(pid, backendPid(next));
        }
    }

    @Test
    void failedValidationOfATerminatedBackendKeepsItOutOfThePool() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        int pid = backendPid(connection);
        long destroyedBefore = stats().destroyed();

        terminate(pid);

        assertFalse(connection.isValid(2), "the backend is gone");
        connection.close();
        assertEquals(destroyedBefore + 1, stats().destroyed(),
                "a connection that failed isValid is destroyed, not returned: " + stats());
        try (Connection next = DriverManager.getConnection(url)) {
            assertNotEquals(pid, backendPid(next), "the next borrower must not get the dead backend");
        }
    }

    @Test
    void nonFatalErrorsLeaveTheConnectionInThePool() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        int pid = backendPid(connection);
        SQLException e = assertThrows(SQLException.class,
                () -> connection.createStatement().executeQuery("select * from no_such_table_at_all"));
        assertEquals("42P01", e.getSQLState());
        assertFalse(connection.isClosed());
        connection.close();
        try (Connection next = DriverManager.getConnection(url)) {
            assertEquals(pid, backendPid(next), "the same physical connection, reused");
        }
        assertEquals(0, stats().destroyed());
    }

    private PoolStats stats() {
        return OptimizerDriver.poolStats().get(poolName);
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    /** Terminates a backend from a separate, direct connection and waits until it is gone. */
    private static void terminate(int pid) throws SQLException {
        try (Connection admin = TestDatabases.directPostgres(); Statement statement = admin.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select pg_terminate_backend(" + pid + ", 5000)")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "terminated backend " + pid);
            }
        }
    }
}
