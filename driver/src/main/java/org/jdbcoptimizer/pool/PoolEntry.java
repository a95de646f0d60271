package org.jdbcoptimizer.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * A pooled physical connection and its bookkeeping. While borrowed it is also the borrower's
 * {@link Lease}; a new borrow gets the same entry back.
 *
 * <p>Concurrency: ownership is the {@code state} field, changed only by compare-and-set:
 * {@code IDLE → IN_USE} (a borrower claims it), {@code IDLE → RESERVED} (the housekeeper checks
 * it), back to {@code IDLE}, or to {@code REMOVED} once and for all. Whoever wins the CAS owns the
 * entry and is the only writer of its plain fields; the volatile state write on hand-back
 * publishes them to the next owner (the housekeeper, too, reads {@code lastUsedNanos} only after
 * reading the state).
 */
final class PoolEntry extends PaddedEntry implements Lease {

    static final int IDLE = 0;
    static final int IN_USE = 1;
    static final int RESERVED = 2;
    static final int REMOVED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PaddedState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Connection connection;
    final InitialState initialState;
    final long createdNanos;
    /** When the connection is retired (maxLifetime less jitter); Long.MAX_VALUE for never. */
    final long expiresAtNanos;
    private final ConnectionPool pool;

    private volatile boolean evicted;
    private Object attachment;
    ScheduledFuture<?> leakTask;
    volatile boolean leakReported;

    PoolEntry(ConnectionPool pool, Connection connection, InitialState initialState, long createdNanos,
              long expiresAtNanos, int state) {
        this.pool = pool;
        this.connection = connection;
        this.initialState = initialState;
        this.createdNanos = createdNanos;
        this.expiresAtNanos = expiresAtNanos;
        this.lastUsedNanos = createdNanos;
        this.state = state;
    }

    boolean compareAndSetState(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    int state() {
        return state;
    }

    /** Hands the entry back by its owner (no CAS needed: nobody else may change an owned entry). */
    void setState(int next) {
        state = next;
    }

    boolean isExpired(long now) {
        return expiresAtNanos != Long.MAX_VALUE && now - expiresAtNanos >= 0;
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
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public void abort(Executor executor) {
        evict("aborted by the application");
        try {
            connection.abort(executor);
        } catch (Exception | AbstractMethodError e) {
            // Aborting is best effort; the entry is evicted, so release closes it either way.
        }
    }
}
