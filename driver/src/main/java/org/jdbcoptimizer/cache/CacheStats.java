package org.jdbcoptimizer.cache;

import java.util.Map;

/**
 * A snapshot of the result cache's counters.
 *
 * @param hits                  lookups answered from memory
 * @param misses                lookups that ran the statement (cacheable ones only)
 * @param loads                 results captured and offered to the cache
 * @param stores                results actually stored (a load that raced a write is not)
 * @param loadNanos             time spent running and capturing loaded statements
 * @param sharedLoads           misses answered by another thread's concurrent load (single flight)
 * @param evictionsBySize       entries evicted to stay within the byte bound
 * @param evictionsByTtl        entries that expired
 * @param invalidations         entries removed because a table they read was written
 * @param invalidationsByTable  writes seen per table
 * @param bytes                 estimated bytes held
 * @param entries               entries held
 * @param hitRatioByFingerprint hit ratio per statement shape (fingerprint id in hex)
 * @param storeHits             misses answered from the Redis result store (another process's load)
 */
public record CacheStats(long hits, long misses, long loads, long stores, long loadNanos, long sharedLoads,
                         long evictionsBySize, long evictionsByTtl, long invalidations,
                         Map<String, Long> invalidationsByTable, long bytes, long entries,
                         Map<String, Double> hitRatioByFingerprint, long storeHits) {

    /** All zero: a database without a cache. */
    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, Map.of(), 0);

    /** hits / (hits + misses), 0 when nothing was looked up. */
    public double hitRatio() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
