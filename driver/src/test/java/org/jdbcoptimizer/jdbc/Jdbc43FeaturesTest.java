package org.jdbcoptimizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.pool.PoolStats;
import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDBC 4.3 features of the wrapped interfaces, each exercised through the optimizer on real
 * PostgreSQL and a real SQLite file, with the data or the real driver's own answer checked.
 * Where a driver does not support a feature, the test checks the driver's refusal reaches the
 * caller unchanged.
 */
class Jdbc43FeaturesTest {

    private TestTarget db;
    private String poolName;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ExecutorService executor;

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        OptimizerDriver.closePools();
        if (executor != null) {
            executor.shutdownNow();
        }
        if (db != null) {
            db.close();
        }
    }

    /** A connection from a pool of its own (named, so its statistics can be read), at most maxSize. */
    private Connection open(TestTarget.Kind kind, int maxSize) throws SQLException {
        if (db == null) {
            db = TestTarget.of(kind);
            poolName = "jdbc43-" + kind + "-" + System.nanoTime();
        }
        Connection connection = DriverManager.getConnection(url(maxSize));
        toClose.add(connection);
        return connection;
    }

    private Connection open(TestTarget.Kind kind) throws SQLException {
        return open(kind, 10);
    }

    private String url(int maxSize) {
        return db.url("optimizer.pool.name=" + poolName + "&optimizer.pool.maxSize=" + maxSize
                + "&optimizer.pool.connectionTimeout=2s");
    }

    private PoolStats stats() {
        return OptimizerDriver.poolStats().get(poolName);
    }

    private static Connection physical(Connection connection) {
        return ((OptimizerConnection) connection).lease().physical();
    }

    // --- batches and generated keys ---------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void statementBatchRunsEveryStatement(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("batch");
        Statement statement = connection.createStatement();
        statement.addBatch("insert into " + table + " (v) values ('a')");
        statement.addBatch("insert into " + table + " (v) values ('b')");
        statement.addBatch("update " + table + " set v = 'c' where v = 'b'");
        assertArrayEquals(new int[] {1, 1, 1}, statement.executeBatch());

        statement.addBatch("insert into " + table + " (v) values ('dropped')");
        statement.clearBatch();
        assertArrayEquals(new int[0], statement.executeBatch());

        assertEquals(2, db.queryLong("select count(*) from " + table));
        assertEquals(1, db.queryLong("select count(*) from " + table + " where v = 'c'"));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void preparedBatchRunsEveryParameterSetIncludingLargeBatches(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("pbatch");
        PreparedStatement insert = connection.prepareStatement("insert into " + table + " (v) values (?)");
        for (String v : new String[] {"a", "b", "c"}) {
            insert.setString(1, v);
            insert.addBatch();
        }
        assertArrayEquals(new int[] {1, 1, 1}, insert.executeBatch());

        for (String v : new String[] {"d", "e"}) {
            insert.setString(1, v);
            insert.addBatch();
        }
        assertArrayEquals(new long[] {1, 1}, insert.executeLargeBatch());

        assertEquals(5, db.queryLong("select count(*) from " + table));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void generatedKeysAreTheInsertedKeysAndPointAtOurStatement(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("genkeys");
        PreparedStatement insert = connection.prepareStatement("insert into " + table + " (v) values (?)",
                Statement.RETURN_GENERATED_KEYS);
        insert.setString(1, "first");
        assertEquals(1, insert.executeUpdate());
        long firstKey;
        try (ResultSet keys = insert.getGeneratedKeys()) {
            assertSame(insert, keys.getStatement());
            assertTrue(keys.next());
            firstKey = keys.getLong(1);
        }
        assertEquals(firstKey, db.queryLong("select id from " + table + " where v = 'first'"));

        Statement statement = connection.createStatement();
        assertEquals(1, statement.executeUpdate("insert into " + table + " (v) values ('second')",
                Statement.RETURN_GENERATED_KEYS));
        try (ResultSet keys = statement.getGeneratedKeys()) {
            assertSame(statement, keys.getStatement());
            assertTrue(keys.next());
            assertEquals(db.queryLong("select id from " + table + " where v = 'second'"), keys.getLong(1));
        }
    }

    // --- transactions -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void savepointsRollBackPartOfATransactionAndAreReleased(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("savepoint");
        connection.setAutoCommit(false);
        PreparedStatement insert = connection.prepareStatement("insert into " + table + " (v) values (?)");
        insert.setString(1, "kept");
        insert.executeUpdate();
        Savepoint unnamed = connection.setSavepoint();
        insert.setString(1, "undone");
        insert.executeUpdate();
        connection.rollback(unnamed);
        Savepoint named = connection.setSavepoint("sp_named");
        assertEquals("sp_named", named.getSavepointName());
        insert.setString(1, "after release");
        insert.executeUpdate();
        connection.releaseSavepoint(named);
        connection.commit();

        List<String> values = new ArrayList<>();
        try (Connection direct = db.direct(); Statement s = direct.createStatement();
             ResultSet rs = s.executeQuery("select v from " + table + " order by id")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        assertEquals(List.of("kept", "after release"), values);
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void uncommittedWorkIsRolledBackWhenTheConnectionIsClosed(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("rollback");
        connection.setAutoCommit(false);
        connection.createStatement().executeUpdate("insert into " + table + " (v) values ('never committed')");
        connection.close();
        assertEquals(0, db.queryLong("select count(*) from " + table));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void transactionIsolationIsSetOnTheRealConnection(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        int level = db.isPostgres() ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_READ_UNCOMMITTED;
        connection.setTransactionIsolation(level);
        assertEquals(level, connection.getTransactionIsolation());
        assertEquals(physical(connection).getTransactionIsolation(), connection.getTransactionIsolation());
        String check = db.isPostgres() ? "show transaction_isolation" : "pragma read_uncommitted";
        try (ResultSet rs = connection.createStatement().executeQuery(check)) {
            assertTrue(rs.next());
            assertEquals(db.isPostgres() ? "serializable" : "1", rs.getString(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void readOnlyIsEnforcedOrRefusedByTheDriver(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("readonly");
        if (db.isPostgres()) {
            // pgjdbc's default readOnlyMode=transaction applies read-only to explicit transactions
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            assertTrue(connection.isReadOnly());
            SQLException e = assertThrows(SQLException.class,
                    () -> connection.createStatement().executeUpdate("insert into " + table + " (v) values ('x')"));
            assertEquals("25006", e.getSQLState(), e.toString());
            assertFalse(connection.isClosed(), "a read-only violation is not fatal");
            connection.rollback();
            connection.setReadOnly(false);
            assertFalse(connection.isReadOnly());
            connection.setAutoCommit(true);
        } else {
            // sqlite-jdbc fixes read-only when it opens the file; the refusal reaches the caller
            assertThrows(SQLException.class, () -> connection.setReadOnly(true));
            assertFalse(connection.isReadOnly(), "a refused change is not recorded");
        }
        assertEquals(1, connection.createStatement().executeUpdate("insert into " + table + " (v) values ('y')"));
    }

    // --- connection properties --------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void networkTimeoutIsWhatTheDriverApplied(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        executor = Executors.newSingleThreadExecutor();
        connection.setNetworkTimeout(executor, 12_345);
        assertEquals(physical(connection).getNetworkTimeout(), connection.getNetworkTimeout(),
                "the wrapper reports the timeout the real driver uses");
        if (db.isPostgres()) {
            assertEquals(12_345, connection.getNetworkTimeout());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void catalogIsWhatTheDriverUses(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String before = connection.getCatalog();
        assertEquals(physical(connection).getCatalog(), before);
        // Both drivers ignore setCatalog, as JDBC allows; getCatalog must then not claim otherwise.
        connection.setCatalog("no_such_catalog");
        assertEquals(physical(connection).getCatalog(), connection.getCatalog());
        assertEquals(before, connection.getCatalog());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void schemaIsWhatTheDriverUses(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        if (db.isPostgres()) {
            String schema = db.tableName("schema");
            db.dropOnClose("drop schema if exists " + schema + " cascade");
            db.execute("create schema " + schema, "create table " + schema + ".t (x int)",
                    "insert into " + schema + ".t values (7)");
            connection.setSchema(schema);
            assertEquals(schema, connection.getSchema());
            try (ResultSet rs = connection.createStatement().executeQuery("select current_schema(), x from t")) {
                assertTrue(rs.next());
                assertEquals(schema, rs.getString(1));
                assertEquals(7, rs.getInt(2));
            }
        }
        // A schema that does not exist (PostgreSQL) or schemas not supported at all (SQLite):
        // the wrapper reports what the driver reports.
        connection.setSchema("no_such_schema");
        assertEquals(physical(connection).getSchema(), connection.getSchema());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void changedStateIsUndoneBeforeTheNextBorrower(TestTarget.Kind kind) throws SQLException {
        Assumptions.assumeTrue(kind == TestTarget.Kind.POSTGRESQL, "needs settable state: PostgreSQL");
        Connection first = open(kind, 1);
        Connection firstPhysical = physical(first);
        executor = Executors.newSingleThreadExecutor();
        first.setAutoCommit(false);
        first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        first.setReadOnly(true);
        first.setSchema("pg_catalog");
        first.setNetworkTimeout(executor, 4_321);
        first.createStatement().executeQuery("select 1").close();
        first.setClientInfo("NoSuchClientInfoProperty", "x"); // pgjdbc adds a connection warning
        assertNotNull(first.getWarnings());
        first.close();

        Connection second = open(kind, 1);
        assertSame(firstPhysical, physical(second), "maxSize=1: the same physical connection");
        assertTrue(second.getAutoCommit());
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, second.getTransactionIsolation());
        assertFalse(second.isReadOnly());
        assertEquals("public", second.getSchema());
        assertEquals(0, second.getNetworkTimeout());
        assertNull(second.getWarnings(), "the last borrower's warnings are gone");
        try (ResultSet rs = second.createStatement().executeQuery("select current_setting('transaction_isolation'),"
                + " current_setting('default_transaction_read_only'), current_schema()")) {
            assertTrue(rs.next());
            assertEquals("read committed", rs.getString(1));
            assertEquals("off", rs.getString(2));
            assertEquals("public", rs.getString(3));
        }
        assertEquals(0, physical(second).getNetworkTimeout());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void clientInfoSetsThePostgresApplicationName(TestTarget.Kind kind) throws SQLException {
        Assumptions.assumeTrue(kind == TestTarget.Kind.POSTGRESQL, "ApplicationName is PostgreSQL's");
        Connection connection = open(kind);
        connection.setClientInfo("ApplicationName", "jdbc43-test");
        assertEquals("jdbc43-test", connection.getClientInfo("ApplicationName"));
        assertEquals("jdbc43-test", connection.getClientInfo().getProperty("ApplicationName"));
        try (ResultSet rs = connection.createStatement().executeQuery("show application_name")) {
            assertTrue(rs.next());
            assertEquals("jdbc43-test", rs.getString(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void typeMapIsTheRealConnectionsOrRefused(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Map<String, Class<?>> map = new HashMap<>();
        map.put("my_type", String.class);
        try {
            connection.setTypeMap(map);
        } catch (SQLFeatureNotSupportedException e) {
            assertThrows(SQLFeatureNotSupportedException.class, () -> physical(connection).setTypeMap(map));
            return;
        }
        assertEquals(physical(connection).getTypeMap(), connection.getTypeMap());
        if (db.isPostgres()) {
            assertEquals(map, connection.getTypeMap());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void holdabilityIsSetOrRefusedByTheDriver(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        assertEquals(ResultSet.CLOSE_CURSORS_AT_COMMIT, connection.getHoldability());
        if (db.isPostgres()) {
            connection.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT);
            assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, connection.getHoldability());
            assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT,
                    connection.createStatement().getResultSetHoldability());
        } else {
            assertThrows(SQLException.class, () -> connection.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
            assertEquals(ResultSet.CLOSE_CURSORS_AT_COMMIT, connection.getHoldability());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void warningsAreReadAndCleared(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        if (db.isPostgres()) {
            statement.execute("do $$ begin raise warning 'careful: %', 42; end $$");
            SQLWarning warning = statement.getWarnings();
            assertNotNull(warning);
            assertTrue(warning.getMessage().contains("careful: 42"), warning.getMessage());
            statement.clearWarnings();
            assertNull(statement.getWarnings());

            connection.setClientInfo("NoSuchClientInfoProperty", "x"); // pgjdbc warns on the connection
            assertNotNull(connection.getWarnings());
        } else {
            statement.execute("select 1");
            assertNull(statement.getWarnings());
        }
        connection.clearWarnings();
        assertNull(connection.getWarnings());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void beginAndEndRequestLeaveTheConnectionUsable(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        connection.beginRequest();
        try (ResultSet rs = connection.createStatement().executeQuery("select 5")) {
            assertTrue(rs.next());
            assertEquals(5, rs.getInt(1));
        }
        connection.endRequest();
        assertTrue(connection.isValid(1));
    }

    // --- statements -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closeOnCompletionClosesTheStatementWithItsResultSet(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        assertFalse(statement.isCloseOnCompletion());
        statement.closeOnCompletion();
        assertTrue(statement.isCloseOnCompletion());
        ResultSet rs = statement.executeQuery("select 1");
        assertFalse(statement.isClosed());
        rs.close();
        assertTrue(statement.isClosed());
        assertThrows(SQLException.class, statement::getConnection, "a statement closed on completion is closed");
        if (db.isPostgres()) { // sqlite-jdbc runs queries on a statement it reports closed
            assertThrows(SQLException.class, () -> statement.executeQuery("select 1"));
        }
        assertTrue(connection.createStatement().execute("select 1"), "the connection is unaffected");
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void callableStatementReadsAnOutParameter(TestTarget.Kind kind) throws SQLException {
        Assumptions.assumeTrue(kind == TestTarget.Kind.POSTGRESQL, "SQLite has no stored procedures");
        Connection connection = open(kind);
        String function = db.tableName("fn");
        db.dropOnClose("drop function if exists " + function + "(int)");
        db.execute("create function " + function + "(a int, out doubled int, out label text) as $$"
                + " select a * 2, 'n=' || a $$ language sql");
        CallableStatement call = connection.prepareCall("{call " + function + "(?, ?, ?)}");
        assertInstanceOf(OptimizerCallableStatement.class, call);
        call.setInt(1, 21);
        call.registerOutParameter(2, Types.INTEGER);
        call.registerOutParameter(3, Types.VARCHAR);
        call.execute();
        assertEquals(42, call.getInt(2));
        assertEquals("n=21", call.getString(3));
        assertSame(connection, call.getConnection());
    }

    // --- abort ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void abortFromAnotherThreadClosesTheConnectionAndThePoolCarriesOn(TestTarget.Kind kind) throws Exception {
        Connection connection = open(kind, 2);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select 1");
        Connection physical = physical(connection);
        long destroyedBefore = stats().destroyed();
        executor = Executors.newSingleThreadExecutor();

        CompletableFuture.runAsync(() -> {
            try {
                connection.abort(executor);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);

        assertTrue(connection.isClosed());
        assertFalse(connection.isValid(1));
        assertThrows(SQLException.class, connection::createStatement);
        assertTrue(statement.isClosed(), "the statements of an aborted connection are closed");
        assertThrows(SQLException.class, statement::getConnection);
        connection.close(); // still idempotent

        assertEquals(destroyedBefore + 1, stats().destroyed(), "the aborted connection is not reused");
        assertEquals(0, stats().active());
        try (Connection next = open(kind, 2); ResultSet one = next.createStatement().executeQuery("select 1")) {
            assertTrue(one.next());
            assertFalse(physical(next) == physical, "a new physical connection");
        }
        assertTrue(rs.isClosed(), "the result sets of an aborted connection are closed");
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void cancelFromAnotherThreadEndsTheStatementAndKeepsTheConnection(TestTarget.Kind kind) throws Exception {
        Assumptions.assumeTrue(kind == TestTarget.Kind.POSTGRESQL, "needs a server-side sleep");
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
            try {
                statement.execute("select pg_sleep(60)");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        SQLException failure = null;
        while (failure == null) { // cancel until the statement has started and is cancelled
            assertTrue(System.nanoTime() < deadline, "the statement was never cancelled");
            statement.cancel();
            try {
                failure = running.get(100, TimeUnit.MILLISECONDS);
                assertNotNull(failure, "pg_sleep(60) returned normally");
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // not started yet, or the cancel raced its start: cancel again
            }
        }
        assertEquals("57014", failure.getSQLState(), failure.toString());
        assertFalse(connection.isClosed(), "a cancelled query is not a broken connection");
        assertTrue(connection.createStatement().execute("select 1"));
        assertEquals(0, stats().destroyed());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void abortRacingCloseReturnsThePhysicalConnectionOnce(TestTarget.Kind kind) throws Exception {
        int maxSize = 2;
        executor = Executors.newSingleThreadExecutor();
        ExecutorService aborter = Executors.newSingleThreadExecutor();
        try {
            for (int i = 1; i <= 200; i++) {
                Connection connection = open(kind, maxSize);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> abort = aborter.submit(() -> {
                    start.await();
                    connection.abort(Runnable::run);
                    return null;
                });
                start.await();
                connection.close();
                abort.get(10, TimeUnit.SECONDS);

                PoolStats stats = stats();
                assertEquals(0, stats.active(), "iteration " + i + ": " + stats);
                assertTrue(stats.total() >= 0 && stats.total() <= maxSize, "iteration " + i + ": " + stats);
                assertTrue(stats.destroyed() <= stats.created(), "iteration " + i + ": " + stats);
            }
        } finally {
            aborter.shutdownNow();
        }
        // Permits not inflated by a double return: maxSize connections, then the pool is exhausted.
        try (Connection a = open(kind, maxSize); Connection b = open(kind, maxSize)) {
            assertTrue(a.isValid(1) && b.isValid(1));
            assertEquals(maxSize, stats().active());
            assertEquals(maxSize, stats().total(), stats().toString());
            assertThrows(java.sql.SQLTransientConnectionException.class, () -> open(kind, maxSize));
        }
    }

    @org.junit.jupiter.api.Test
    void abortOfAnUnpooledSqliteConnectionClosesThePhysicalConnection() throws Exception {
        db = TestTarget.of(TestTarget.Kind.SQLITE);
        Connection connection = DriverManager.getConnection(db.url("optimizer.pool=false"));
        Connection physical = physical(connection);
        connection.abort(Runnable::run);
        assertTrue(connection.isClosed());
        assertTrue(physical.isClosed(), "the physical connection is closed after abort");
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void abortEndsAStatementRunningInAnotherThread(TestTarget.Kind kind) throws Exception {
        Assumptions.assumeTrue(kind == TestTarget.Kind.POSTGRESQL, "needs a server-side sleep");
        Connection connection = open(kind);
        long pid;
        try (ResultSet rs = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
            try {
                connection.createStatement().execute("select pg_sleep(60)");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.queryLong("select count(*) from pg_stat_activity where pid = " + pid
                + " and query like '%pg_sleep(60)%' and state = 'active'") == 0) {
            assertTrue(System.nanoTime() < deadline, "the sleep never started");
            Thread.sleep(20);
        }
        executor = Executors.newSingleThreadExecutor();
        connection.abort(executor);

        SQLException failure = running.get(10, TimeUnit.SECONDS);
        assertNotNull(failure, "the running statement failed instead of sleeping 60 s");
        assertTrue(connection.isClosed());
        // The server does not notice the closed socket during pg_sleep: end the orphaned backend, whose
        // snapshot would otherwise keep VACUUM from marking other tests' pages all-visible for a minute.
        db.queryLong("select count(pg_terminate_backend(" + pid + "))");
    }
}
