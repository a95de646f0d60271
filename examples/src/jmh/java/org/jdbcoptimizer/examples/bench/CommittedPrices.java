package org.jdbcoptimizer.examples.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stale-read check of {@link ShopWorkloadBenchmark}: which price of each product is known to be
 * committed, and whether a read saw at least that.
 *
 * <p>Prices are versions: every price update takes the next value of one counter and writes it only
 * if the stored price is lower ({@code ... where id = ? and price < ?}), so a product's price only goes
 * up in commit order. When {@code executeUpdate} has returned 1, the update is committed (autocommit),
 * and {@link #committed} raises the product's floor to it. A read takes the floor of each product it
 * will show <em>before</em> it runs; a price lower than that floor is older than a write whose commit had
 * returned before the read began: a stale read. Reads that overlap a write may see either price.
 *
 * <p>Design: one {@link AtomicLongArray} slot per product, raised with {@code accumulateAndGet(max)};
 * counters in {@link LongAdder}s; the first stale read is kept for the failure message. Thread-safe.
 */
final class CommittedPrices {

    private final AtomicLong versions = new AtomicLong();
    private final AtomicLongArray floors;
    private final LongAdder pricesChecked = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder updatesApplied = new LongAdder();
    private final LongAdder updatesSuperseded = new LongAdder();
    private final AtomicReference<String> firstStale = new AtomicReference<>();

    /** @param products ids run from 1 to this; every price starts at 0 */
    CommittedPrices(int products) {
        floors = new AtomicLongArray(products + 1);
    }

    /** The price the next update writes: higher than every price written before. */
    long nextVersion() {
        return versions.incrementAndGet();
    }

    /**
     * An update's {@code executeUpdate} returned: with 1 row, {@code version} is committed and no read
     * that starts from now on may see a lower price; with 0, a higher version got there first.
     */
    void updated(int productId, long version, int rows) {
        if (rows == 1) {
            floors.accumulateAndGet(productId, version, Math::max);
            updatesApplied.increment();
        } else {
            updatesSuperseded.increment();
        }
    }

    /** The lowest price a read starting now may return for the product. */
    long floor(int productId) {
        return floors.get(productId);
    }

    /** Checks one price a read returned against the floor taken before the read began. */
    void check(String page, int productId, long floor, long read) {
        pricesChecked.increment();
        if (read < floor) {
            stale.increment();
            firstStale.compareAndSet(null, page + " showed product " + productId + " at price " + read
                    + " after price " + floor + " had been committed");
        }
    }

    long stale() {
        return stale.sum();
    }

    String firstStale() {
        return firstStale.get();
    }

    long pricesChecked() {
        return pricesChecked.sum();
    }

    long updatesApplied() {
        return updatesApplied.sum();
    }

    long updatesSuperseded() {
        return updatesSuperseded.sum();
    }
}
