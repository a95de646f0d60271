package org.jdbcoptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.pool.PoolStats;
import org.jdbcoptimizer.testing.PropertiesRecordingDriver;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * {@link OptimizerDataSource} against real PostgreSQL and SQLite: built from a URL or wrapping the
 * driver's own DataSource, one pool per set of credentials, statistics, close, and configuration
 * errors reported when a connection is asked for.
 */
class OptimizerDataSourceTest {

    private OptimizerDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private OptimizerDataSource track(OptimizerDataSource created) {
        dataSource = created;
        return created;
    }

    @Test
    void builtFromAPostgresUrlPoolsItsConnections() throws SQLException {
        OptimizerDataSource ds = track(new OptimizerDataSource(
                TestDatabases.optimizerPostgresUrl("optimizer.pool.name=ds-url-pg&optimizer.pool.maxSize=3")));
        int pid;
        try (Connection connection = ds.getConnection()) {
            assertInstanceOf(OptimizerConnection.class, connection);
            assertTrue(connection.isWrapperFor(PGConnection.class));
            pid = backendPid(connection);
        }
        try (Connection connection = ds.getConnection()) {
            assertEquals(pid, backendPid(connection), "the pooled physical connection is reused");
        }
        PoolStats stats = ds.poolStats().get("ds-url-pg");
        assertEquals(1, ds.poolStats().size());
        assertEquals(2, stats.borrows());
        assertEquals(1, stats.created());
        assertEquals(0, stats.active());
        assertFalse(OptimizerDriver.poolStats().containsKey("ds-url-pg"),
                "a DataSource owns its pool; it is not one of the driver's shared pools");
    }

    @Test
    void builtFromASqliteUrl() throws SQLException {
        Path file = TestDatabases.newSqliteFile();
        OptimizerDataSource ds = track(new OptimizerDataSource(TestDatabases.optimizerSqliteUrl(file, "")));
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
            assertTrue(connection.isWrapperFor(SQLiteConnection.class));
            statement.execute("create table t (x integer)");
            statement.execute("insert into t values (1), (2)");
        }
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select sum(x) from t")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1));
        }
        assertEquals(1, ds.poolStats().size());
    }

    @Test
    void wrapsAPostgresDataSource() throws SQLException {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(TestDatabases.postgresUrl());
        OptimizerDataSource ds = track(OptimizerDataSource.wrap(target,
                Map.of("optimizer.pool.name", "ds-wrap-pg", "pool.maxSize", "2")));

        assertSame(target, ds.unwrap(PGSimpleDataSource.class));
        assertTrue(ds.isWrapperFor(PGSimpleDataSource.class));
        assertSame(ds, ds.unwrap(OptimizerDataSource.class));
        assertThrows(SQLException.class, () -> ds.unwrap(SQLiteDataSource.class));

        int pid;
        try (Connection connection = ds.getConnection()) {
            assertInstanceOf(OptimizerConnection.class, connection);
            assertInstanceOf(PGConnection.class, connection.unwrap(PGConnection.class));
            pid = backendPid(connection);
        }
        try (Connection connection = ds.getConnection()) {
            assertEquals(pid, backendPid(connection));
        }
        assertEquals(2, ds.poolStats().get("ds-wrap-pg").borrows());
    }

    @Test
    void wrapsASqliteDataSource() throws SQLException {
        SQLiteDataSource target = new SQLiteDataSource();
        target.setUrl("jdbc:sqlite:" + TestDatabases.newSqliteFile());
        OptimizerDataSource ds = track(OptimizerDataSource.wrap(target));
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
            assertInstanceOf(SQLiteConnection.class, connection.unwrap(SQLiteConnection.class));
            statement.execute("create table t (x integer)");
            statement.execute("insert into t values (41)");
        }
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select x + 1 from t")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        assertEquals(1, ds.poolStats().size());
    }

    @Test
    void wrappedInMemorySqliteDataSourceIsOneDatabaseForEveryBorrower() throws Exception {
        SQLiteDataSource target = new SQLiteDataSource();
        target.setUrl("jdbc:sqlite::memory:");
        OptimizerDataSource ds = track(OptimizerDataSource.wrap(target, Map.of("pool.connectionTimeout", "5s")));
        Connection first = ds.getConnection();
        first.createStatement().execute("create table t (x integer)");
        first.createStatement().execute("insert into t values (1)");

        // A second borrower while the first holds its connection: a second physical connection
        // would be a second, empty in-memory database. It must wait for the one connection instead.
        java.util.concurrent.CompletableFuture<Integer> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from t")) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(200);
        first.close();
        assertEquals(1, second.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void otherCredentialsGetAPoolOfTheirOwn() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        OptimizerDataSource ds = track(new OptimizerDataSource(withoutUser(TestDatabases.optimizerPostgresUrl("")), properties));

        try (Connection connection = ds.getConnection()) {
            assertEquals("postgres", currentUser(connection));
        }
        try (Connection connection = ds.getConnection("root", "")) {
            assertEquals("root", currentUser(connection));
        }
        try (Connection connection = ds.getConnection("root", "")) {
            assertEquals("root", currentUser(connection));
        }
        try (Connection connection = ds.getConnection()) {
            assertEquals("postgres", currentUser(connection), "the default pool is not mixed with root's");
        }
        try (Connection connection = ds.getConnection(null, null)) {
            assertEquals("postgres", currentUser(connection), "no credentials: the default ones");
        }
        Map<String, PoolStats> stats = ds.poolStats();
        assertEquals(2, stats.size(), stats.toString());
        for (PoolStats pool : stats.values()) {
            assertEquals(1, pool.created(), pool.toString());
        }
        assertEquals(5, stats.values().stream().mapToLong(PoolStats::borrows).sum());
    }

    @Test
    void noCredentialsBeforeAnyOtherRequestMeanTheDefaultOnes() throws SQLException {
        OptimizerDataSource ds = track(new OptimizerDataSource(TestDatabases.optimizerPostgresUrl("")));
        try (Connection connection = ds.getConnection(null, null)) {
            assertEquals("postgres", currentUser(connection));
        }
        ds.getConnection().close();
        assertEquals(1, ds.poolStats().size(), "getConnection() and getConnection(null, null) share a pool");
    }

    @Test
    void otherCredentialsNeverCarryTheDefaultPassword() throws SQLException {
        String url = withoutUser(TestDatabases.optimizerPostgresUrl(
                "optimizer.targetDriver=" + PropertiesRecordingDriver.class.getName()))
                .replaceFirst("^jdbc:optimizer:", "jdbc:optimizer:recording:");
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres-secret"); // trust auth: accepted, and ignored
        OptimizerDataSource ds = track(new OptimizerDataSource(url, properties));
        PropertiesRecordingDriver.clear();

        ds.getConnection().close();
        try (Connection connection = ds.getConnection("root", null)) {
            assertEquals("root", currentUser(connection));
        }

        List<Properties> connects = PropertiesRecordingDriver.connects();
        assertEquals(2, connects.size());
        assertEquals("postgres-secret", connects.get(0).getProperty("password"));
        assertEquals("root", connects.get(1).getProperty("user"));
        assertNull(connects.get(1).getProperty("password"), "root was given postgres's password");
    }

    @Test
    void wrappedDataSourceGetsAPoolPerCredentialsToo() throws SQLException {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(withoutUser(TestDatabases.postgresUrl()));
        target.setUser("postgres");
        OptimizerDataSource ds = track(OptimizerDataSource.wrap(target));
        try (Connection connection = ds.getConnection()) {
            assertEquals("postgres", currentUser(connection));
        }
        try (Connection connection = ds.getConnection("root", "")) {
            assertEquals("root", currentUser(connection));
        }
        assertEquals(2, ds.poolStats().size());
    }

    @Test
    void unpooledDataSourceOpensAConnectionPerRequest() throws SQLException {
        OptimizerDataSource ds = track(new OptimizerDataSource(TestDatabases.optimizerPostgresUrl("optimizer.pool=false")));
        int first;
        try (Connection connection = ds.getConnection()) {
            first = backendPid(connection);
        }
        try (Connection connection = ds.getConnection()) {
            assertNotEquals(first, backendPid(connection));
        }
        assertTrue(ds.poolStats().isEmpty());
    }

    @Test
    void closeIsIdempotentAndLaterRequestsFailClearly() throws SQLException {
        OptimizerDataSource ds = track(new OptimizerDataSource(TestDatabases.optimizerPostgresUrl("")));
        Connection inUse = ds.getConnection();
        Connection physical = ((OptimizerConnection) inUse).lease().physical();

        ds.close();
        ds.close();

        assertTrue(ds.isClosed());
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        e = assertThrows(SQLException.class, () -> ds.getConnection("root", ""));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());

        assertTrue(inUse.isValid(1), "a connection in use stays usable until it is returned");
        inUse.close();
        assertTrue(physical.isClosed(), "returned to a closed pool: the physical connection is closed");
    }

    @Test
    void unknownOptionInTheUrlIsReportedAtGetConnection() {
        OptimizerDataSource ds = track(new OptimizerDataSource(
                TestDatabases.optimizerPostgresUrl("optimizer.pool.maxSiez=3")));
        for (int attempt = 0; attempt < 2; attempt++) {
            SQLException e = assertThrows(OptimizerConfigException.class, ds::getConnection);
            assertTrue(e.getMessage().contains("optimizer.pool.maxSiez"), e.getMessage());
            assertTrue(e.getMessage().contains("optimizer.pool.maxSize"), "suggests the right name: " + e.getMessage());
        }
    }

    @Test
    void unknownOptionInThePropertiesIsReportedAtGetConnection() {
        Properties properties = new Properties();
        properties.setProperty("optimizer.pool.maxSiez", "3");
        OptimizerDataSource ds = track(new OptimizerDataSource(TestDatabases.optimizerPostgresUrl(""), properties));
        SQLException e = assertThrows(OptimizerConfigException.class, ds::getConnection);
        assertTrue(e.getMessage().contains("optimizer.pool.maxSiez"), e.getMessage());
    }

    @Test
    void unknownOptionOfAWrappedDataSourceIsReportedAtGetConnection() {
        DataSource target = new SQLiteDataSource();
        OptimizerDataSource ds = track(OptimizerDataSource.wrap(target, Map.of("pool.maxSiez", "3")));
        SQLException e = assertThrows(OptimizerConfigException.class, ds::getConnection);
        assertTrue(e.getMessage().contains("optimizer.pool.maxSiez"), e.getMessage());
    }

    @Test
    void badOptionValueNamesOptionAndValue() {
        OptimizerDataSource ds = track(new OptimizerDataSource(
                TestDatabases.optimizerPostgresUrl("optimizer.pool.maxSize=0")));
        SQLException e = assertThrows(OptimizerConfigException.class, ds::getConnection);
        assertTrue(e.getMessage().contains("optimizer.pool.maxSize"), e.getMessage());
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    /** A PostgreSQL URL without its user parameter: pgjdbc prefers the URL's user to the one asked for. */
    private static String withoutUser(String url) {
        String stripped = url.replaceAll("([?&])user=[^&]*&?", "$1");
        return stripped.endsWith("?") || stripped.endsWith("&") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_user")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
