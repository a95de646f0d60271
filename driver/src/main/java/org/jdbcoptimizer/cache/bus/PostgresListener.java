package org.jdbcoptimizer.cache.bus;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.util.Log;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL bus's listening side: one daemon thread that opens a dedicated connection, runs
 * {@code LISTEN}, and polls {@link PGConnection#getNotifications(int)} (which blocks up to the
 * poll time) to deliver every message of another sender to the cache's listener.
 *
 * <p>Concurrency and invariants: only the thread touches the connection. {@link #listening()} is
 * true exactly from a successful {@code LISTEN} until the first failure on that connection, so a
 * message can be missed only while it is false. Each time it turns true the listener first gets
 * {@code invalidateAll()}: results loaded while nobody listened may have missed a message (this
 * includes the first connection). A connection that fails, or that stays silent past the
 * keepalive time and then fails {@code isValid}, is closed and replaced after a backoff. A
 * network that drops packets silently is noticed within keepalive plus the timeout.
 * {@link #stop()} sets a flag and interrupts; the thread ends within one poll.
 */
final class PostgresListener implements Runnable {

    private static final Log LOG = Log.of(PostgresListener.class);

    private final ConnectionSupplier connections;
    private final String channel;
    private final String senderId;
    private final BusSettings settings;
    private final InvalidationBus.Listener listener;
    private final Thread thread;
    private final Backoff backoff;
    private volatile boolean running = true;
    private volatile boolean listening;
    private boolean failing;

    PostgresListener(ConnectionSupplier connections, String channel, String senderId, BusSettings settings,
            InvalidationBus.Listener listener) {
        this.connections = connections;
        this.channel = channel;
        this.senderId = senderId;
        this.settings = settings;
        this.listener = listener;
        this.backoff = new Backoff(settings.reconnectMinMillis, settings.reconnectMaxMillis);
        this.thread = new Thread(this, "jdbc-optimizer-pg-bus-" + settings.logPrefix);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean listening() {
        return listening;
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(settings.pollMillis + 2L * settings.timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            Connection connection = null;
            try {
                connection = connections.get();
                PGConnection pg = connection.unwrap(PGConnection.class);
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                }
                listening = true;
                backoff.reset();
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, settings.logPrefix, "listening on PostgreSQL channel " + channel
                            + " again; every cached result is dropped, messages may have been missed");
                }
                invalidateAll();
                poll(connection, pg);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    failed(e);
                }
            } finally {
                listening = false;
                closeQuietly(connection);
            }
            if (running) {
                pause(backoff.nextDelayMillis());
            }
        }
    }

    private void poll(Connection connection, PGConnection pg) throws SQLException {
        long quietSince = System.nanoTime();
        long keepaliveNanos = TimeUnit.MILLISECONDS.toNanos(settings.keepaliveMillis);
        while (running) {
            PGNotification[] notifications = pg.getNotifications(settings.pollMillis);
            long now = System.nanoTime();
            if (notifications != null && notifications.length > 0) {
                quietSince = now;
                for (PGNotification notification : notifications) {
                    if (channel.equals(notification.getName())) {
                        deliver(notification.getParameter());
                    }
                }
            } else if (now - quietSince > keepaliveNanos && running) {
                int seconds = Math.max(1, (settings.timeoutMillis + 999) / 1000);
                if (!connection.isValid(seconds)) {
                    throw new SQLException("the listener connection did not answer within " + seconds + " s");
                }
                quietSince = now;
            }
        }
    }

    private void deliver(String payload) {
        Payload.Message message = Payload.decode(payload);
        if (senderId.equals(message.sender())) {
            return;
        }
        try {
            if (message.everything()) {
                listener.invalidateAll();
            } else {
                listener.invalidate(message.tables());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, settings.logPrefix, "the cache's listener failed on an invalidation from "
                    + "channel " + channel + "; continuing", e);
        }
    }

    private void invalidateAll() {
        try {
            listener.invalidateAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, settings.logPrefix, "the cache's listener failed on invalidateAll; continuing", e);
        }
    }

    private void failed(Exception e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, settings.logPrefix, "not listening on PostgreSQL channel " + channel
                    + ", so the cache serves no hits until it listens again; reconnecting with backoff: " + e, e);
        } else {
            LOG.log(Level.DEBUG, settings.logPrefix, "still not listening on PostgreSQL channel " + channel + ": " + e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stop() interrupts: the loop checks running
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is already broken or closing
            }
        }
    }
}
