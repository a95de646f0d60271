package org.jdbcoptimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TcpProxy;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away and comes back (through a TCP proxy in front of the real server, so the
 * shared server keeps running for other tests): the pool reports the outage clearly, evicts the
 * broken connections and recovers by itself.
 */
class RecoveryTest {

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void poolRecoversAfterTheServerRefusedConnectionsAndCameBack() throws Exception {
        URI target = URI.create(TestDatabases.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort()).start()) {
            String url = TestDatabases.optimizerPostgresUrl("").replace(":" + target.getPort() + "/",
                    ":" + proxy.port() + "/") + "&optimizer.pool.connectionTimeout=500ms&optimizer.pool.maxSize=3"
                    + "&password=not-logged-anywhere";

            try (Connection connection = DriverManager.getConnection(url)) {
                assertEquals(1, selectOne(connection));
            }

            proxy.stop(); // the idle pooled connection is cut and new connections are refused
            // Past the window in which a recently used connection is handed out unvalidated:
            // validation finds the cut connection, and new connections are refused until the timeout.
            Thread.sleep(ConnectionPool.ALIVE_BYPASS_NANOS / 1_000_000 + 100);
            SQLTransientConnectionException down = assertThrows(SQLTransientConnectionException.class, () -> {
                try (Connection connection = DriverManager.getConnection(url)) {
                    selectOne(connection);
                }
            });
            assertTrue(down.getMessage().contains("failed"), down.getMessage());
            assertFalse(down.getMessage().contains("not-logged-anywhere"), down.getMessage());

            proxy.start(); // the server is back on the same port
            try (Connection connection = DriverManager.getConnection(url)) {
                assertEquals(1, selectOne(connection));
            }
        }
    }

    @Test
    void aConnectionCutWhileInUseIsEvictedAndTheErrorReachesTheCaller() throws Exception {
        URI target = URI.create(TestDatabases.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort()).start()) {
            String url = TestDatabases.optimizerPostgresUrl("").replace(":" + target.getPort() + "/",
                    ":" + proxy.port() + "/") + "&optimizer.pool.maxSize=2";
            Connection connection = DriverManager.getConnection(url);
            assertEquals(1, selectOne(connection));
            proxy.stop();
            SQLException cut = assertThrows(SQLException.class, () -> selectOne(connection));
            assertTrue(cut.getSQLState().startsWith("08"), "the driver's error unchanged: " + cut.getSQLState());
            assertTrue(connection.isClosed(), "the wrapper closes itself after a fatal error");
            SQLException closed = assertThrows(SQLException.class, connection::createStatement);
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            connection.close(); // still harmless
            proxy.start();
            try (Connection fresh = DriverManager.getConnection(url)) {
                assertEquals(1, selectOne(fresh));
            }
            PoolStats stats = OptimizerDriver.poolStats().values().iterator().next();
            assertEquals(1, stats.destroyed(), stats.toString());
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
