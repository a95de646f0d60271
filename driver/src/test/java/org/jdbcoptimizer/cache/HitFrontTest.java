package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

import org.jdbcoptimizer.cache.bus.BusSettings;
import org.jdbcoptimizer.cache.bus.Buses;
import org.jdbcoptimizer.cache.bus.InvalidationBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text's front serves only entries Caffeine still holds and that are still valid: an entry
 * Caffeine drops (invalidated, or evicted for size) is forgotten by the front, and an entry whose
 * tables were written is never served from it. Results captured from a real SQLite file.
 */
class HitFrontTest {

    private static final String SCOPE = "db|main";
    private static final String SQL = "select id, name from items where id = ?";
    private static final String[] TABLES = {"items"};

    @TempDir
    Path dir;

    private CachedResult result() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("front.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists items (id integer primary key, name text)");
            statement.execute("insert or replace into items values (1, 'one')");
            return SqliteCachedResultSetTest.captured(connection, "select id, name from items");
        }
    }

    private static ResultCache.CacheEntry store(ResultCache cache, HitFront front, int id, CachedResult result) {
        CacheKey key = new CacheKey(SCOPE, SQL, new Object[] {id}, java.sql.ResultSet.TYPE_FORWARD_ONLY);
        ResultCache.Versions before = cache.versionsBefore(TABLES);
        cache.joinOrStartLoad(key, 1_000_000);
        ResultCache.CacheEntry stored = cache.finishLoad(key, result, TABLES, null, before, Duration.ofMinutes(1),
                "shape", 0);
        front.remember(stored);
        return stored;
    }

    private static ResultCache.CacheEntry fromFront(ResultCache cache, HitFront front, int id) {
        return cache.lookupFront(front, SCOPE, SQL, new Object[] {id}, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                cache.countsOf("shape"));
    }

    /** Waits for Caffeine's removal listener, which runs after the removal, on its executor. */
    private static void eventually(Supplier<Object> found) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (found.get() != null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertNull(found.get(), "the front still holds an entry Caffeine dropped");
    }

    @Test
    void aWriteToItsTableStopsTheFrontServingAnEntryAndItsRemovalEmptiesTheSlot() throws Exception {
        try (InvalidationBus bus = Buses.create("none", "db", BusSettings.defaults(), null)) {
            ResultCache cache = new ResultCache(1 << 20, 1 << 20, bus, false);
            HitFront front = new HitFront();
            ResultCache.CacheEntry stored = store(cache, front, 1, result());
            assertSame(stored, fromFront(cache, front, 1));
            assertNull(fromFront(cache, front, 2), "other parameters: not this entry");

            cache.invalidate(java.util.List.of("items"));
            assertNull(fromFront(cache, front, 1), "invalid by its table's version at once");
            eventually(() -> front.find(SCOPE, SQL, new Object[] {1}, java.sql.ResultSet.TYPE_FORWARD_ONLY));
        }
    }

    /** An id the front holds but Caffeine does not, or null. */
    private static Object strayEntry(ResultCache cache, HitFront front, int ids) {
        cache.stats(); // runs Caffeine's pending evictions
        for (int id = 1; id <= ids; id++) {
            Object[] parameters = {id};
            boolean inFront = front.find(SCOPE, SQL, parameters, java.sql.ResultSet.TYPE_FORWARD_ONLY) != null;
            if (inFront && cache.lookup(new CacheKey(SCOPE, SQL, parameters, java.sql.ResultSet.TYPE_FORWARD_ONLY),
                    cache.countsOf("probe")) == null) {
                return id;
            }
        }
        return null;
    }

    @Test
    void anEntryEvictedForSizeIsForgotten() throws Exception {
        try (InvalidationBus bus = Buses.create("none", "db", BusSettings.defaults(), null)) {
            CachedResult result = result();
            long room = result.weightBytes() + SQL.length() * 2L + 64;
            ResultCache cache = new ResultCache(room * 4, 1 << 20, bus, false);
            HitFront front = new HitFront();
            store(cache, front, 1, result);
            assertNotNull(fromFront(cache, front, 1));
            for (int id = 2; id < 200; id++) {
                store(cache, front, id, result); // many more than the bound holds: entry 1 goes
            }
            eventually(() -> strayEntry(cache, front, 199));
        }
    }
}
