package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes made with a plain pgjdbc connection, not through the optimizer, reach the bus through the triggers. */
class PostgresTriggersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String suffix = Payload.newSenderId();
    private final String channel = "jdbcopt_test_" + suffix;
    private final String products = "bus_products_" + suffix;
    private final String orders = "bus_orders_" + suffix;
    private final RecordingListener heard = new RecordingListener();
    private InvalidationBus bus;

    @BeforeEach
    void createTablesAndListen() throws Exception {
        TestDatabases.postgresExecute(
                "CREATE TABLE " + products + " (id int PRIMARY KEY, price numeric)",
                "CREATE TABLE " + orders + " (id int PRIMARY KEY)");
        bus = Buses.create(Buses.POSTGRES, "test", BusSettings.builder().postgresChannel(channel).pollMillis(50).build(),
                TestDatabases::directPostgres);
        bus.start(heard);
        RecordingListener.await("listening", WAIT, bus::healthy);
        assertEquals(RecordingListener.ALL, heard.next(WAIT));
    }

    @AfterEach
    void dropTables() throws Exception {
        bus.close();
        try (Connection connection = TestDatabases.directPostgres()) {
            PostgresTriggers.uninstallTriggers(connection, List.of(products, orders));
        }
        TestDatabases.postgresExecute("DROP TABLE IF EXISTS " + products, "DROP TABLE IF EXISTS " + orders);
    }

    @Test
    void writesFromAPlainConnectionNotifyAtCommit() throws Exception {
        try (Connection dba = TestDatabases.directPostgres()) {
            PostgresTriggers.installTriggers(dba, channel, List.of(products, "public." + orders));
            assertTrue(dba.getAutoCommit(), "auto-commit restored");
            assertTrue(PostgresTriggers.installedTables(dba).containsAll(List.of("public." + products, "public." + orders)));
        }
        try (Connection other = TestDatabases.directPostgres(); Statement statement = other.createStatement()) {
            statement.execute("INSERT INTO " + products + " VALUES (1, 9.99)");
            assertEquals(products, heard.next(WAIT));

            other.setAutoCommit(false);
            statement.execute("UPDATE " + products + " SET price = 10.99");
            statement.execute("DELETE FROM " + orders);
            heard.assertQuiet(Duration.ofMillis(300));
            other.commit();
            assertEquals(Set.of(products, orders), Set.of(heard.next(WAIT), heard.next(WAIT)));

            statement.execute("TRUNCATE " + orders);
            other.commit();
            assertEquals(orders, heard.next(WAIT));
        }
    }

    @Test
    void aRolledBackWriteFromAPlainConnectionNotifiesNobody() throws Exception {
        try (Connection dba = TestDatabases.directPostgres()) {
            PostgresTriggers.installTriggers(dba, channel, List.of(products, orders));
        }
        try (Connection other = TestDatabases.directPostgres(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("INSERT INTO " + products + " VALUES (2, 1.00)");
            other.rollback();
            statement.execute("INSERT INTO " + orders + " VALUES (1)");
            other.commit();
        }
        // delivered in commit order: the rolled-back insert's message would come first
        assertEquals(orders, heard.next(WAIT));
    }

    @Test
    void afterUninstallWritesNotifyNoMore() throws Exception {
        try (Connection dba = TestDatabases.directPostgres()) {
            PostgresTriggers.installTriggers(dba, channel, List.of(products, orders));
            PostgresTriggers.uninstallTriggers(dba, List.of(products));
            assertFalse(PostgresTriggers.installedTables(dba).contains("public." + products));
        }
        TestDatabases.postgresExecute("INSERT INTO " + products + " VALUES (3, 1.00)", "INSERT INTO " + orders + " VALUES (2)");
        assertEquals(orders, heard.next(WAIT));
    }

    @Test
    void aFailedInstallInstallsNothing() throws Exception {
        try (Connection dba = TestDatabases.directPostgres()) {
            assertThrows(SQLException.class,
                    () -> PostgresTriggers.installTriggers(dba, channel, List.of(products, "no_such_table_" + suffix)));
            assertTrue(dba.getAutoCommit());
            assertFalse(PostgresTriggers.installedTables(dba).contains("public." + products));
        }
    }

    @Test
    void theScriptIsReviewableSql() {
        String script = PostgresTriggers.installScript("jdbc_optimizer", List.of("shop.orders", "\"Mixed Case\""));
        assertTrue(script.startsWith("CREATE OR REPLACE FUNCTION jdbc_optimizer_notify() RETURNS trigger"), script);
        assertTrue(script.contains("CREATE TRIGGER jdbc_optimizer_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                + " ON shop.orders FOR EACH STATEMENT EXECUTE FUNCTION jdbc_optimizer_notify('jdbc_optimizer');"), script);
        assertTrue(script.contains("ON \"Mixed Case\" FOR EACH STATEMENT"), script);
        assertTrue(PostgresTriggers.uninstallScript(List.of("shop.orders"))
                .startsWith("DROP TRIGGER IF EXISTS jdbc_optimizer_notify ON shop.orders;\n"));
    }

    @Test
    void namesThatAreNotPlainSqlNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresTriggers.installScript("jdbc_optimizer", List.of("orders; DROP TABLE x")));
        assertTrue(e.getMessage().contains("'orders; DROP TABLE x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresTriggers.installScript("bad'channel", List.of("orders")));
        assertThrows(IllegalArgumentException.class, () -> PostgresTriggers.installScript("jdbc_optimizer", List.of()));
    }
}
