package org.jdbcoptimizer.cache;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The entries a text's hits were last served, by parameters, so that a repeated hit reads no
 * shared map. Caffeine's read of an entry writes to it (access time, read buffer, frequency), and
 * when many threads read one hot key those writes bounce its cache lines between cores; a hit here
 * only reads. One per cacheable text ({@link CacheInterceptor.TextPlan}), {@value #SLOTS} slots by
 * the parameters' hash; keys that share a slot take it in turns, the one not in it served by Caffeine.
 *
 * <p>It holds only entries Caffeine holds: an entry Caffeine drops (evicted, expired, replaced,
 * invalidated) is forgotten here by the removal listener. A hit here is checked as a Caffeine hit
 * is, by its tables' versions, and against the entry's own TTL, so an entry whose removal has not
 * reached this front yet is never served stale, only kept a moment longer.
 *
 * <p>Thread-safe: slots are replaced whole.
 */
final class HitFront {

    static final int SLOTS = 64;

    private final AtomicReferenceArray<ResultCache.CacheEntry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The entry remembered for these parts of a key, or null; the caller checks that it is still valid. */
    ResultCache.CacheEntry find(String scope, String sql, Object[] parameters, int resultSetType) {
        ResultCache.CacheEntry entry = slots.get(slotOf(parameters));
        return entry != null && entry.key.matches(scope, sql, parameters, resultSetType) ? entry : null;
    }

    /** Remembers an entry Caffeine holds, in place of the one in its slot. */
    void remember(ResultCache.CacheEntry entry) {
        if (entry.front != this) {
            entry.front = this; // once: an entry's key holds its text, so one front remembers it
        }
        slots.set(slotOf(entry.key.parameters()), entry);
    }

    /** Caffeine dropped the entry: forget it, unless its slot already holds another. */
    void forget(ResultCache.CacheEntry entry) {
        slots.compareAndSet(slotOf(entry.key.parameters()), entry, null);
    }

    private static int slotOf(Object[] parameters) {
        int hash = parameters == null || parameters.length == 0 ? 0 : Arrays.deepHashCode(parameters);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
