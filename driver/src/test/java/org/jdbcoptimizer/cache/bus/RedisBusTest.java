package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

/** Two Redis buses on the real test Redis stand for two processes; each test has its own key prefix. */
class RedisBusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String prefix = "jdbcopt-test:" + Payload.newSenderId();
    private final RecordingListener heardByA = new RecordingListener();
    private final RecordingListener heardByB = new RecordingListener();
    private InvalidationBus a;
    private InvalidationBus b;

    @BeforeEach
    void startBuses() throws InterruptedException {
        BusSettings settings = BusSettings.builder().redisUrl(TestRedis.url()).redisKeyPrefix(prefix)
                .reconnectMinMillis(50).reconnectMaxMillis(200).logPrefix("test-" + prefix).build();
        a = Buses.create(Buses.REDIS, "test", settings, null);
        b = Buses.create(Buses.REDIS, "test", settings, null);
        assertFalse(a.healthy(), "not subscribed before start");
        a.start(heardByA);
        b.start(heardByB);
        RecordingListener.await("subscribed", WAIT, () -> a.healthy() && b.healthy());
        heardByA.awaitEvent(RecordingListener.ALL, WAIT);
        heardByB.awaitEvent(RecordingListener.ALL, WAIT);
    }

    @AfterEach
    void closeBuses() {
        a.close();
        b.close();
        assertFalse(a.healthy());
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void aCommitIncrementsVersionsTheOtherProcessSeesAndReachesItsListener() throws Exception {
        String[] tables = {"orders", "items"};
        long[] snapshot = b.remoteVersions(tables);
        assertNotNull(snapshot);
        assertEquals(3, snapshot.length);
        assertEquals(0, snapshot[1]);
        assertEquals(0, snapshot[2]);
        assertTrue(b.remoteUnchanged(tables, snapshot));

        a.committed(Set.of("Orders"), false);

        assertFalse(b.remoteUnchanged(tables, snapshot), "a hit checked after the commit returned sees it");
        assertArrayEquals(new long[] {snapshot[0], 1, 0}, b.remoteVersions(tables));
        assertEquals("orders", heardByB.next(WAIT));
        b.committed(Set.of("marker"), false);
        assertEquals("marker", heardByA.next(WAIT), "A's own message is not delivered back to A");
    }

    @Test
    void aWriteToAnotherTableLeavesTheSnapshotValid() {
        long[] snapshot = b.remoteVersions(new String[] {"items"});
        a.committed(Set.of("orders"), false);
        assertTrue(b.remoteUnchanged(new String[] {"items"}, snapshot));
    }

    @Test
    void everythingIncrementsTheGlobalCounter() throws Exception {
        long[] snapshot = b.remoteVersions(new String[] {"items"});
        a.committed(Set.of(), true);
        long[] now = b.remoteVersions(new String[] {"items"});
        assertEquals(snapshot[0] + 1, now[0]);
        assertFalse(b.remoteUnchanged(new String[] {"items"}, snapshot));
        assertEquals(RecordingListener.ALL, heardByB.next(WAIT));
    }

    @Test
    void aNameThatCannotBeSentExactlyInvalidatesEverything() throws Exception {
        long[] snapshot = b.remoteVersions(new String[] {"items"});
        a.committed(Set.of("odd,name"), false);
        assertFalse(b.remoteUnchanged(new String[] {"items"}, snapshot));
        assertEquals(RecordingListener.ALL, heardByB.next(WAIT));
    }

    @Test
    void theGlobalCounterStartsAtATimeBasedEpochSoARestartNeverRepeatsAVersion() {
        long[] versions = b.remoteVersions(new String[0]);
        assertTrue(versions[0] > 1_000_000_000_000_000L, "global counter " + versions[0]);
        try (Jedis jedis = TestRedis.connect()) {
            jedis.del(prefix + ":v:*");
        }
        long[] afterFlush = b.remoteVersions(new String[0]);
        assertTrue(afterFlush[0] > 1_000_000_000_000_000L && afterFlush[0] != versions[0], "new epoch " + afterFlush[0]);
    }

    @Test
    void writtenSendsNothing() throws Exception {
        long[] snapshot = b.remoteVersions(new String[] {"orders"});
        a.written(null, Set.of("orders"), false);
        assertTrue(b.remoteUnchanged(new String[] {"orders"}, snapshot));
        heardByB.assertQuiet(Duration.ofMillis(200));
    }

    @Test
    void anUnreadableMessageInvalidatesEverything() throws Exception {
        try (Jedis jedis = TestRedis.connect()) {
            jedis.publish(prefix + ":inv", "something else");
        }
        assertEquals(RecordingListener.ALL, heardByB.next(WAIT));
    }

    @Test
    void aCorruptCounterMakesTheBusUnhealthyUntilRedisAnswersWell() {
        try (Jedis jedis = TestRedis.connect()) {
            jedis.set(prefix + ":v:orders", "not a number");
        }
        assertEquals(null, b.remoteVersions(new String[] {"orders"}));
        assertFalse(b.healthy());
        assertNotNull(b.remoteVersions(new String[] {"items"}));
        assertTrue(b.healthy());
    }

    @Test
    void theUrlChoosesTheDatabase() {
        String url = TestRedis.url() + "/5";
        try (InvalidationBus five = Buses.create(Buses.REDIS, "test",
                BusSettings.builder().redisUrl(url).redisKeyPrefix(prefix).build(), null);
                Jedis jedis = TestRedis.connect()) {
            five.committed(Set.of("orders"), false);
            assertEquals(null, jedis.get(prefix + ":v:orders"));
            jedis.select(5);
            assertEquals("1", jedis.get(prefix + ":v:orders"));
            jedis.del(prefix + ":v:orders", prefix + ":v:*");
        }
    }

    @Test
    void aNullSnapshotIsNeverUnchanged() {
        assertFalse(b.remoteUnchanged(new String[] {"orders"}, null));
    }

    @Test
    void startingTwiceIsAnError() {
        assertThrows(IllegalStateException.class, () -> a.start(heardByA));
    }
}
