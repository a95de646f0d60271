package org.jdbcoptimizer.pool;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.util.Log;

/**
 * A pool's background work, on one daemon thread per pool: keeping {@code minIdle} connections
 * ready, retiring idle and expired connections, keepalive validation of idle ones, closing
 * retired connections off the borrower's thread, and leak detection.
 *
 * <p>Concurrency: to check or retire an idle connection the housekeeper claims the entry by CAS
 * (idle → reserved), so it owns it exactly as a borrower would; a borrower never sees an entry
 * under check, and one that finds nothing idle meanwhile waits for it to be restored.
 */
final class Housekeeper {

    private static final Log LOG = Log.of(Housekeeper.class);
    private static final long MIN_PERIOD_MILLIS = 50;
    private static final long MAX_PERIOD_MILLIS = 30_000;

    private final ConnectionPool pool;
    private final PoolSettings settings;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean fillFailing;
    private final java.util.concurrent.atomic.AtomicBoolean fillRequested = new java.util.concurrent.atomic.AtomicBoolean();

    Housekeeper(ConnectionPool pool) {
        this.pool = pool;
        this.settings = pool.settings();
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jdbc-optimizer-housekeeper-" + pool.name());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void start() {
        long period = periodMillis();
        executor.scheduleWithFixedDelay(this::runSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Half the shortest enabled timer, so a timer fires at most 50% late; between 50 ms and 30 s. */
    long periodMillis() {
        long shortest = MAX_PERIOD_MILLIS * 2;
        for (long nanos : new long[] {settings.idleTimeoutNanos, settings.keepaliveNanos, settings.maxLifetimeNanos}) {
            if (nanos > 0) {
                shortest = Math.min(shortest, TimeUnit.NANOSECONDS.toMillis(nanos));
            }
        }
        return Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, shortest / 2));
    }

    private void runSafely() {
        try {
            checkIdleConnections();
            fillToMinIdle();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, pool.name(), "housekeeping failed; will retry", e);
        }
    }

    /** Retires expired and long-idle connections and validates those due for keepalive. */
    void checkIdleConnections() {
        long now = System.nanoTime();
        int idle = pool.idleCount();
        for (PoolEntry entry : pool.entries()) {
            if (entry.state() != PoolEntry.IDLE) {
                continue;
            }
            boolean expired = entry.isExpired(now);
            boolean idleTooLong = settings.idleTimeoutNanos > 0 && idle > settings.minIdle
                    && now - entry.lastUsedNanos > settings.idleTimeoutNanos;
            boolean keepaliveDue = settings.keepaliveNanos > 0 && now - entry.lastUsedNanos > settings.keepaliveNanos;
            if (!expired && !idleTooLong && !keepaliveDue) {
                continue;
            }
            if (!entry.compareAndSetState(PoolEntry.IDLE, PoolEntry.RESERVED)) {
                continue; // a borrower took it meanwhile
            }
            if (expired) {
                pool.remove(entry, "reached maxLifetime");
                idle--;
            } else if (idleTooLong) {
                pool.remove(entry, "idle longer than idleTimeout");
                idle--;
            } else if (pool.isAlive(entry)) {
                entry.lastUsedNanos = System.nanoTime();
                pool.restore(entry);
            } else {
                pool.remove(entry, "failed keepalive validation");
                idle--;
            }
        }
    }

    /** Opens connections until {@code minIdle} are idle, without exceeding {@code maxSize}. */
    void fillToMinIdle() {
        while (!pool.isClosed() && pool.idleCount() < settings.minIdle) {
            if (!pool.tryReserve()) {
                return;
            }
            try {
                pool.add(pool.open(), PoolEntry.IDLE);
                fillFailing = false;
            } catch (SQLException | RuntimeException e) {
                pool.unreserve();
                if (!fillFailing) {
                    fillFailing = true;
                    LOG.log(Level.WARNING, pool.name(), "cannot open a connection to keep minIdle="
                            + settings.minIdle + "; retrying every " + periodMillis() + " ms: " + e.getMessage());
                }
                return;
            }
        }
    }

    /**
     * Asks for a fill soon, off the caller's thread, when a borrow or a retirement left fewer than
     * minIdle idle connections; at most one request is pending at a time.
     */
    void requestFillIfShort() {
        if (settings.minIdle > 0 && fillRequested.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    fillRequested.set(false);
                    fillToMinIdle();
                });
            } catch (RejectedExecutionException e) {
                fillRequested.set(false); // the pool is closing
            }
        }
    }

    void watchForLeak(PoolEntry entry) {
        Exception borrowedHere = new Exception("Apparent connection leak: the connection was borrowed here");
        String thread = Thread.currentThread().getName();
        entry.leakReported = false;
        try {
            entry.leakTask = executor.schedule(() -> {
                entry.leakReported = true;
                LOG.log(Level.WARNING, pool.name(), "connection leak detection triggered: a connection borrowed by thread '"
                        + thread + "' has been held longer than leakDetectionThreshold="
                        + TimeUnit.NANOSECONDS.toMillis(settings.leakDetectionNanos) + " ms", borrowedHere);
            }, settings.leakDetectionNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            entry.leakTask = null; // the pool is closing
        }
    }

    void stopWatching(PoolEntry entry) {
        ScheduledFuture<?> task = entry.leakTask;
        if (task != null) {
            task.cancel(false);
            entry.leakTask = null;
            if (entry.leakReported) {
                LOG.log(Level.INFO, pool.name(), "a connection previously reported as leaked was returned");
            }
        }
    }

    /** Closes a retired connection off the caller's thread (closing may wait on a dead network). */
    void closeLater(Connection connection) {
        try {
            executor.execute(() -> ConnectionPool.closeQuietly(connection));
        } catch (RejectedExecutionException e) {
            ConnectionPool.closeQuietly(connection);
        }
    }

    void stop() {
        executor.shutdown();
    }

    /** Waits briefly for queued closes, so a closed pool leaves no physical connection open. */
    void awaitCloses() {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
