package org.jdbcoptimizer.pool;

import java.sql.Connection;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * A pooled physical connection and its bookkeeping. While borrowed it is also the borrower's
 * {@link Lease}; a new borrow gets the same entry back with a fresh borrow stamp.
 *
 * <p>Concurrency: an entry is owned either by the pool's idle deque or by exactly one thread that
 * holds a pool permit (a borrower, or the housekeeper checking it), so its plain fields are only
 * written by that owner; the hand-over through the deque and the semaphore publishes them.
 * {@code lastUsedNanos} is volatile because the housekeeper reads it for entries it does not own.
 */
final class PoolEntry implements Lease {

    final Connection connection;
    final InitialState initialState;
    final long createdNanos;
    /** When the connection is retired (maxLifetime less jitter); Long.MAX_VALUE for never. */
    final long expiresAtNanos;
    private final ConnectionPool pool;

    volatile long lastUsedNanos;
    private boolean borrowed;
    private volatile boolean evicted;
    ScheduledFuture<?> leakTask;
    volatile boolean leakReported;

    PoolEntry(ConnectionPool pool, Connection connection, InitialState initialState, long createdNanos,
              long expiresAtNanos) {
        this.pool = pool;
        this.connection = connection;
        this.initialState = initialState;
        this.createdNanos = createdNanos;
        this.expiresAtNanos = expiresAtNanos;
        this.lastUsedNanos = createdNanos;
    }

    void markBorrowed() {
        borrowed = true;
    }

    /** Called by the pool when it takes the entry back; returns false for a second release. */
    boolean markReturned() {
        if (!borrowed) {
            return false;
        }
        borrowed = false;
        return true;
    }

    boolean isExpired(long now) {
        return now - expiresAtNanos >= 0;
    }

    @Override
    public Connection physical() {
        return connection;
    }

    @Override
    public InitialState initialState() {
        return initialState;
    }

    @Override
    public boolean pooled() {
        return true;
    }

    @Override
    public String poolName() {
        return pool.name();
    }

    @Override
    public void release() {
        pool.recycle(this);
    }

    @Override
    public void evict(String reason) {
        if (!evicted) {
            evicted = true;
            pool.noteEviction(this, reason);
        }
    }

    @Override
    public boolean evicted() {
        return evicted;
    }

    @Override
    public void abort(Executor executor) {
        evict("aborted by the application");
        try {
            connection.abort(executor);
        } catch (Exception e) {
            // Aborting is best effort; the entry is evicted and closed on release either way.
        }
    }
}
