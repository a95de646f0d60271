package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two PostgreSQL buses on one real database stand for two processes. */
class PostgresBusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String channel = "jdbcopt_test_" + Payload.newSenderId();
    private final AtomicInteger listenerPid = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final RecordingListener heardByA = new RecordingListener();
    private final RecordingListener heardByB = new RecordingListener();
    private InvalidationBus a;
    private InvalidationBus b;

    @BeforeEach
    void startBuses() throws InterruptedException {
        BusSettings settings = BusSettings.builder().postgresChannel(channel).pollMillis(50).keepaliveMillis(1_000)
                .reconnectMinMillis(50).reconnectMaxMillis(200).logPrefix("test-" + channel).build();
        a = Buses.create(Buses.POSTGRES, "test", settings, TestDatabases::directPostgres);
        b = Buses.create(Buses.POSTGRES, "test", settings, this::listenerConnectionOfB);
        assertFalse(a.healthy(), "not listening before start");
        a.start(heardByA);
        b.start(heardByB);
        RecordingListener.await("listening", WAIT, () -> a.healthy() && b.healthy());
        heardByA.awaitEvent(RecordingListener.ALL, WAIT);
        heardByB.awaitEvent(RecordingListener.ALL, WAIT);
    }

    @AfterEach
    void closeBuses() {
        a.close();
        b.close();
        assertFalse(a.healthy());
    }

    @Test
    void aCommittedWriteReachesTheOtherProcessButNotItsSender() throws Exception {
        try (Connection writer = TestDatabases.directPostgres()) {
            writer.setAutoCommit(false);
            a.written(writer, new LinkedHashSet<>(List.of("Orders", "items")), false);
            heardByB.assertQuiet(Duration.ofMillis(300));
            writer.commit();
        }
        assertEquals("items,orders", heardByB.next(WAIT));
        markerFromB();
        assertEquals("marker", heardByA.next(WAIT), "A's own message is not delivered back to A");
    }

    @Test
    void aRolledBackWriteReachesNobody() throws Exception {
        try (Connection writer = TestDatabases.directPostgres()) {
            writer.setAutoCommit(false);
            a.written(writer, Set.of("orders"), false);
            writer.rollback();
        }
        markerFromA();
        // PostgreSQL delivers in commit order: a message of the rolled-back transaction would come first
        assertEquals("marker", heardByB.next(WAIT));
    }

    @Test
    void anAutoCommitWriteIsDelivered() throws Exception {
        try (Connection writer = TestDatabases.directPostgres()) {
            a.written(writer, Set.of("orders"), false);
        }
        assertEquals("orders", heardByB.next(WAIT));
    }

    @Test
    void everythingArrivesAsInvalidateAll() throws Exception {
        int before = heardByB.invalidateAlls();
        try (Connection writer = TestDatabases.directPostgres()) {
            a.written(writer, Set.of("orders"), true);
        }
        assertEquals(RecordingListener.ALL, heardByB.next(WAIT));
        assertEquals(before + 1, heardByB.invalidateAlls());
    }

    @Test
    void manyTablesAreSplitOverSeveralNotificationsOfOneTransaction() throws Exception {
        Set<String> tables = new TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            tables.add(String.format("table_%04d", i));
        }
        try (Connection writer = TestDatabases.directPostgres()) {
            writer.setAutoCommit(false);
            a.written(writer, tables, false);
            writer.commit();
        }
        Set<String> received = new TreeSet<>();
        while (received.size() < tables.size()) {
            String event = heardByB.next(WAIT);
            received.addAll(List.of(event.split(",")));
        }
        assertEquals(tables, received);
    }

    @Test
    void aDatabaseErrorReachesTheCaller() throws Exception {
        try (Connection writer = TestDatabases.directPostgres()) {
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                assertThrows(SQLException.class, () -> statement.execute("SELECT 1/0"));
            }
            SQLException aborted = assertThrows(SQLException.class, () -> a.written(writer, Set.of("orders"), false));
            assertEquals("25P02", aborted.getSQLState());
            writer.rollback();
        }
    }

    @Test
    void theListenerReconnectsAfterItsBackendIsTerminatedAndInvalidatesEverything() throws Exception {
        int pid = listenerPid.get();
        int allsBefore = heardByB.invalidateAlls();
        databaseDown.set(true);
        try (Connection admin = TestDatabases.directPostgres(); Statement statement = admin.createStatement();
                ResultSet terminated = statement.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            assertTrue(terminated.next() && terminated.getBoolean(1), "terminated backend " + pid);
        }
        RecordingListener.await("unhealthy after the backend was terminated", WAIT, () -> !b.healthy());
        assertFalse(b.remoteUnchanged(new String[] {"orders"}, null));
        Thread.sleep(300);
        assertFalse(b.healthy(), "not healthy while the database cannot be reached");

        databaseDown.set(false);
        RecordingListener.await("healthy again", WAIT, b::healthy);
        assertNotEquals(pid, listenerPid.get());
        heardByB.awaitEvent(RecordingListener.ALL, WAIT);
        assertEquals(allsBefore + 1, heardByB.invalidateAlls());
        markerFromA();
        assertEquals("marker", heardByB.next(WAIT), "messages flow again");
    }

    @Test
    void aQuietListenerChecksItsConnectionWithoutReconnecting() throws Exception {
        BusSettings settings = BusSettings.builder().postgresChannel(channel).pollMillis(20).keepaliveMillis(100).build();
        RecordingListener heard = new RecordingListener();
        try (InvalidationBus quiet = Buses.create(Buses.POSTGRES, "test", settings, TestDatabases::directPostgres)) {
            quiet.start(heard);
            RecordingListener.await("listening", WAIT, quiet::healthy);
            assertEquals(RecordingListener.ALL, heard.next(WAIT));
            heard.assertQuiet(Duration.ofMillis(1_000));
            assertTrue(quiet.healthy());
            assertEquals(1, heard.invalidateAlls(), "no reconnection after ten keepalive checks");
            markerFromA();
            assertEquals("marker", heard.next(WAIT));
        }
    }

    @Test
    void noVersions() {
        assertNull(b.remoteVersions(new String[] {"orders"}));
        assertTrue(b.remoteUnchanged(new String[] {"orders"}, null), "healthy and no versions to compare");
    }

    @Test
    void startingTwiceIsAnError() {
        assertThrows(IllegalStateException.class, () -> a.start(heardByA));
    }

    private Connection listenerConnectionOfB() throws SQLException {
        if (databaseDown.get()) {
            throw new SQLException("test: the database is unreachable", "08001");
        }
        Connection connection = TestDatabases.directPostgres();
        try (Statement statement = connection.createStatement();
                ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            listenerPid.set(pid.getInt(1));
        }
        return connection;
    }

    private void markerFromA() throws SQLException {
        try (Connection writer = TestDatabases.directPostgres()) {
            a.written(writer, Set.of("marker"), false);
        }
    }

    private void markerFromB() throws SQLException {
        try (Connection writer = TestDatabases.directPostgres()) {
            b.written(writer, Set.of("marker"), false);
        }
    }
}
