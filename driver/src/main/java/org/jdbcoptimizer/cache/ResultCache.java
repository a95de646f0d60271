package org.jdbcoptimizer.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.jdbcoptimizer.cache.bus.InvalidationBus;
import org.jdbcoptimizer.cache.bus.ResultStore;

/**
 * The cached results of one database, bounded in bytes, with per-entry TTL, table-version
 * validation, eager invalidation by table, invalidation by key and single-flight loading.
 *
 * <p>Design: Caffeine holds the entries (weigher = estimated bytes, W-TinyLFU eviction, a
 * variable expiry for per-rule TTLs). Every entry carries the versions of its tables read before
 * its query ran ({@link TableVersions}); a hit is served only if they are unchanged, so a result
 * that raced a write is never served, whatever the timing of the eager removal. Eager removal
 * (a per-table index of keys) only frees memory sooner. A result whose rows carry their table's
 * key is validated by key on that table instead ({@link TableVersions.Keyed}): an update by key
 * then leaves every result without that key valid, and no removal is needed. Concurrent misses on one key share one
 * load: the first caller runs the statement, the others wait for its result (bounded by their
 * statement timeout) and run the statement themselves if it does not come.
 *
 * <p>Thread-safe.
 */
public final class ResultCache {

    /** One front hit in this many is also read from Caffeine, for its frequency. */
    private static final int FREQUENCY_SAMPLE = 16;

    private final Cache<CacheKey, CacheEntry> entries;
    private final TableVersions versions = new TableVersions();
    private final ConcurrentHashMap<String, Set<CacheKey>> keysByTable = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CacheKey, CompletableFuture<CacheEntry>> loading = new ConcurrentHashMap<>();
    private final long maxResultBytes;
    private final LongAdder loads = new LongAdder();
    private final LongAdder stores = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder sharedLoads = new LongAdder();
    private final LongAdder evictionsBySize = new LongAdder();
    private final LongAdder evictionsByTtl = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> invalidationsByTable = new ConcurrentHashMap<>();
    /** Per shape, its hits and misses; the cache's totals are their sums. */
    private final ConcurrentHashMap<String, ShapeCounts> countsByShape = new ConcurrentHashMap<>();

    /**
     * One shape's hits and misses: adders, since many threads hit one hot shape. A caller resolves
     * them once per text ({@link #countsOf}), so a lookup counts without a map lookup.
     */
    static final class ShapeCounts {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
    }

    /** One cached result with the table versions it was read at (local, and remote when the bus has them). */
    static final class CacheEntry {
        final CacheKey key;
        final CachedResult result;
        final String[] tables;
        final long[] tableVersions;
        final long[] remoteVersions;
        /** Per table, its key-level versions where the result is validated by key; null when none is. */
        final TableVersions.Keyed[] keyed;
        final long ttlNanos;
        /** When its TTL ends, on {@link System#nanoTime()}, Caffeine's clock: a {@link HitFront} checks it. */
        final long expiresAtNanos;
        final String shape;
        /** The front that remembers it, told when Caffeine drops it; null if none does. */
        volatile HitFront front;

        CacheEntry(CacheKey key, CachedResult result, String[] tables, long[] tableVersions,
                   TableVersions.Keyed[] keyed, long[] remoteVersions, Duration ttl, String shape) {
            this.key = key;
            this.result = result;
            this.tables = tables;
            this.tableVersions = tableVersions;
            this.keyed = keyed;
            this.remoteVersions = remoteVersions;
            this.ttlNanos = ttl.toNanos();
            this.expiresAtNanos = System.nanoTime() + ttlNanos;
            this.shape = shape;
        }

        boolean expired() {
            return System.nanoTime() - expiresAtNanos >= 0;
        }
    }

    /** The versions read before a load: local always, remote when the bus keeps versions. */
    record Versions(long[] local, long[] remote) {
    }

    /**
     * A loaded result's keys on one table, for validation by key.
     *
     * @param membership the columns that decide which rows are in the result (lower-case)
     * @param keys       the table's key of every row in the result
     * @param skipsRows  whether the query skips rows (OFFSET), so that a keyed delete of a row it
     *                   does not hold can change it
     */
    record KeyedRows(java.util.Set<String> membership, long[] keys, boolean skipsRows) {
    }

    private final InvalidationBus bus;
    /** The second-level store shared with other processes, or null. */
    private final ResultStore store;
    private final LongAdder storeHits = new LongAdder();

    /**
     * @param bus      carries invalidations to and from other processes; {@code Buses.create("none", ...)}
     *                 when there are none
     * @param useStore also keep results in the bus's result store (Redis), for other processes
     */
    public ResultCache(long maxBytes, long maxResultBytes, InvalidationBus bus, boolean useStore) {
        this.maxResultBytes = maxResultBytes;
        this.bus = bus;
        this.store = useStore ? bus.resultStore() : null;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CacheEntry entry) -> (int) Math.min(Integer.MAX_VALUE,
                        entry.result.weightBytes() + key.sql().length() * 2L + 64))
                .expireAfter(new Expiry<CacheKey, CacheEntry>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, CacheEntry entry, long currentTime) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, CacheEntry entry, long currentTime, long duration) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, CacheEntry entry, long currentTime, long duration) {
                        return duration;
                    }
                })
                .removalListener((CacheKey key, CacheEntry entry, RemovalCause cause) -> removed(key, entry, cause))
                .build();
    }

    /**
     * The versions of these tables now: take them before running the statement that loads them.
     * Null when the bus cannot vouch for other processes' writes (the result must then not be stored).
     */
    Versions versionsBefore(String[] tables) {
        long[] local = versions.snapshot(tables);
        if (!bus.healthy()) {
            return null;
        }
        long[] remote = bus.remoteVersions(tables);
        return new Versions(local, remote);
    }

    /** The bus is down: nothing may be served, since an invalidation could have been missed. */
    boolean serving() {
        return bus.healthy();
    }

    private boolean valid(CacheEntry entry) {
        return versions.unchanged(entry.tables, entry.tableVersions, entry.keyed)
                && (entry.remoteVersions == null || bus.remoteUnchanged(entry.tables, entry.remoteVersions));
    }

    /** A valid cached result, or null (a miss), counted in the shape's {@code counts} ({@link #countsOf}). */
    CacheEntry lookup(CacheKey key, ShapeCounts counts) {
        CacheEntry entry = bus.healthy() ? entries.getIfPresent(key) : null;
        if (entry != null && valid(entry)) {
            counts.hits.increment();
            return entry;
        }
        if (entry != null && entries.asMap().remove(key, entry)) {
            invalidations.increment(); // invalidated by key, or a write raced its eager removal
        }
        counts.misses.increment();
        return null;
    }

    /**
     * A hit from a text's front ({@link HitFront}), checked as {@link #lookup} checks Caffeine's
     * entry; null when the front has none for these parts or it is no longer valid (the caller then
     * asks {@link #lookup}). Now and then it also reads Caffeine, so that the entry's frequency,
     * which decides what size eviction keeps, still counts the hits served here.
     */
    CacheEntry lookupFront(HitFront front, String scope, String sql, Object[] parameters, int resultSetType,
                           ShapeCounts counts) {
        CacheEntry entry = front.find(scope, sql, parameters, resultSetType);
        if (entry == null || entry.expired() || !bus.healthy() || !valid(entry)) {
            return null;
        }
        if ((ThreadLocalRandom.current().nextInt() & (FREQUENCY_SAMPLE - 1)) == 0) {
            entries.getIfPresent(entry.key);
        }
        counts.hits.increment();
        return entry;
    }

    /** The counters of a shape (its fingerprint), created on first sight. */
    ShapeCounts countsOf(String shape) {
        ShapeCounts counts = countsByShape.get(shape);
        return counts != null ? counts : countsByShape.computeIfAbsent(shape, s -> new ShapeCounts());
    }

    /**
     * The outcome of a miss: this thread owns the load of the key (it runs the statement and must
     * call {@link #finishLoad} or {@link #abandonLoad}), or another thread's load answered it
     * ({@code shared}), or another thread's load failed or took too long (run the statement
     * without caching).
     */
    record Flight(boolean owner, CacheEntry shared) {
    }

    /** Joins a load of the same key already running, waiting up to {@code timeoutNanos}, or starts one. */
    Flight joinOrStartLoad(CacheKey key, long timeoutNanos) {
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        CompletableFuture<CacheEntry> running = loading.putIfAbsent(key, mine);
        if (running == null) {
            return new Flight(true, null);
        }
        try {
            CacheEntry entry = running.get(timeoutNanos, TimeUnit.NANOSECONDS);
            if (entry != null && valid(entry)) {
                sharedLoads.increment();
                return new Flight(false, entry);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the other load failed or is too slow: this caller runs the statement itself
        }
        return new Flight(false, null);
    }

    /**
     * Offers a loaded result: stored only when it is within the size bound and none of its tables
     * was written since {@code versionsBefore} were taken. Completes the single-flight load either way.
     *
     * @param keyedRows per table (parallel to {@code tables}), the result's keys where it can be
     *                  validated by key, else null; or null for none
     * @return the entry as stored (for waiting threads), or null
     */
    CacheEntry finishLoad(CacheKey key, CachedResult result, String[] tables, KeyedRows[] keyedRows, Versions before,
                          Duration ttl, String shape, long nanos) {
        CacheEntry stored = null;
        try {
            if (result != null) {
                loads.increment();
                loadNanos.add(nanos);
                TableVersions.Keyed[] keyed = keyedVersions(tables, keyedRows); // before the check: see TableVersions
                if (before != null && result.weightBytes() <= maxResultBytes
                        && versions.unchangedSince(tables, before.local(), keyed)) {
                    stored = new CacheEntry(key, result, tables, before.local(), keyed, before.remote(), ttl, shape);
                    for (String table : tables) {
                        keysByTable.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(key);
                    }
                    entries.put(key, stored);
                    stores.increment();
                    if (!versions.unchangedSince(tables, before.local(), keyed)) {
                        entries.asMap().remove(key, stored); // a write slipped in between check and put
                        stored = null;
                    }
                }
            }
        } finally {
            CompletableFuture<CacheEntry> future = loading.remove(key);
            if (future != null) {
                future.complete(stored);
            }
        }
        return stored;
    }

    private TableVersions.Keyed[] keyedVersions(String[] tables, KeyedRows[] keyedRows) {
        if (keyedRows == null) {
            return null;
        }
        TableVersions.Keyed[] keyed = new TableVersions.Keyed[tables.length];
        for (int i = 0; i < tables.length; i++) {
            if (keyedRows[i] != null) {
                keyed[i] = versions.keyed(tables[i], keyedRows[i].membership(), keyedRows[i].keys(),
                        keyedRows[i].skipsRows());
            }
        }
        return keyed;
    }

    /**
     * A result another process stored for this key, if it is still valid: read with the remote
     * versions taken before (as a load would be), and taken only if its own remote versions, read
     * before its query ran, are those same versions. The caller offers it with {@link #finishLoad}.
     */
    CachedResult fromStore(CacheKey key, String[] tables, Versions before) {
        if (store == null || before == null || before.remote() == null) {
            return null;
        }
        String id = SharedResults.keyOf(key);
        byte[] value = id == null ? null : store.get(id);
        SharedResults.Entry entry = value == null ? null : SharedResults.decode(value);
        if (entry == null || !java.util.Arrays.equals(entry.tables(), tables)
                || !java.util.Arrays.equals(entry.remoteVersions(), before.remote())) {
            return null;
        }
        storeHits.increment();
        return entry.result();
    }

    /** Shares a result that was stored locally, in the background, with the remote versions of its load. */
    void toStore(CacheKey key, CachedResult result, String[] tables, Versions before, Duration ttl) {
        if (store == null || before == null || before.remote() == null) {
            return;
        }
        String id = SharedResults.keyOf(key);
        if (id != null) {
            ResultStore target = store;
            SharedResults.putLater(() -> {
                byte[] value = SharedResults.encode(new SharedResults.Entry(tables, before.remote(), result));
                if (value != null) {
                    target.put(id, value, ttl.toMillis());
                }
            });
        }
    }

    /** Releases a single-flight load that ended without a result (the statement failed). */
    void abandonLoad(CacheKey key) {
        CompletableFuture<CacheEntry> future = loading.remove(key);
        if (future != null) {
            future.complete(null);
        }
    }

    /** The bus, to announce this process's writes to the others. */
    InvalidationBus bus() {
        return bus;
    }

    /** A write to these tables: every result that read one of them becomes invalid at once. */
    public void invalidate(Collection<String> tables) {
        versions.bump(tables);
        for (String table : tables) {
            invalidationsByTable.computeIfAbsent(table, t -> new LongAdder()).increment();
            Set<CacheKey> keys = keysByTable.remove(table);
            if (keys != null) {
                for (CacheKey key : keys) {
                    if (entries.asMap().remove(key) != null) {
                        invalidations.increment();
                    }
                }
            }
        }
    }

    /**
     * An update of the rows of {@code table} with key {@code key}, setting {@code columns}
     * (lower-case), or their delete: invalid at once are the results holding that key, those whose
     * rows the columns decide, those not validated by key on the table and, for a delete, those
     * that skip rows. Nothing is removed eagerly; a lookup drops what it finds invalid.
     */
    public void invalidateKey(String table, java.util.Collection<String> columns, long key, boolean deletes) {
        versions.bumpKey(table, columns, key, deletes);
        invalidationsByTable.computeIfAbsent(table, t -> new LongAdder()).increment();
    }

    /** A write to unknown tables: every cached result becomes invalid. */
    public void invalidateAll() {
        versions.bumpAll();
        invalidationsByTable.computeIfAbsent("*", t -> new LongAdder()).increment();
        long before = entries.estimatedSize();
        entries.invalidateAll();
        keysByTable.clear();
        invalidations.add(before);
    }

    private void removed(CacheKey key, CacheEntry entry, RemovalCause cause) {
        HitFront front = entry == null ? null : entry.front;
        if (front != null) {
            front.forget(entry);
        }
        if (cause == RemovalCause.SIZE) {
            evictionsBySize.increment();
        } else if (cause == RemovalCause.EXPIRED) {
            evictionsByTtl.increment();
        }
        if (key != null && entry != null) {
            for (String table : entry.tables) {
                Set<CacheKey> keys = keysByTable.get(table);
                if (keys != null) {
                    keys.remove(key);
                }
            }
        }
    }

    /** A snapshot of the counters. */
    public CacheStats stats() {
        entries.cleanUp();
        Map<String, Long> byTable = new LinkedHashMap<>();
        invalidationsByTable.forEach((table, count) -> byTable.put(table, count.sum()));
        Map<String, Double> ratios = new LinkedHashMap<>();
        long hits = 0;
        long misses = 0;
        for (Map.Entry<String, ShapeCounts> shape : countsByShape.entrySet()) {
            long hit = shape.getValue().hits.sum();
            long miss = shape.getValue().misses.sum();
            hits += hit;
            misses += miss;
            ratios.put(shape.getKey(), hit + miss == 0 ? 0 : (double) hit / (hit + miss));
        }
        long bytes = entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
        return new CacheStats(hits, misses, loads.sum(), stores.sum(), loadNanos.sum(), sharedLoads.sum(),
                evictionsBySize.sum(), evictionsByTtl.sum(), invalidations.sum(), byTable, bytes,
                entries.estimatedSize(), ratios, storeHits.sum());
    }
}
