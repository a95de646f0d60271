package org.jdbcoptimizer.cache.bus;

/**
 * A second-level store of cached results shared by every process on one bus (Redis), so an
 * instance that starts cold or misses locally can take a result another instance loaded. The
 * values are opaque bytes; whoever reads one checks its validity (the cache stores each result
 * with the remote table versions read before its query ran, and takes it only while they are
 * still current).
 *
 * <p>Thread-safe; never throws: a store that cannot be reached is a miss, and a put that fails is
 * dropped.
 */
public interface ResultStore {

    /** The value under {@code key}, or null (absent, expired, or the store unreachable). */
    byte[] get(String key);

    /** Stores {@code value} under {@code key} for {@code ttlMillis}; best effort. */
    void put(String key, byte[] value, long ttlMillis);
}
