package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis result store (optimizer.cache.redis.store=true): a process whose memory is empty takes
 * a result another process stored, unless a write committed through the optimizer since its load
 * changed the tables' Redis versions. Every process is simulated by closing the pools and caches,
 * which empties the local memory but not Redis.
 */
class ResultStoreTest {

    @TempDir
    Path dir;

    private final String table = "store_" + Long.toHexString(System.nanoTime());

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop table if exists " + table);
    }

    private String url() {
        return TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.cache.bus=redis"
                + "&optimizer.cache.redis.store=true&optimizer.pool.name=" + table
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl"));
    }

    @Test
    void anEmptyProcessTakesAnotherProcesssResultUntilAWriteCommits() throws Exception {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " values (1, 10), (2, 20)");
        read(1); // loads, stores in memory and (in the background) in Redis
        awaitStored(1);
        // Changed behind the optimizer's back: only a result from the store can still say 10.
        TestDatabases.postgresExecute("update " + table + " set v = 11 where id = 1");
        OptimizerDriver.closePools();
        assertEquals(10, read(1), "served from the Redis store, not the database");
        assertEquals(1, stats().storeHits());

        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement update = connection.prepareStatement("update " + table + " set v = ? where id = ?")) {
            update.setInt(1, 12);
            update.setInt(2, 2); // another row, but the Redis versions are per table
            update.executeUpdate();
        }
        OptimizerDriver.closePools();
        assertEquals(11, read(1), "a committed write makes the stored result stale: read from the database");
        assertEquals(0, stats().storeHits());
    }

    @Test
    void theStoreNeedsTheRedisBus() {
        String url = TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.cache.redis.store=true"
                + "&optimizer.pool.name=" + table + "-nobus&optimizer.slowLog.file=" + dir.resolve("slow.jsonl"));
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
        assertNotEquals(-1, e.getMessage().indexOf("optimizer.cache.bus=redis"), e.getMessage());
    }

    @Test
    void keysAreCanonicalAndValuesAreFiltered() {
        String a = SharedResults.keyOf(new CacheKey("db|u|public", "select 1 where x = ?", new Object[] {1}, 1003));
        assertEquals(a, SharedResults.keyOf(new CacheKey("db|u|public", "select 1 where x = ?", new Object[] {1}, 1003)));
        assertNotEquals(a, SharedResults.keyOf(new CacheKey("db|u|public", "select 1 where x = ?", new Object[] {1L}, 1003)),
                "an Integer and a Long parameter are different keys, as in memory");
        assertNotEquals(a, SharedResults.keyOf(new CacheKey("db|u|other", "select 1 where x = ?", new Object[] {1}, 1003)));
        assertNull(SharedResults.keyOf(new CacheKey("s", "select ?", new Object[] {new Object()}, 1003)),
                "a parameter without a canonical text is not shared");
        byte[] foreign = serialize(new HashMap<>(java.util.Map.of("k", "v")));
        assertNull(SharedResults.decode(foreign), "classes outside the allow-list are refused");
        assertNull(SharedResults.decode(new byte[] {1, 2, 3}), "garbage is a miss");
    }

    private static byte[] serialize(Object value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** Waits until a fresh process is answered from the store (the put is asynchronous). */
    private void awaitStored(int id) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            OptimizerDriver.closePools();
            read(id);
            if (stats().storeHits() > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the result never reached the Redis store");
    }

    private int read(int id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement query = connection.prepareStatement("select id, v from " + table + " where id = ?")) {
            query.setInt(1, id);
            try (ResultSet rs = query.executeQuery()) {
                assertEquals(true, rs.next());
                return rs.getInt(2);
            }
        }
    }

    private static CacheStats stats() {
        CacheStats stats = Caches.stats().values().stream().findFirst().orElse(null);
        assertNotNull(stats, "a cache exists");
        return stats;
    }
}
