package org.jdbcoptimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.concurrent.Executors;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a borrower changed is undone on return, and only that: a clean return sends nothing. */
class ResetOnReturnTest {

    private final String table = "reset_test_" + Long.toHexString(System.nanoTime());
    /** One physical connection, so every borrow gets the same one back. */
    private final String url = TestDatabases.optimizerPostgresUrl("optimizer.pool.maxSize=1&optimizer.pool.name=reset");

    @BeforeEach
    void createTable() throws SQLException {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key)");
    }

    @AfterEach
    void dropTable() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    @Test
    void uncommittedWorkIsRolledBackBeforeAutoCommitIsRestored() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into " + table + " values (1)");
            }
        } // returned without commit: restoring auto-commit first would have committed the insert
        try (Connection connection = DriverManager.getConnection(url)) {
            assertTrue(connection.getAutoCommit());
            assertEquals(0, count(connection));
        }
    }

    @Test
    void committedWorkSurvivesTheReturn() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into " + table + " values (1)");
            }
            connection.commit();
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(1, count(connection));
        }
    }

    @Test
    void sessionPropertiesAreRestored() throws SQLException {
        int initialIsolation;
        try (Connection connection = DriverManager.getConnection(url)) {
            initialIsolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setReadOnly(true);
            connection.setSchema("pg_catalog");
            connection.setNetworkTimeout(Executors.newSingleThreadExecutor(), 12_345);
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, connection.getTransactionIsolation());
            assertTrue(connection.isReadOnly());
            assertEquals("pg_catalog", connection.getSchema());
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            Connection physical = connection.unwrap(OptimizerConnection.class).lease().physical();
            assertEquals(initialIsolation, physical.getTransactionIsolation());
            assertFalse(physical.isReadOnly());
            assertEquals("public", physical.getSchema());
            assertEquals(0, physical.getNetworkTimeout());
            assertEquals(initialIsolation, connection.getTransactionIsolation());
            assertEquals("public", connection.getSchema());
        }
    }

    @Test
    void openStatementsAreClosedOnReturn() throws SQLException {
        Statement leftOpen;
        ResultSet resultSetLeftOpen;
        try (Connection connection = DriverManager.getConnection(url)) {
            leftOpen = connection.createStatement();
            resultSetLeftOpen = leftOpen.executeQuery("select 1");
        }
        assertTrue(leftOpen.isClosed());
        assertTrue(resultSetLeftOpen.isClosed());
    }

    @Test
    void aCleanReturnSendsNothingToTheDatabase() throws Exception {
        int pid;
        Connection physical;
        Timestamp afterWork;
        try (Connection connection = DriverManager.getConnection(url)) {
            physical = connection.unwrap(OptimizerConnection.class).lease().physical();
            pid = PoolTesting.backendPid(connection);
            connection.setAutoCommit(false);
            connection.setAutoCommit(true); // toggled but nothing ran: no rollback is needed
            afterWork = lastActivity(pid);
        }
        assertEquals(afterWork, lastActivity(pid), "the return itself sent a statement");

        try (Connection connection = DriverManager.getConnection(url)) {
            assertSame(physical, connection.unwrap(OptimizerConnection.class).lease().physical());
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            afterWork = lastActivity(pid);
        }
        assertNotEquals(afterWork, lastActivity(pid), "a dirty transaction is rolled back on return");
    }

    /** When the backend last changed state, read from another session. */
    private static Timestamp lastActivity(int pid) throws SQLException {
        try (Connection admin = TestDatabases.directPostgres();
             PreparedStatement statement = admin.prepareStatement(
                     "select state_change from pg_stat_activity where pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1);
            }
        }
    }

    private int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
