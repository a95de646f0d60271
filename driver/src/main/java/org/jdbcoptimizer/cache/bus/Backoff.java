package org.jdbcoptimizer.cache.bus;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnection delays: from the minimum, doubling up to the maximum, each with up to 20% random
 * jitter so that many processes that lost the same server do not return in one herd. Not
 * thread-safe: each reconnecting thread has its own.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(long minMillis, long maxMillis) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; the one after will be twice as long, up to the maximum. */
    long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }

    /** After a success: the next failure waits the minimum again. */
    void reset() {
        nextMillis = minMillis;
    }
}
