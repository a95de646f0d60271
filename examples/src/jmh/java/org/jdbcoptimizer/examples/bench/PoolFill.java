package org.jdbcoptimizer.examples.bench;

import java.util.function.IntSupplier;

/**
 * Waits until a pool holds its idle connections. Both pools fill {@code minIdle} in the background;
 * measuring before they are full would time connection creation instead of the pool's hand-over.
 */
final class PoolFill {

    private static final long TIMEOUT_MILLIS = 30_000;

    private PoolFill() {
    }

    static void await(String pool, int expectedIdle, IntSupplier idle) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (idle.getAsInt() < expectedIdle) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(pool + " pool has " + idle.getAsInt() + " idle connections after "
                        + TIMEOUT_MILLIS + " ms, expected " + expectedIdle + "; is PostgreSQL's max_connections"
                        + " large enough?");
            }
            Thread.sleep(10);
        }
    }
}
