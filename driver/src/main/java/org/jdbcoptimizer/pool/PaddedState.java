package org.jdbcoptimizer.pool;

/**
 * The fields every borrow and return writes (state, last use), alone on their cache line.
 *
 * <p>Why: the pool's entries are created together by one thread, so they sit next to each other in
 * memory; without padding, two threads returning two different connections would write the same
 * cache line, and the line would bounce between cores on every cycle (false sharing). Padding by
 * class hierarchy works because the JVM lays out a superclass's fields before a subclass's.
 */
abstract class PaddedState extends PaddingBefore {

    /** Owned as described in {@link PoolEntry}. */
    volatile int state;
    long lastUsedNanos;
}
