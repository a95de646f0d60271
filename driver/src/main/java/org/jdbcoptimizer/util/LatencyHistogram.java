package org.jdbcoptimizer.util;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-size, lock-free latency histogram for nanosecond durations.
 *
 * <p>Design: log-linear buckets (4 per power of two, so a percentile is within about 19% of the
 * true value) from 1 µs to about 73 minutes, smaller and larger values clamped into the first and
 * last bucket. Each bucket is a {@link LongAdder} created when first used, so threads recording
 * similar values (the common case: every fast borrow lands in one bucket) do not contend on one
 * cache line, and a histogram costs memory only for the buckets it uses. There is no lock.
 * Percentiles are read from a racy but monotone snapshot: good enough for monitoring, never used
 * for correctness.
 */
public final class LatencyHistogram {

    private static final int MIN_EXPONENT = 10;   // 2^10 ns ≈ 1 µs
    private static final int MAX_EXPONENT = 42;   // 2^42 ns ≈ 73 min
    private static final int SUB_BITS = 2;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = (MAX_EXPONENT - MIN_EXPONENT + 1) * SUB_BUCKETS;

    private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(BUCKETS);
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);

    /** Records one duration in nanoseconds (negative values count as zero). Thread-safe. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = bucketOf(value);
        LongAdder counter = counts.get(bucket);
        if (counter == null) {
            counter = new LongAdder();
            if (!counts.compareAndSet(bucket, null, counter)) {
                counter = counts.get(bucket);
            }
        }
        counter.increment(); // the count is the buckets' sum: one contended counter fewer per record
        sum.add(value);
        max.accumulate(value);
        min.accumulate(value);
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            LongAdder counter = counts.get(i);
            if (counter != null) {
                total += counter.sum();
            }
        }
        return total;
    }

    public long totalNanos() {
        return sum.sum();
    }

    public long maxNanos() {
        return max.get();
    }

    /** The smallest value recorded, 0 when empty. */
    public long minNanos() {
        long value = min.get();
        return value == Long.MAX_VALUE ? 0 : value;
    }

    public long meanNanos() {
        long n = count();
        return n == 0 ? 0 : sum.sum() / n;
    }

    /**
     * The value at a percentile, as the upper bound of the bucket that holds it (never above the
     * maximum recorded).
     *
     * @param percentile from 0 to 100
     * @return nanoseconds, 0 when nothing was recorded
     */
    public long percentileNanos(double percentile) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            LongAdder counter = counts.get(i);
            snapshot[i] = counter == null ? 0 : counter.sum();
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= Math.max(1, rank)) {
                // The last bucket is open-ended: its honest upper bound is the maximum recorded.
                return i == BUCKETS - 1 ? maxNanos() : Math.min(upperBound(i), maxNanos());
            }
        }
        return maxNanos();
    }

    static int bucketOf(long nanos) {
        if (nanos < (1L << MIN_EXPONENT)) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - MIN_EXPONENT) * SUB_BUCKETS + sub;
    }

    static long upperBound(int bucket) {
        int exponent = bucket / SUB_BUCKETS + MIN_EXPONENT;
        int sub = bucket % SUB_BUCKETS;
        long base = 1L << exponent;
        return base + (base >>> SUB_BITS) * (sub + 1) - 1;
    }
}
