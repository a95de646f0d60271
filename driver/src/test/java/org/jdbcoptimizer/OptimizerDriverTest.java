package org.jdbcoptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OptimizerDriverTest {

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void driverManagerFindsUsOnlyForOptimizerUrls() throws SQLException {
        Driver driver = DriverManager.getDriver("jdbc:optimizer:postgresql://127.0.0.1/test");
        assertInstanceOf(OptimizerDriver.class, driver);
        assertFalse(driver.acceptsURL("jdbc:postgresql://127.0.0.1/test"));
        assertFalse(driver.acceptsURL(null));
        assertNull(driver.connect("jdbc:postgresql://127.0.0.1/test", new Properties()));
    }

    @Test
    void connectsToPostgresThroughThePrefix() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.optimizerPostgresUrl(""));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_database(), 41 + 1")) {
            assertInstanceOf(OptimizerConnection.class, connection);
            assertTrue(rs.next());
            assertEquals("test", rs.getString(1));
            assertEquals(42, rs.getInt(2));
            assertSame(statement, rs.getStatement());
            assertSame(connection, statement.getConnection());
        }
    }

    @Test
    void connectsToSqliteFileThroughThePrefix() throws SQLException {
        Path file = TestDatabases.newSqliteFile();
        String url = TestDatabases.optimizerSqliteUrl(file, "");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table t (id integer primary key, name text)");
            statement.execute("insert into t (name) values ('a'), ('b')");
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from t")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
        assertTrue(file.toFile().exists());
    }

    @Test
    void optimizerParametersNeverReachTheRealDriver() throws SQLException {
        // pgjdbc ignores unknown parameters, so check through the URL the real driver reports.
        String url = TestDatabases.optimizerPostgresUrl("optimizer.pool.maxSize=3");
        try (Connection connection = DriverManager.getConnection(url)) {
            String realUrl = connection.unwrap(org.postgresql.PGConnection.class) != null
                    ? connection.getMetaData().getURL() : null;
            assertFalse(realUrl.contains("optimizer."), realUrl);
            assertTrue(realUrl.startsWith("jdbc:postgresql:"), realUrl);
        }
    }

    @Test
    void malformedUrlNamesTheProblem() {
        SQLException e = assertThrows(OptimizerConfigException.class,
                () -> DriverManager.getConnection("jdbc:optimizer:postgresql"));
        assertTrue(e.getMessage().contains("Malformed"), e.getMessage());
        e = assertThrows(OptimizerConfigException.class,
                () -> DriverManager.getConnection("jdbc:optimizer:optimizer:sqlite:x.db"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void noDriverAcceptingTheUrlListsTheDriversTried() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:optimizer:nosuchdb://host/db?password=hunter2"));
        assertTrue(e.getMessage().contains("org.postgresql.Driver"), e.getMessage());
        assertTrue(e.getMessage().contains("org.sqlite.JDBC"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains(OptimizerDriver.class.getName()), "never tries itself: " + e.getMessage());
    }

    @Test
    void targetDriverOptionChoosesTheDriver() throws SQLException {
        String url = TestDatabases.optimizerPostgresUrl("optimizer.targetDriver=org.postgresql.Driver");
        try (Connection connection = DriverManager.getConnection(url)) {
            assertTrue(connection.isValid(1));
        }
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                TestDatabases.optimizerPostgresUrl("optimizer.targetDriver=org.sqlite.JDBC")));
        assertTrue(e.getMessage().contains("does not accept"), e.getMessage());
    }
}
