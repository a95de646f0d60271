package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Whether a load that raced writes may be stored: only when every write since its snapshot was a
 * keyed write of rows and columns its result does not depend on, as the table's log of keyed writes
 * shows; any other write, or one the log no longer holds, makes it lose.
 */
class TableVersionsTest {

    private static final String[] PRODUCTS = {"products"};
    private static final Set<String> BY_CATEGORY = Set.of("category_id");

    private final TableVersions versions = new TableVersions();

    /** A load of the rows with keys 1 and 21, recorded after its query ran, as ResultCache does. */
    private boolean storable(long[] before, boolean skipsRows) {
        TableVersions.Keyed[] keyed = {versions.keyed("products", BY_CATEGORY, new long[] {1, 21}, skipsRows)};
        return versions.unchangedSince(PRODUCTS, before, keyed);
    }

    @Test
    void keyedWritesOfOtherRowsLetTheLoadBeStored() {
        long[] before = versions.snapshot(PRODUCTS);
        versions.bumpKey("products", List.of("price"), 7, false);
        versions.bumpKey("products", List.of("price"), 8, false);
        assertTrue(storable(before, false));
        assertFalse(versions.unchanged(PRODUCTS, before), "the table did move on");
    }

    @Test
    void aKeyedWriteOfOneOfItsRowsMakesTheLoadLose() {
        long[] before = versions.snapshot(PRODUCTS);
        versions.bumpKey("products", List.of("price"), 7, false);
        versions.bumpKey("products", List.of("price"), 21, false);
        assertFalse(storable(before, false));
    }

    @Test
    void aKeyedWriteOfAColumnThatDecidesItsRowsMakesTheLoadLose() {
        long[] before = versions.snapshot(PRODUCTS);
        versions.bumpKey("products", List.of("category_id"), 7, false);
        assertFalse(storable(before, false));
    }

    @Test
    void aKeyedDeleteOfAnotherRowMakesALoadThatSkipsRowsLose() {
        long[] before = versions.snapshot(PRODUCTS);
        versions.bumpKey("products", List.of(), 7, true);
        assertFalse(storable(before, true), "OFFSET: a row deleted before the window shifts it");
        assertTrue(storable(before, false), "without OFFSET another row's delete changes nothing");
    }

    @Test
    void aWriteByTableOrToEverythingMakesTheLoadLose() {
        long[] before = versions.snapshot(PRODUCTS);
        versions.bumpKey("products", List.of("price"), 7, false);
        versions.bump(List.of("products"));
        assertFalse(storable(before, false));

        long[] beforeAll = versions.snapshot(PRODUCTS);
        versions.bumpAll();
        assertFalse(storable(beforeAll, false));
    }

    @Test
    void moreWritesThanTheLogHoldsMakeTheLoadLose() {
        long[] before = versions.snapshot(PRODUCTS);
        for (int i = 0; i < TableVersions.RECENT; i++) {
            versions.bumpKey("products", List.of("price"), 1_000 + i, false);
        }
        assertTrue(storable(before, false), "the log holds every one of them");
        versions.bumpKey("products", List.of("price"), 5_000, false);
        assertFalse(storable(before, false), "the first write since the snapshot is no longer in the log");
    }

    /**
     * Writes of key 1 and of other keys race many loads of key 1. A load judged storable must have
     * recorded key 1's stripe before every write of key 1 counted after its snapshot: had it recorded
     * one of them, its rows could predate that write's commit and still look current. One thread
     * writes key 1, so the stripe's version {@code v} means "the first {@code v} writes of key 1".
     */
    @Test
    void aStorableLoadNeverRecordedAWriteOfItsRowCountedAfterItsSnapshot() throws Exception {
        int keyOneWrites = 200_000;
        java.util.concurrent.atomic.AtomicLongArray numbers = new java.util.concurrent.atomic.AtomicLongArray(
                keyOneWrites + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.LongAdder storedWhileMoved = new java.util.concurrent.atomic.LongAdder();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        threads.execute(() -> {
            for (int i = 1; i <= keyOneWrites; i++) {
                numbers.set(i, versions.bumpKey("products", List.of("price"), 1, false));
            }
            running.set(false);
        });
        for (long key : new long[] {2, 3}) {
            assertTrue(TableVersions.stripe(key) != TableVersions.stripe(1));
            threads.execute(() -> {
                while (running.get()) {
                    versions.bumpKey("products", List.of("price"), key, false);
                }
            });
        }
        for (int l = 0; l < 2; l++) {
            threads.execute(() -> {
                while (running.get()) {
                    long[] before = versions.snapshot(PRODUCTS);
                    TableVersions.Keyed[] keyed = {versions.keyed("products", BY_CATEGORY, new long[] {1}, false)};
                    if (!versions.unchangedSince(PRODUCTS, before, keyed)) {
                        continue;
                    }
                    if (!versions.unchanged(PRODUCTS, before)) {
                        storedWhileMoved.increment();
                    }
                    int recorded = (int) keyed[0].stripeVersions()[0];
                    while (recorded > 0 && numbers.get(recorded) == 0) {
                        Thread.onSpinWait(); // the writer sets it right after its bump returns
                    }
                    if (recorded > 0 && numbers.get(recorded) > before[1]) {
                        problems.add("recorded write " + recorded + " of key 1, numbered " + numbers.get(recorded)
                                + ", after the snapshot " + before[1]);
                    }
                }
            });
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(problems.isEmpty(), problems.size() + " loads, the first: " + problems.peek());
        assertTrue(storedWhileMoved.sum() > 0, "some loads raced only writes of other keys, and were storable");
    }
}
