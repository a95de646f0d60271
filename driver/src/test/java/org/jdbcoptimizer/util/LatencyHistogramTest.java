package org.jdbcoptimizer.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketResolution() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * 1_000);
        }
        assertEquals(10_000, histogram.count());
        assertEquals(1_000, histogram.minNanos());
        assertEquals(10_000_000, histogram.maxNanos());
        assertEquals(5_000_500, histogram.meanNanos());
        assertWithin(5_000_000, histogram.percentileNanos(50), 0.2);
        assertWithin(9_500_000, histogram.percentileNanos(95), 0.2);
        assertWithin(9_900_000, histogram.percentileNanos(99), 0.2);
        assertEquals(10_000_000, histogram.percentileNanos(100));
    }

    @Test
    void emptyAndOutOfRangeValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.percentileNanos(50));
        assertEquals(0, histogram.minNanos());
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);
        assertEquals(2, histogram.count());
        assertEquals(0, histogram.minNanos());
        assertEquals(Long.MAX_VALUE, histogram.percentileNanos(100));
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    histogram.record(ThreadLocalRandom.current().nextLong(1, 5_000_000));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(400_000, histogram.count());
        assertTrue(histogram.percentileNanos(50) > 1_500_000 && histogram.percentileNanos(50) < 3_500_000);
    }

    private static void assertWithin(long expected, long actual, double fraction) {
        assertTrue(Math.abs(actual - expected) <= expected * fraction, "expected ~" + expected + " got " + actual);
    }
}
