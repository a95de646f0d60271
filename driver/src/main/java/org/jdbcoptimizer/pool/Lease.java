package org.jdbcoptimizer.pool;

import java.sql.Connection;

/**
 * One borrower's hold on a physical connection. The {@code jdbc} wrapper holds a lease for as
 * long as the application holds its {@code Connection}; {@link #release()} ends it.
 *
 * <p>Not thread-safe: a lease belongs to one borrower, as a JDBC connection does.
 */
public interface Lease {

    /** The physical connection from the real driver. */
    Connection physical();

    /** The state to restore on return (only meaningful when {@link #pooled()}). */
    InitialState initialState();

    /** True when release hands the connection back to a pool, so the borrower's changes must be undone first. */
    boolean pooled();

    /** The pool's name for messages, or "unpooled". */
    String poolName();

    /** Ends the hold: back to the pool, or closed when unpooled or evicted. Idempotent. */
    void release();

    /**
     * Marks the physical connection broken: it is closed on release and never handed out again.
     *
     * @param reason why, for the log
     */
    void evict(String reason);

    /** True once {@link #evict(String)} was called. */
    boolean evicted();

    /**
     * State the wrapper keeps with the physical connection across borrows (its session mirror), so
     * a borrow need not allocate it again; null until the first borrower attaches it.
     */
    Object attachment();

    void attach(Object state);

    /** Closes the physical connection now, without waiting for the database (Connection.abort). */
    void abort(java.util.concurrent.Executor executor);
}
