package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A bus listener that records what it is told, as events: {@code "*"} for invalidateAll, the
 * sorted table names joined by commas for invalidate. Thread-safe.
 */
final class RecordingListener implements InvalidationBus.Listener {

    static final String ALL = "*";

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger invalidateAlls = new AtomicInteger();

    @Override
    public void invalidate(Set<String> tables) {
        events.add(String.join(",", new TreeSet<>(tables)));
    }

    @Override
    public void invalidateAll() {
        invalidateAlls.incrementAndGet();
        events.add(ALL);
    }

    int invalidateAlls() {
        return invalidateAlls.get();
    }

    /** The next event, or a failure after the timeout. */
    String next(Duration timeout) throws InterruptedException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            fail("no invalidation arrived within " + timeout);
        }
        return event;
    }

    /** Skips events until one equals {@code expected}; returns the events skipped. */
    List<String> awaitEvent(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            String event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("no invalidation '" + expected + "' within " + timeout + "; saw " + skipped);
            }
            if (event.equals(expected)) {
                return skipped;
            }
            skipped.add(event);
        }
    }

    /** Fails if any event arrives within the time. */
    void assertQuiet(Duration time) throws InterruptedException {
        assertNull(events.poll(time.toMillis(), TimeUnit.MILLISECONDS), "expected no invalidation");
    }

    void clear() {
        events.clear();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
