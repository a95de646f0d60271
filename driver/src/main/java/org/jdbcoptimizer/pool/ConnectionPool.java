package org.jdbcoptimizer.pool;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jdbcoptimizer.util.Log;

/**
 * A pool of physical connections to one database with one set of credentials.
 *
 * <p>Design: every live connection is a {@link PoolEntry} in an array that changes only when a
 * connection is created or retired. An entry's state (idle, in use, reserved by the housekeeper,
 * removed) is claimed by compare-and-set, so the entry itself is the permit and no lock is taken
 * to borrow or return. A borrower first tries the entry its own thread returned last (kept warm
 * and uncontended, the idea of HikariCP's thread-local list), then scans for any idle entry. When
 * none is idle it creates one, after reserving a place in {@code totalCount} below
 * {@code maxSize} (so the total never exceeds it), or else waits.
 *
 * <p>Waiting: a waiter registers in {@code waiting}, rescans and awaits a signal under
 * {@code lock}; whoever makes an entry idle or frees a place checks {@code waiting} afterwards
 * and signals under the same lock. Because the waiter's rescan-and-await is atomic under the lock
 * and the signaller's state change precedes its read of {@code waiting}, a wake-up is never lost.
 *
 * <p>The fast path of a borrow is one entry CAS and two counter updates; of a return, one
 * volatile write and one volatile read. Retired connections are closed on the housekeeper's
 * thread.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; connections in use when the pool closes are
 * closed when they are returned.
 */
public final class ConnectionPool implements AutoCloseable {

    /** A connection used this recently is handed out without validation (as HikariCP does). */
    static final long ALIVE_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Log LOG = Log.of(ConnectionPool.class);
    private static final PoolEntry[] NO_ENTRIES = new PoolEntry[0];

    private final PoolSettings settings;
    private final ConnectionFactory factory;
    /** Every live entry; replaced (copy on write, under {@code lock}) when one is added or removed. */
    private volatile PoolEntry[] entries = NO_ENTRIES;
    /** The entry each thread returned last: tried first at its next borrow. */
    private final ThreadLocal<PoolEntry> lastReturned = new ThreadLocal<>();
    /** Live connections plus those being created. */
    private final AtomicInteger totalCount = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final LongAdder created = new LongAdder();
    private final LongAdder destroyed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder borrows = new LongAdder();
    private final LongAdder acquireNanos = new LongAdder();
    private final LongAccumulator maxAcquireNanos = new LongAccumulator(Math::max, 0);
    private final Housekeeper housekeeper;
    private volatile boolean closed;

    public ConnectionPool(PoolSettings settings, ConnectionFactory factory) {
        this.settings = settings;
        this.factory = factory;
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
        long deadline = start + settings.connectionTimeoutNanos;
        PoolEntry entry;
        while (true) {
            entry = claimIdle();
            if (entry != null) {
                if (isUsable(entry, start)) {
                    break;
                }
                continue;
            }
            if (tryReserve()) {
                entry = create(deadline);
                housekeeper.requestFillIfShort(); // the pool ran dry: top it up off this thread
                break;
            }
            entry = awaitIdle(deadline);
            if (isUsable(entry, System.nanoTime())) {
                break;
            }
        }
        long elapsed = System.nanoTime() - start;
        borrows.increment();
        acquireNanos.add(elapsed);
        maxAcquireNanos.accumulate(elapsed);
        if (settings.leakDetectionNanos > 0) {
            housekeeper.watchForLeak(entry);
        }
        return entry;
    }

    private PoolEntry claimIdle() {
        PoolEntry local = lastReturned.get();
        if (local != null && local.compareAndSetState(PoolEntry.IDLE, PoolEntry.IN_USE)) {
            return local;
        }
        // Start the scan at a per-thread offset, so that threads whose own entry was taken do not
        // all contend for the first entries of the array.
        PoolEntry[] all = entries;
        int n = all.length;
        int offset = n == 0 ? 0 : (int) (Thread.currentThread().getId() % n);
        for (int i = 0; i < n; i++) {
            PoolEntry entry = all[(offset + i) % n];
            if (entry.state() == PoolEntry.IDLE && entry.compareAndSetState(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                return entry;
            }
        }
        return null;
    }

    /** Retires a claimed entry that expired or failed validation; true when it can be handed out. */
    private boolean isUsable(PoolEntry entry, long now) {
        if (entry.isExpired(now)) {
            remove(entry, "reached maxLifetime");
            return false;
        }
        if (now - entry.lastUsedNanos > ALIVE_BYPASS_NANOS && !isAlive(entry)) {
            remove(entry, "failed validation");
            return false;
        }
        return true;
    }

    /**
     * Waits until an entry can be claimed or a place frees up for a new connection.
     *
     * @return a claimed entry (IN_USE), possibly newly created
     */
    private PoolEntry awaitIdle(long deadline) throws SQLException {
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                checkOpen();
                PoolEntry entry = claimIdle();
                if (entry != null) {
                    return entry;
                }
                if (tryReserve()) {
                    lock.unlock();
                    try {
                        return create(deadline);
                    } finally {
                        lock.lock();
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    timeouts.increment();
                    throw timeoutException(null);
                }
                available.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(name() + " - interrupted while waiting for a connection", e);
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /** Wakes one waiter, if any, after an entry became idle or a place was freed. */
    private void signalWaiter() {
        if (waiting.get() > 0) {
            lock.lock();
            try {
                available.signal();
            } finally {
                lock.unlock();
            }
        }
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
     * Opens a connection into a place already reserved, retrying transient failures (server down,
     * restarting, refusing) with backoff until the deadline. Other failures (authentication,
     * unknown database) fail at once. On failure the reservation is given back.
     */
    private PoolEntry create(long deadline) throws SQLException {
        long backoffMillis = 10;
        while (true) {
            try {
                checkOpen();
                return add(open(), PoolEntry.IN_USE);
            } catch (SQLException e) {
                long remaining = deadline - System.nanoTime();
                boolean transientFailure = FatalErrors.isTransientConnectFailure(e);
                if (!transientFailure || remaining <= 0 || closed) {
                    unreserve();
                    if (transientFailure && !closed) {
                        timeouts.increment();
                        throw timeoutException(e);
                    }
                    throw e;
                }
                LOG.log(Level.DEBUG, name(), "connection attempt failed, retrying: " + e.getMessage());
                sleep(Math.min(backoffMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
                backoffMillis = Math.min(backoffMillis * 2, 1_000);
            } catch (RuntimeException | Error e) {
                unreserve();
                throw e;
            }
        }
    }

    /** Opens one physical connection; the caller has reserved its place. */
    Connection open() throws SQLException {
        Connection connection = factory.connect();
        if (connection == null) {
            throw new SQLException(name() + " - the driver returned no connection for " + factory.describe());
        }
        return connection;
    }

    /** Registers a newly opened connection in the given state (IN_USE for a borrower, IDLE for the fill). */
    PoolEntry add(Connection connection, int state) throws SQLException {
        InitialState initial;
        try {
            initial = InitialState.capture(connection);
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
        PoolEntry entry = new PoolEntry(this, connection, initial, now, expiresAt, state);
        lock.lock();
        try {
            PoolEntry[] current = entries;
            PoolEntry[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = entry;
            entries = next;
        } finally {
            lock.unlock();
        }
        created.increment();
        if (state == PoolEntry.IDLE) {
            if (closed && entry.compareAndSetState(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                remove(entry, "pool closed"); // lost a race with close()
            } else {
                signalWaiter();
            }
        }
        return entry;
    }

    /** Takes a returned connection back; called by {@link PoolEntry#release()}. */
    void recycle(PoolEntry entry) {
        if (entry.state() != PoolEntry.IN_USE) {
            return; // released twice
        }
        housekeeper.stopWatching(entry);
        long now = System.nanoTime();
        entry.lastUsedNanos = now;
        if (closed || entry.evicted() || entry.isExpired(now)) {
            remove(entry, closed ? "pool closed" : entry.evicted() ? "evicted" : "reached maxLifetime");
            housekeeper.requestFillIfShort();
            return;
        }
        entry.setState(PoolEntry.IDLE);
        lastReturned.set(entry);
        signalWaiter();
    }

    /** Puts an entry the housekeeper checked back into circulation. */
    void restore(PoolEntry entry) {
        entry.setState(PoolEntry.IDLE);
        signalWaiter();
    }

    void noteEviction(PoolEntry entry, String reason) {
        LOG.log(Level.WARNING, name(), "evicting connection: " + reason);
    }

    /** Takes an entry its caller owns out of the pool for good and closes it off this thread. */
    void remove(PoolEntry entry, String reason) {
        entry.setState(PoolEntry.REMOVED);
        lock.lock();
        try {
            PoolEntry[] current = entries;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == entry) {
                    PoolEntry[] next = new PoolEntry[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    entries = next;
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (lastReturned.get() == entry) {
            lastReturned.remove();
        }
        totalCount.decrementAndGet();
        destroyed.increment();
        LOG.log(Level.DEBUG, name(), "closing connection: " + reason);
        housekeeper.closeLater(entry.connection);
        signalWaiter(); // a place is free: a waiter may create a connection
    }

    // --- used by the housekeeper ------------------------------------------------------------------

    PoolEntry[] entries() {
        return entries;
    }

    int idleCount() {
        int idle = 0;
        for (PoolEntry entry : entries) {
            if (entry.state() == PoolEntry.IDLE) {
                idle++;
            }
        }
        return idle;
    }

    /** Counts one more connection if the pool is below maxSize. */
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
        signalWaiter();
    }

    // --- statistics, errors, shutdown ------------------------------------------------------------

    /** A snapshot of the counters; cheap enough to call from a metrics gauge. */
    public PoolStats stats() {
        int total = totalCount.get();
        int idleNow = idleCount();
        long borrowCount = borrows.sum();
        return new PoolStats(name(), total, Math.max(0, total - idleNow), idleNow, waiting.get(), created.sum(),
                destroyed.sum(), timeouts.sum(), borrowCount, borrowCount == 0 ? 0 : acquireNanos.sum() / borrowCount,
                maxAcquireNanos.get());
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
        return new SQLTransientConnectionException(message, cause == null ? null : cause.getSQLState(), cause);
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
        for (PoolEntry entry : entries) {
            if (entry.compareAndSetState(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                remove(entry, "pool closed");
            }
        }
        housekeeper.awaitCloses();
        lock.lock();
        try {
            available.signalAll(); // every waiter re-checks 'closed' and fails with "the pool is closed"
        } finally {
            lock.unlock();
        }
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
