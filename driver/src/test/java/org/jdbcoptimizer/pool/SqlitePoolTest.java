package org.jdbcoptimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqlitePoolTest {

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void anInMemoryDatabaseLivesAsLongAsThePool() throws SQLException {
        String url = "jdbc:optimizer:sqlite::memory:?optimizer.pool.name=memory-" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table kept (v text)");
            statement.execute("insert into kept values ('still here')");
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select v from kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
        assertEquals(1, OptimizerDriver.poolStats().values().stream()
                .filter(s -> s.poolName().startsWith("memory-")).findFirst().orElseThrow().created());
    }

    @Test
    void severalConnectionsToAPrivateInMemoryDatabaseAreRefused() {
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class,
                () -> DriverManager.getConnection("jdbc:optimizer:sqlite::memory:?optimizer.pool.maxSize=4"));
        assertTrue(e.getMessage().contains("optimizer.pool.maxSize=4"), e.getMessage());
        assertTrue(e.getMessage().contains("in-memory"), e.getMessage());
    }

    @Test
    void fileDatabasesGetWalAndABusyTimeout() throws SQLException {
        Path file = TestDatabases.newSqliteFile();
        try (Connection connection = DriverManager.getConnection(TestDatabases.optimizerSqliteUrl(file, ""))) {
            assertEquals("wal", pragma(connection, "journal_mode"));
            assertEquals("5000", pragma(connection, "busy_timeout"));
        }
    }

    @Test
    void pragmasTheUserChoseAreKept() throws SQLException {
        Path file = TestDatabases.newSqliteFile();
        String url = "jdbc:optimizer:sqlite:" + file + "?journal_mode=TRUNCATE&busy_timeout=1234";
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals("truncate", pragma(connection, "journal_mode"));
            assertEquals("1234", pragma(connection, "busy_timeout"));
        }
    }

    @Test
    void concurrentWritersOnAFileDatabaseWaitInsteadOfFailing() throws Exception {
        Path file = TestDatabases.newSqliteFile();
        String url = TestDatabases.optimizerSqliteUrl(file, "optimizer.pool.maxSize=4");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table hits (n integer)");
        }
        Thread[] writers = new Thread[4];
        Throwable[] failures = new Throwable[writers.length];
        for (int t = 0; t < writers.length; t++) {
            int index = t;
            writers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        try (Connection connection = DriverManager.getConnection(url);
                             Statement statement = connection.createStatement()) {
                            statement.execute("insert into hits values (" + i + ")");
                        }
                    }
                } catch (Throwable e) {
                    failures[index] = e;
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new AssertionError("a writer failed", failure);
            }
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from hits")) {
            rs.next();
            assertEquals(200, rs.getInt(1));
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("pragma " + name)) {
            rs.next();
            return rs.getString(1).toLowerCase();
        }
    }
}
