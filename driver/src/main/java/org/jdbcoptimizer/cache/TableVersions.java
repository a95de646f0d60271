package org.jdbcoptimizer.cache;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version counter per table, bumped by every write that goes through the optimizer, plus one
 * for "everything" (a write whose tables are unknown). A cached result remembers the versions of
 * its tables as they were <em>before</em> its query ran, and is stored and served only while they
 * are unchanged: a load that raced a write loses (the idea of Hibernate's update timestamps).
 *
 * <p>Tables are keyed by bare lower-case name, ignoring the schema: a write to {@code a.orders}
 * also invalidates {@code b.orders}. Over-invalidation is safe; a missed one would not be.
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap} of atomic counters; a check reads one counter per
 * table and never locks.
 */
final class TableVersions {

    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong everything = new AtomicLong();

    /** The versions of these tables now; index 0 is the "everything" counter. */
    long[] snapshot(String[] tables) {
        long[] snapshot = new long[tables.length + 1];
        snapshot[0] = everything.get();
        for (int i = 0; i < tables.length; i++) {
            snapshot[i + 1] = counter(tables[i]).get();
        }
        return snapshot;
    }

    /** True when no table of the snapshot was written since it was taken. */
    boolean unchanged(String[] tables, long[] snapshot) {
        if (everything.get() != snapshot[0]) {
            return false;
        }
        for (int i = 0; i < tables.length; i++) {
            if (counter(tables[i]).get() != snapshot[i + 1]) {
                return false;
            }
        }
        return true;
    }

    void bump(Collection<String> tables) {
        for (String table : tables) {
            counter(table).incrementAndGet();
        }
    }

    void bumpAll() {
        everything.incrementAndGet();
    }

    private AtomicLong counter(String table) {
        AtomicLong counter = versions.get(table);
        return counter != null ? counter : versions.computeIfAbsent(table, t -> new AtomicLong());
    }
}
