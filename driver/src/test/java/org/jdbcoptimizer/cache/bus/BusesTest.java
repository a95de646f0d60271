package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class BusesTest {

    @Test
    void noBusIsLocalAndAlwaysHealthy() throws Exception {
        try (InvalidationBus bus = Buses.create("none", "db", BusSettings.defaults(), null)) {
            bus.start(new RecordingListener());
            bus.written(null, Set.of("orders"), false);
            bus.committed(Set.of("orders"), false);
            assertTrue(bus.healthy());
            assertNull(bus.remoteVersions(new String[] {"orders"}));
            assertTrue(bus.remoteUnchanged(new String[] {"orders"}, null));
        }
    }

    @Test
    void kindsAreCaseInsensitive() {
        try (InvalidationBus bus = Buses.create(" Redis ", "db", BusSettings.defaults(), null)) {
            assertTrue(bus instanceof RedisBus);
        }
        try (InvalidationBus bus = Buses.create("POSTGRES", "db", BusSettings.defaults(), () -> null)) {
            assertTrue(bus instanceof PostgresBus);
        }
    }

    @Test
    void anUnknownKindIsNamedWithTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Buses.create("kafka", "db", BusSettings.defaults(), null));
        assertEquals("bus: 'kafka' is not a bus; accepted none, postgres, redis", e.getMessage());
    }

    @Test
    void thePostgresBusNeedsListenerConnections() {
        assertThrows(IllegalArgumentException.class, () -> Buses.create("postgres", "db", BusSettings.defaults(), null));
    }

    @Test
    void twoDatabasesNeverShareRedisKeysAndNoIdLeaksIntoThem() {
        String one = Buses.redisKeyPrefix("postgresql://db1:5432/app?password=secret");
        assertEquals(one, Buses.redisKeyPrefix("postgresql://db1:5432/app?password=secret"));
        assertNotEquals(one, Buses.redisKeyPrefix("postgresql://db2:5432/app?password=secret"));
        assertTrue(one.matches("jdbcopt:[0-9a-f]{16}"), one);
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirNameAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusSettings.builder().timeoutMillis(5));
        assertEquals("bus timeoutMillis: 5 is out of range; accepted 100..60000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BusSettings.builder().reconnectMinMillis(1_000).reconnectMaxMillis(500).build());
        assertTrue(e.getMessage().startsWith("bus reconnectMaxMillis: 500 is below reconnectMinMillis 1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusSettings.builder().postgresChannel("no-dashes"));
        assertThrows(IllegalArgumentException.class, () -> BusSettings.builder().redisKeyPrefix("has space"));
    }

    @Test
    void aBadRedisUrlIsRefusedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusSettings.builder().redisUrl("http://:hunter2@cache:6379"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("http://***@cache:6379"), e.getMessage());
        assertEquals("rediss://cache:6380/2", BusSettings.builder().redisUrl("rediss://cache:6380/2").build().redisUrl());
    }

    @Test
    void aRedisUrlWithABadDatabaseIsRefusedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusSettings.builder().redisUrl("redis://:hunter2@cache:6379/x"));
        assertEquals("bus redisUrl: 'redis://***@cache:6379/x' names database 'x'; expected a number such as"
                + " redis://host:6379/0", e.getMessage());
    }
}
