package org.jdbcoptimizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cache.CacheStats;
import org.jdbcoptimizer.cache.Caches;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cacheable query's driver statement is created only when needed, on the real PostgreSQL: a hit
 * never creates it, anything the stand-in cannot answer as the driver would creates it with the
 * kept binds, and a bind the driver would refuse fails where it is made.
 */
class PendingStatementTest {

    private final String table = "pending_" + Long.toHexString(System.nanoTime());
    private String url;
    private String byId;

    @BeforeEach
    void createTable() throws SQLException {
        TestDatabases.postgresExecute(
                "create table " + table + " (id int primary key, v int, name text, price numeric)",
                "insert into " + table + " select g, g * 10, 'n' || g, g / 4.0 from generate_series(1, 20) g");
        url = TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.maxSize=1&optimizer.pool.name="
                + table + "&optimizer.slowLog.file=target/pending-test-slow.jsonl");
        byId = "select v from " + table + " where id = ?";
    }

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        Caches.clear();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private static boolean pending(PreparedStatement statement) {
        return ((OptimizerStatement) statement).delegate instanceof PendingStatement;
    }

    private static int single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            assertTrue(rs.next());
            int value = rs.getInt(1);
            assertFalse(rs.next());
            return value;
        }
    }

    private CacheStats stats() {
        return Caches.stats().values().iterator().next();
    }

    /** Runs the text once on the (single) pooled connection, so the driver has accepted its parameter. */
    private void teach(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, id);
            single(statement);
            assertFalse(pending(statement), "the first bind of a text on a connection goes to the driver");
        }
    }

    @Test
    void aHitNeverCreatesTheDriversStatement() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            teach(connection, byId, 3);
            try (PreparedStatement statement = connection.prepareStatement(byId)) {
                statement.setInt(1, 3);
                assertEquals(30, single(statement));
                assertTrue(pending(statement), "a hit ran nothing, so nothing was created");
                assertEquals(1, stats().hits());
                statement.setInt(1, 4);
                assertEquals(40, single(statement), "a miss creates the statement with the kept bind");
                assertFalse(pending(statement));
                statement.setInt(1, 3);
                assertEquals(30, single(statement), "and later binds go straight to it");
            }
        }
        try (Connection connection = DriverManager.getConnection(url); PreparedStatement statement =
                connection.prepareStatement(byId)) {
            statement.setInt(1, 4);
            assertEquals(40, single(statement));
            assertTrue(pending(statement), "learned per physical connection, kept across borrows");
        }
    }

    @Test
    void theStandInAnswersAsTheDriversStatementWould() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            teach(connection, byId, 1);
            Connection physical = ((OptimizerConnection) connection).lease().physical();
            for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE}) {
                try (PreparedStatement standIn = connection.prepareStatement(byId, type, ResultSet.CONCUR_READ_ONLY);
                     PreparedStatement driver = physical.prepareStatement(byId, type, ResultSet.CONCUR_READ_ONLY)) {
                    assertTrue(pending(standIn));
                    assertEquals(driver.getResultSetType(), standIn.getResultSetType());
                    assertEquals(driver.getResultSetConcurrency(), standIn.getResultSetConcurrency());
                    assertEquals(driver.getMaxRows(), standIn.getMaxRows());
                    assertEquals(driver.getQueryTimeout(), standIn.getQueryTimeout());
                    assertEquals(driver.getWarnings(), standIn.getWarnings());
                    assertEquals(driver.isClosed(), standIn.isClosed());
                    assertTrue(pending(standIn), "all answered without the driver");
                    assertEquals(driver.getFetchSize(), standIn.getFetchSize());
                    assertFalse(pending(standIn), "what only the driver knows, it is asked");
                    assertThrows(java.sql.SQLFeatureNotSupportedException.class, driver::getLargeMaxRows);
                    assertThrows(java.sql.SQLFeatureNotSupportedException.class, standIn::getLargeMaxRows,
                            "and what it does not implement, it refuses through us too");
                }
            }
        }
    }

    @Test
    void aBindTheDriverWouldRefuseFailsWhereItIsMade() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            teach(connection, byId, 1);
            try (PreparedStatement statement = connection.prepareStatement(byId)) {
                assertThrows(SQLException.class, () -> statement.setInt(2, 5), "there is one parameter");
                assertThrows(SQLException.class, () -> statement.setInt(0, 5));
                statement.setInt(1, 2);
                assertEquals(20, single(statement), "the statement is still usable");
            }
            try (PreparedStatement statement = connection.prepareStatement(byId)) {
                statement.setInt(1, 2);
                statement.clearParameters();
                assertTrue(pending(statement));
                SQLException unbound = assertThrows(SQLException.class, statement::executeQuery);
                assertTrue(unbound.getMessage().contains("parameter"), unbound.getMessage());
            }
        }
    }

    @Test
    void keptBindsOfEveryPlainTypeReachTheDriver() throws SQLException {
        String byAll = "select id from " + table + " where id = ? and v = ? and name = ? and price = ? and id < ?"
                + " and v::float8 = ? and v::float4 = ? and (id > ? or id = ?) and (? or ?)";
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int round = 0; round < 2; round++) { // the first teaches the driver's count, the second defers
                int id = 8 + 4 * round; // a new key each round: the second misses, so its binds must reach the driver
                try (PreparedStatement statement = connection.prepareStatement(byAll)) {
                    statement.setInt(1, id);
                    statement.setLong(2, id * 10L);
                    statement.setString(3, "n" + id);
                    statement.setBigDecimal(4, new BigDecimal(id).divide(new BigDecimal(4)));
                    statement.setShort(5, (short) 100);
                    statement.setDouble(6, id * 10.0);
                    statement.setFloat(7, id * 10.0f);
                    statement.setByte(8, (byte) 100);
                    statement.setObject(9, id);
                    statement.setBoolean(10, false);
                    statement.setObject(11, true);
                    assertEquals(round == 1, pending(statement));
                    statement.setFetchSize(5); // a setting: the driver's statement is created with the kept binds
                    assertFalse(pending(statement));
                    assertEquals(id, single(statement));
                }
            }
        }
        assertEquals(0, stats().hits());
        assertEquals(2, stats().stores());
    }

    @Test
    void aClosedStandInIsClosedAndAnUnwrapGetsTheDriversStatement() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            teach(connection, byId, 1);
            PreparedStatement statement = connection.prepareStatement(byId);
            statement.setInt(1, 1);
            statement.close();
            assertTrue(statement.isClosed());
            assertThrows(SQLException.class, statement::executeQuery);
            try (PreparedStatement unwrapped = connection.prepareStatement(byId)) {
                assertEquals("org.postgresql.jdbc.PgPreparedStatement",
                        unwrapped.unwrap(org.postgresql.PGStatement.class).getClass().getName());
                assertFalse(pending(unwrapped));
            }
            PreparedStatement open = connection.prepareStatement(byId);
            connection.close();
            assertTrue(open.isClosed(), "closing the connection closes its statements, created or not");
        }
        assertThrows(SQLException.class, () -> {
            Connection closed = DriverManager.getConnection(url);
            closed.close();
            closed.prepareStatement(byId);
        }, "a closed connection refuses to prepare without asking the driver");
    }

    @Test
    void writesAndUncacheableTextsGetTheDriversStatementAtOnce() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            try (PreparedStatement update = connection.prepareStatement("update " + table + " set v = ? where id = ?");
                 PreparedStatement volatileRead = connection.prepareStatement("select now(), v from " + table
                         + " where id = ?");
                 PreparedStatement keys = connection.prepareStatement(byId, Statement.RETURN_GENERATED_KEYS)) {
                assertFalse(pending(update));
                assertFalse(pending(volatileRead));
                assertFalse(pending(keys));
            }
        }
    }

    @Test
    void onSqliteTheTextIsCompiledWhenPrepared(@org.junit.jupiter.api.io.TempDir Path directory) throws SQLException {
        String sqlite = TestDatabases.optimizerSqliteUrl(directory.resolve("pending.db"),
                "optimizer.cache=true&optimizer.pool.maxSize=1&optimizer.pool.name=" + table + "-sqlite"
                        + "&optimizer.slowLog.file=target/pending-test-slow.jsonl");
        try (Connection connection = DriverManager.getConnection(sqlite)) {
            assertThrows(SQLException.class,
                    () -> connection.prepareStatement("select v from no_such_table where id = ?"),
                    "SQLite reports a missing table at prepare time, as without the optimizer");
        }
    }

    @Test
    void aShapeDroppedByTheAnalysisIsLookedUpAgain() throws SQLException {
        PreparedText text = new PreparedText(byId, new ExecutionListener() {
            int observed;

            @Override
            public ObservedStatement observe(String sql) {
                int generation = ++observed;
                return new ObservedStatement() {
                    @Override
                    public boolean retired() {
                        return generation == 1; // the first shape handed out is dropped at once
                    }
                };
            }

            @Override
            public void executed(ObservedStatement statement, long nanos, long rows, int batchSize,
                                 SQLException error, OptimizerConnection connection, Object[] parameters) {
            }

            @Override
            public void connectionClosed(OptimizerConnection connection) {
            }
        }, null);
        ExecutionListener.ObservedStatement first = text.observed();
        ExecutionListener.ObservedStatement second = text.observed();
        assertFalse(second.retired());
        assertTrue(first != second);
        assertTrue(second == text.observed(), "a live shape is kept");
        assertNull(new PreparedText(byId, null, null).observed(), "no analysis, no shape");
    }
}
