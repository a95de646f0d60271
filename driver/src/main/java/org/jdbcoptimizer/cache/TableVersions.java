package org.jdbcoptimizer.cache;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Version counters per table, bumped by every write that goes through the optimizer, plus one for
 * "everything" (a write whose tables are unknown). A cached result remembers the versions of its
 * tables as they were <em>before</em> its query ran, and is stored and served only while they are
 * unchanged: a load that raced a write loses (the idea of Hibernate's update timestamps).
 *
 * <p>Finer, per key: an update by key ({@code UPDATE t SET c = ? WHERE id = ?}) changes only the
 * rows with that key, and only the columns it sets. Each table therefore also keeps a version per
 * column (bumped by the keyed updates that set it) and per key stripe (a key's hash picks one of
 * {@value #STRIPES} counters, bumped by keyed updates and deletes of that key). A result whose rows
 * are rows of the table, and which holds each row's key, is {@link Keyed} on the table: it stays
 * valid while the table's row version (every write but a keyed update or delete), the columns that
 * decide its rows and the stripes of its keys are unchanged, and, if it skips rows (OFFSET), while
 * no row was deleted by key either. A stripe shared by two keys only invalidates more.
 *
 * <p>Ordering, which makes a load that races a keyed update lose: a keyed update or delete bumps
 * the table's "any write" counter first and its column, delete and stripe counters after; a load
 * records the key-level versions, then checks that "any write" is unchanged since before its
 * query. If it is, every update that will bump a recorded counter has not yet done so, and the
 * entry will see the bump.
 *
 * <p>A load that raced only keyed writes of other keys need not lose: each table also logs its last
 * {@value #RECENT} keyed writes by their "any write" number ({@link #unrelatedSince}), so a load whose
 * table moved on can check that every write since its snapshot was a keyed write its result does not
 * depend on. A write missing from the log (a write by table, one not yet logged, one overwritten)
 * makes the load lose, as before.
 *
 * <p>Tables are keyed by bare lower-case name, ignoring the schema: a write to {@code a.orders}
 * also invalidates {@code b.orders}. Over-invalidation is safe; a missed one would not be.
 *
 * <p>Thread-safe: atomic counters that a check reads without locking.
 */
final class TableVersions {

    /** Key stripes per table: 8 KiB of counters per table that is updated by key. */
    static final int STRIPES = 1024;
    /** Keyed writes logged per table, a power of two. */
    static final int RECENT = 64;

    private final ConcurrentHashMap<String, TableState> tables = new ConcurrentHashMap<>();
    private final AtomicLong everything = new AtomicLong();

    /** One table's counters. */
    static final class TableState {
        /** Every write. */
        final AtomicLong any = new AtomicLong();
        /** Every write but a keyed update or delete: rows added, removed or changed in any column. */
        final AtomicLong rows = new AtomicLong();
        /** Keyed deletes: a result that skips rows shifts when a row before it goes. */
        final AtomicLong keyedDeletes = new AtomicLong();
        /** Keyed updates, by the column they set. */
        final ConcurrentHashMap<String, AtomicLong> columns = new ConcurrentHashMap<>();
        private volatile AtomicLongArray stripes;
        /** The last {@value #RECENT} keyed writes, each at the slot of its "any write" number. */
        final AtomicReferenceArray<KeyedWrite> recent = new AtomicReferenceArray<>(RECENT);

        AtomicLong column(String name) {
            AtomicLong counter = columns.get(name);
            return counter != null ? counter : columns.computeIfAbsent(name, n -> new AtomicLong());
        }

        AtomicLongArray stripes() {
            AtomicLongArray s = stripes;
            if (s == null) {
                synchronized (this) {
                    s = stripes;
                    if (s == null) {
                        s = new AtomicLongArray(STRIPES);
                        stripes = s;
                    }
                }
            }
            return s;
        }
    }

    /**
     * A keyed write as the log holds it.
     *
     * @param number  the table's "any write" count it made
     * @param stripe  its key's stripe
     * @param columns the counters of the columns it set
     * @param deletes whether it deleted the row
     */
    record KeyedWrite(long number, int stripe, AtomicLong[] columns, boolean deletes) {

        /** Whether a result with these key-level versions depends on this write. */
        boolean touches(Keyed result) {
            if (deletes && result.keyedDeletes() != Keyed.IGNORED
                    || Arrays.binarySearch(result.stripes(), stripe) >= 0) {
                return true;
            }
            for (AtomicLong column : columns) {
                for (AtomicLong decides : result.columns()) {
                    if (column == decides) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * The key-level versions of one table, as a cached result recorded them.
     *
     * @param state          the table's counters
     * @param rows           its row version
     * @param keyedDeletes   its keyed-delete version when the result skips rows, else {@link #IGNORED}
     * @param columns        the counters of the columns that decide the result's rows (held, so a
     *                       hit looks nothing up)
     * @param columnVersions their versions
     * @param stripes        the stripes of the result's keys, distinct
     * @param stripeVersions their versions
     */
    record Keyed(TableState state, long rows, long keyedDeletes, AtomicLong[] columns, long[] columnVersions,
                 int[] stripes, long[] stripeVersions) {

        /** A {@code keyedDeletes} version that is not checked: counters never go negative. */
        static final long IGNORED = -1;

        boolean unchanged() {
            if (state.rows.get() != rows || keyedDeletes != IGNORED && state.keyedDeletes.get() != keyedDeletes) {
                return false;
            }
            for (int i = 0; i < columns.length; i++) {
                if (columns[i].get() != columnVersions[i]) {
                    return false;
                }
            }
            AtomicLongArray current = stripes.length == 0 ? null : state.stripes();
            for (int i = 0; i < stripes.length; i++) {
                if (current.get(stripes[i]) != stripeVersions[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * True when every write to {@code result}'s table after its "any write" count was {@code since}
     * is, by the log, a keyed write the result does not depend on. Call it after recording
     * {@code result}: a write counted after this reads the count bumps the result's counters later.
     */
    static boolean unrelatedSince(Keyed result, long since) {
        TableState state = result.state();
        long now = state.any.get();
        if (now - since > RECENT) {
            return false;
        }
        for (long number = since + 1; number <= now; number++) {
            KeyedWrite write = state.recent.get((int) (number & (RECENT - 1)));
            if (write == null || write.number() != number || write.touches(result)) {
                return false; // a write by table, one still being logged, or one the result depends on
            }
        }
        return true;
    }

    /** The "any write" versions of these tables now; index 0 is the "everything" counter. */
    long[] snapshot(String[] tables) {
        long[] snapshot = new long[tables.length + 1];
        snapshot[0] = everything.get();
        for (int i = 0; i < tables.length; i++) {
            snapshot[i + 1] = state(tables[i]).any.get();
        }
        return snapshot;
    }

    /**
     * True when nothing written since {@code snapshot} was taken can change a result recorded as
     * {@code keyed} (after the snapshot): no table written at all, or on a table where the result is
     * keyed, only keyed writes of other rows and columns ({@link #unrelatedSince}).
     */
    boolean unchangedSince(String[] tables, long[] snapshot, Keyed[] keyed) {
        if (keyed == null) {
            return unchanged(tables, snapshot);
        }
        if (everything.get() != snapshot[0]) {
            return false;
        }
        for (int i = 0; i < tables.length; i++) {
            long since = snapshot[i + 1];
            if (state(tables[i]).any.get() != since && (keyed[i] == null || !unrelatedSince(keyed[i], since))) {
                return false;
            }
        }
        return true;
    }

    /** True when no table of the snapshot was written since it was taken. */
    boolean unchanged(String[] tables, long[] snapshot) {
        if (everything.get() != snapshot[0]) {
            return false;
        }
        for (int i = 0; i < tables.length; i++) {
            if (state(tables[i]).any.get() != snapshot[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a cached result is still valid: nothing unknown was written, and each table is
     * unchanged as far as the result can tell: by key where {@code keyed[i]} is set, else at all.
     */
    boolean unchanged(String[] tables, long[] snapshot, Keyed[] keyed) {
        if (keyed == null) {
            return unchanged(tables, snapshot);
        }
        if (everything.get() != snapshot[0]) {
            return false;
        }
        for (int i = 0; i < tables.length; i++) {
            boolean same = keyed[i] != null ? keyed[i].unchanged() : state(tables[i]).any.get() == snapshot[i + 1];
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key-level versions now of a result keyed on {@code table}; {@code skipsRows} as
     * {@link org.jdbcoptimizer.sql.RowFacts.RowQuery#skipsRows()}.
     */
    Keyed keyed(String table, Set<String> membership, long[] keys, boolean skipsRows) {
        TableState state = state(table);
        AtomicLong[] columns = new AtomicLong[membership.size()];
        long[] columnVersions = new long[columns.length];
        long rows = state.rows.get();
        long keyedDeletes = skipsRows ? state.keyedDeletes.get() : Keyed.IGNORED;
        int i = 0;
        for (String column : membership) {
            columns[i] = state.column(column);
            columnVersions[i] = columns[i].get();
            i++;
        }
        int[] stripes = Arrays.stream(keys).mapToInt(TableVersions::stripe).distinct().sorted().toArray();
        long[] stripeVersions = new long[stripes.length];
        AtomicLongArray current = stripes.length == 0 ? null : state.stripes();
        for (int k = 0; k < stripes.length; k++) {
            stripeVersions[k] = current.get(stripes[k]);
        }
        return new Keyed(state, rows, keyedDeletes, columns, columnVersions, stripes, stripeVersions);
    }

    /** Writes that may change any row of these tables. */
    void bump(Collection<String> tables) {
        for (String table : tables) {
            TableState state = state(table);
            state.any.incrementAndGet();
            state.rows.incrementAndGet();
        }
    }

    /**
     * An update of the rows of {@code table} whose key is {@code key}, setting {@code columns}
     * (lower-case), or their delete ({@code deletes}, no columns).
     *
     * @return the table's "any write" count this write made
     */
    long bumpKey(String table, Collection<String> columns, long key, boolean deletes) {
        TableState state = state(table);
        AtomicLong[] set = new AtomicLong[columns.size()];
        int i = 0;
        for (String column : columns) {
            set[i++] = state.column(column);
        }
        int stripe = stripe(key);
        long number = state.any.incrementAndGet(); // first: see the ordering in the class comment
        state.recent.set((int) (number & (RECENT - 1)), new KeyedWrite(number, stripe, set, deletes));
        if (deletes) {
            state.keyedDeletes.incrementAndGet();
        }
        for (AtomicLong column : set) {
            column.incrementAndGet();
        }
        state.stripes().incrementAndGet(stripe);
        return number;
    }

    void bumpAll() {
        everything.incrementAndGet();
    }

    static int stripe(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - 10));
    }

    private TableState state(String table) {
        TableState state = tables.get(table);
        return state != null ? state : tables.computeIfAbsent(table, t -> new TableState());
    }
}
