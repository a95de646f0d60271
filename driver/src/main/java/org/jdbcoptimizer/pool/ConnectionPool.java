package org.jdbcoptimizer.pool;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jdbcoptimizer.util.LatencyHistogram;
import org.jdbcoptimizer.util.Log;

/**
 * A pool of physical connections to one database with one set of credentials.
 *
 * <p>Design: a {@link Semaphore} with {@code maxSize} permits bounds the connections outside the
 * idle deque: a borrower takes a permit, then the most recently used idle connection (LIFO keeps
 * the hot connections warm and lets the cold ones age out at the tail), or creates one when none
 * is idle. A returned connection is pushed onto the deque <em>before</em> its permit is released,
 * so a connection is only created by a permit holder that found the deque empty: the total never
 * exceeds {@code maxSize}. The housekeeper takes a permit too before it removes an idle
 * connection to check or retire it. The fast path of borrow and return is one CAS on the
 * semaphore, one deque operation and a few counter updates, with no lock.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; connections in use when the pool closes are
 * closed when they are returned.
 */
public final class ConnectionPool implements AutoCloseable {

    /** A connection used this recently is handed out without validation (as HikariCP does). */
    static final long ALIVE_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Log LOG = Log.of(ConnectionPool.class);

    private final PoolSettings settings;
    private final ConnectionFactory factory;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PoolEntry> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger totalCount = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder created = new LongAdder();
    private final LongAdder destroyed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LatencyHistogram acquireTimes = new LatencyHistogram();
    private final Housekeeper housekeeper;
    private volatile boolean closed;

    public ConnectionPool(PoolSettings settings, ConnectionFactory factory) {
        this.settings = settings;
        this.factory = factory;
        this.permits = new Semaphore(settings.maxSize, false);
        this.housekeeper = new Housekeeper(this);
        housekeeper.start();
    }

    public String name() {
        return settings.name;
    }

    public PoolSettings settings() {
        return settings;
    }

    /**
     * Borrows a connection, waiting up to {@code connectionTimeout} for one to be free.
     *
     * @return a lease whose {@link Lease#release()} returns the connection
     * @throws SQLTransientConnectionException on timeout, naming the pool and its counts
     * @throws SQLException                    when the database refuses for a non-transient reason
     *                                         (bad password, unknown database), as the driver said
     */
    public Lease borrow() throws SQLException {
        long start = System.nanoTime();
        checkOpen();
        if (!permits.tryAcquire()) {
            waitForPermit(start);
        }
        try {
            PoolEntry entry = takeIdleOrCreate(start);
            entry.markBorrowed();
            if (idleCount.get() < settings.minIdle) {
                housekeeper.requestFill();
            }
            long now = System.nanoTime();
            acquireTimes.record(now - start);
            if (settings.leakDetectionNanos > 0) {
                housekeeper.watchForLeak(entry);
            }
            return entry;
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private void waitForPermit(long start) throws SQLException {
        waiting.incrementAndGet();
        try {
            long remaining = settings.connectionTimeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0 || !permits.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                timeouts.increment();
                throw timeoutException(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(name() + " - interrupted while waiting for a connection", e);
        } finally {
            waiting.decrementAndGet();
        }
        if (closed) {
            permits.release();
            checkOpen();
        }
    }

    private PoolEntry takeIdleOrCreate(long start) throws SQLException {
        for (PoolEntry entry; (entry = idle.pollFirst()) != null; ) {
            idleCount.decrementAndGet();
            long now = System.nanoTime();
            if (entry.isExpired(now)) {
                retire(entry, "reached maxLifetime");
            } else if (now - entry.lastUsedNanos > ALIVE_BYPASS_NANOS && !isAlive(entry)) {
                retire(entry, "failed validation");
            } else {
                return entry;
            }
        }
        return create(start + settings.connectionTimeoutNanos);
    }

    /** {@code isValid} bounded by the validation timeout (JDBC takes whole seconds, at least 1). */
    boolean isAlive(PoolEntry entry) {
        int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(settings.validationTimeoutNanos + 999_999_999L));
        try {
            return entry.connection.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Opens a connection, retrying transient failures (server down, restarting, refusing) with
     * backoff until the deadline. Other failures (authentication, unknown database) fail at once.
     */
    private PoolEntry create(long deadline) throws SQLException {
        long backoffMillis = 10;
        while (true) {
            checkOpen();
            totalCount.incrementAndGet(); // reserved before connecting, so the housekeeper's fill sees it
            try {
                return open();
            } catch (SQLException e) {
                totalCount.decrementAndGet();
                long remaining = deadline - System.nanoTime();
                if (!FatalErrors.isTransientConnectFailure(e)) {
                    throw e;
                }
                if (remaining <= 0) {
                    timeouts.increment();
                    throw timeoutException(e);
                }
                LOG.log(Level.DEBUG, name(), "connection attempt failed, retrying: " + e.getMessage());
                sleep(Math.min(backoffMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
                backoffMillis = Math.min(backoffMillis * 2, 1_000);
            }
        }
    }

    /**
     * Opens one physical connection and reads its initial state. The caller holds a permit and has
     * already counted the connection in {@code totalCount} (and uncounts it if this throws).
     */
    PoolEntry open() throws SQLException {
        Connection connection = factory.connect();
        if (connection == null) {
            throw new SQLException(name() + " - the driver returned no connection for " + factory.describe());
        }
        InitialState state;
        try {
            state = InitialState.capture(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        long now = System.nanoTime();
        long expiresAt = Long.MAX_VALUE;
        if (settings.maxLifetimeNanos > 0) {
            // Up to 2.5% less, so connections created together do not all expire together.
            long jitter = ThreadLocalRandom.current().nextLong(settings.maxLifetimeNanos / 40 + 1);
            expiresAt = now + settings.maxLifetimeNanos - jitter;
        }
        created.increment();
        return new PoolEntry(this, connection, state, now, expiresAt);
    }

    /** Takes a returned connection back; called once per borrow by {@link PoolEntry#release()}. */
    void recycle(PoolEntry entry) {
        if (!entry.markReturned()) {
            return;
        }
        housekeeper.stopWatching(entry);
        long now = System.nanoTime();
        entry.lastUsedNanos = now;
        if (closed || entry.evicted() || entry.isExpired(now)) {
            retire(entry, closed ? "pool closed" : entry.evicted() ? "evicted" : "reached maxLifetime");
        } else {
            idle.offerFirst(entry);
            idleCount.incrementAndGet();
        }
        permits.release();
        if (idleCount.get() < settings.minIdle) {
            housekeeper.requestFill(); // a retired connection leaves the pool short
        }
    }

    void noteEviction(PoolEntry entry, String reason) {
        LOG.log(Level.WARNING, name(), "evicting connection: " + reason);
    }

    /** Closes a connection that the caller has taken out of circulation. */
    void retire(PoolEntry entry, String reason) {
        totalCount.decrementAndGet();
        destroyed.increment();
        LOG.log(Level.DEBUG, name(), "closing connection: " + reason);
        housekeeper.closeLater(entry.connection);
    }

    // --- used by the housekeeper, which holds a permit while it owns an entry ---------------------

    boolean tryAcquirePermit() {
        return !closed && permits.tryAcquire();
    }

    void releasePermit() {
        permits.release();
    }

    List<PoolEntry> idleSnapshotOldestFirst() {
        List<PoolEntry> snapshot = new ArrayList<>(idle);
        java.util.Collections.reverse(snapshot);
        return snapshot;
    }

    boolean removeIdle(PoolEntry entry) {
        if (idle.removeLastOccurrence(entry)) {
            idleCount.decrementAndGet();
            return true;
        }
        return false;
    }

    void addIdleLast(PoolEntry entry) {
        if (closed) {
            retire(entry, "pool closed");
            return;
        }
        idle.offerLast(entry);
        idleCount.incrementAndGet();
    }

    int idleCount() {
        return idleCount.get();
    }

    /** Free permits: equals maxSize when nothing is borrowed or being checked (a test invariant). */
    int availablePermits() {
        return permits.availablePermits();
    }

    /** Counts one more connection if the pool is below maxSize; for the housekeeper's fill. */
    boolean tryReserve() {
        for (int total; (total = totalCount.get()) < settings.maxSize; ) {
            if (totalCount.compareAndSet(total, total + 1)) {
                return true;
            }
        }
        return false;
    }

    void unreserve() {
        totalCount.decrementAndGet();
    }

    // --- statistics, errors, shutdown ------------------------------------------------------------

    /** A snapshot of the counters; cheap enough to call from a metrics gauge. */
    public PoolStats stats() {
        int total = totalCount.get();
        int idleNow = idleCount.get();
        return new PoolStats(name(), total, Math.max(0, total - idleNow), idleNow, waiting.get(), created.sum(),
                destroyed.sum(), timeouts.sum(), acquireTimes.count(), acquireTimes.meanNanos(),
                acquireTimes.maxNanos(), acquireTimes.percentileNanos(50), acquireTimes.percentileNanos(99));
    }

    private SQLTransientConnectionException timeoutException(SQLException cause) {
        PoolStats s = stats();
        String message = name() + " - connection is not available, request timed out after "
                + TimeUnit.NANOSECONDS.toMillis(settings.connectionTimeoutNanos) + " ms (total=" + s.total()
                + ", active=" + s.active() + ", idle=" + s.idle() + ", waiting=" + s.waiting() + ", maxSize="
                + settings.maxSize + ")"
                + (cause == null ? ". Raise optimizer.pool.maxSize or optimizer.pool.connectionTimeout, or look for"
                + " connections that are not closed (optimizer.pool.leakDetectionThreshold)."
                : ". The last attempt to connect to " + factory.describe() + " failed: " + cause.getMessage());
        SQLTransientConnectionException exception = new SQLTransientConnectionException(message,
                cause == null ? null : cause.getSQLState(), cause);
        return exception;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLTransientConnectionException(name() + " - the pool is closed", "08003");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes idle connections now and in-use ones as they are returned. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeper.stop();
        for (PoolEntry entry; (entry = idle.pollFirst()) != null; ) {
            idleCount.decrementAndGet();
            retire(entry, "pool closed");
        }
        housekeeper.awaitCloses();
        // Wake every waiting borrower: each re-checks 'closed' and fails with "the pool is closed".
        permits.release(Integer.MAX_VALUE / 2);
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // closing a broken connection is best effort
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while retrying a connection", e);
        }
    }

    @Override
    public String toString() {
        return name() + " over " + factory.describe();
    }
}
