package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Redis unreachable, killed and restarted, frozen: the bus turns unhealthy, never throws, and recovers. */
class RedisFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String[] TABLES = {"orders"};

    @Test
    void anUnreachableRedisIsUnhealthyAndNeverBlocksLongOrThrows() throws Exception {
        BusSettings settings = BusSettings.builder().redisUrl("redis://127.0.0.1:1").timeoutMillis(500)
                .redisKeyPrefix("jdbcopt-test:unreachable").build();
        RecordingListener heard = new RecordingListener();
        try (InvalidationBus bus = Buses.create(Buses.REDIS, "test", settings, null)) {
            bus.start(heard);
            Thread.sleep(300);
            assertFalse(bus.healthy());
            long started = System.nanoTime();
            assertNull(bus.remoteVersions(TABLES));
            assertFalse(bus.remoteUnchanged(TABLES, new long[] {1, 0}));
            bus.committed(Set.of("orders"), false);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 3_000, "three commands took " + millis + " ms");
            assertFalse(bus.healthy());
            assertEquals(0, heard.invalidateAlls());
        }
    }

    @Test
    void aKilledRedisMakesTheBusUnhealthyAndARestartedOneInvalidatesEverything() throws Exception {
        assumeTrue(RedisServerProcess.available(), "redis-server is not installed");
        try (RedisServerProcess server = RedisServerProcess.start()) {
            BusSettings settings = BusSettings.builder().redisUrl(server.url()).timeoutMillis(500)
                    .reconnectMinMillis(50).reconnectMaxMillis(200).logPrefix("test-restart").build();
            RecordingListener heardByA = new RecordingListener();
            RecordingListener heardByB = new RecordingListener();
            try (InvalidationBus a = Buses.create(Buses.REDIS, "test-restart", settings, null);
                    InvalidationBus b = Buses.create(Buses.REDIS, "test-restart", settings, null)) {
                a.start(heardByA);
                b.start(heardByB);
                RecordingListener.await("subscribed", WAIT, () -> a.healthy() && b.healthy());
                a.committed(Set.of("orders"), false);
                long[] snapshot = b.remoteVersions(TABLES);
                assertEquals(1, snapshot[1]);

                server.kill();
                RecordingListener.await("unhealthy", WAIT, () -> !a.healthy() && !b.healthy());
                assertNull(b.remoteVersions(TABLES));
                assertFalse(b.remoteUnchanged(TABLES, snapshot));
                a.committed(Set.of("orders"), false);
                int allsBefore = heardByB.invalidateAlls();

                server.restart();
                RecordingListener.await("healthy again", WAIT, () -> a.healthy() && b.healthy());
                RecordingListener.await("invalidateAll after resubscribing", WAIT,
                        () -> heardByB.invalidateAlls() > allsBefore);
                a.committed(Set.of("orders"), false);
                long[] now = b.remoteVersions(TABLES);
                assertEquals(1, now[1], "the restarted Redis lost the counters");
                assertNotEquals(snapshot[0], now[0], "a new epoch");
                assertFalse(b.remoteUnchanged(TABLES, snapshot), "no snapshot from before the restart matches");
                heardByB.awaitEvent("orders", WAIT);
            }
        }
    }

    @Test
    void aFrozenRedisIsNoticedByThePingWatchdog() throws Exception {
        assumeTrue(RedisServerProcess.available(), "redis-server is not installed");
        try (RedisServerProcess server = RedisServerProcess.start()) {
            BusSettings settings = BusSettings.builder().redisUrl(server.url()).timeoutMillis(300).keepaliveMillis(200)
                    .reconnectMinMillis(50).reconnectMaxMillis(200).logPrefix("test-frozen").build();
            RecordingListener heard = new RecordingListener();
            try (InvalidationBus bus = Buses.create(Buses.REDIS, "test-frozen", settings, null)) {
                bus.start(heard);
                RecordingListener.await("subscribed", WAIT, bus::healthy);
                Thread.sleep(1_000);
                assertTrue(bus.healthy(), "pings keep a quiet subscription alive");
                assertEquals(1, heard.invalidateAlls());

                server.freeze();
                RecordingListener.await("unhealthy", WAIT, () -> !bus.healthy());
                assertNull(bus.remoteVersions(TABLES));
                long started = System.nanoTime();
                assertNull(bus.remoteVersions(TABLES));
                bus.committed(Set.of("orders"), false);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertTrue(millis < 100, "after a timeout, commands wait for the cool-down, not for Redis: " + millis + " ms");

                server.thaw();
                RecordingListener.await("healthy again", WAIT, bus::healthy);
                assertNotNull(bus.remoteVersions(TABLES));
                assertTrue(heard.invalidateAlls() >= 2);
            }
        }
    }
}
