package org.jdbcoptimizer.cache.bus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL bus: a write sends {@code pg_notify(channel, payload)} on the writer's own
 * connection, inside its transaction, so PostgreSQL delivers it to every listener of the database
 * exactly when the transaction commits and never when it rolls back; a {@link PostgresListener}
 * on a dedicated connection hears the other processes' messages.
 *
 * <p>Concurrency: {@link #written} keeps no state (it may run on many application threads at
 * once, each on its own connection); the listener has its own thread. There are no versions, so
 * a message is seen by others a moment after the commit returns (the delivery's latency): the
 * gap pub/sub always has, which the Redis bus's version checks close. {@link #healthy()} is a
 * volatile read, cheap enough for every hit; start and close are serialised by a lock.
 */
final class PostgresBus implements InvalidationBus {

    private static final String NOTIFY = "SELECT pg_notify(?, ?)";

    private final String channel;
    private final String senderId = Payload.newSenderId();
    private final BusSettings settings;
    private final ConnectionSupplier listenerConnections;
    private final Object lock = new Object();
    private volatile PostgresListener listening;
    private boolean closed;

    PostgresBus(BusSettings settings, ConnectionSupplier listenerConnections) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channel = settings.postgresChannel;
        this.listenerConnections = Objects.requireNonNull(listenerConnections, "listenerConnections");
    }

    /**
     * Sends the written tables with {@code pg_notify} on {@code physical}, split over several
     * messages when they exceed PostgreSQL's payload limit. Errors are the database's and reach
     * the caller: on PostgreSQL they abort the caller's transaction, as the write itself would.
     */
    @Override
    public void written(Connection physical, Set<String> tables, boolean everything) throws SQLException {
        List<String> messages = Payload.encode(senderId, tables, everything, Payload.POSTGRES_MAX_BYTES);
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement notify = physical.prepareStatement(NOTIFY)) {
            for (String message : messages) {
                notify.setString(1, channel);
                notify.setString(2, message);
                try (ResultSet ignored = notify.executeQuery()) {
                    // pg_notify returns void: one row, nothing to read
                }
            }
        }
    }

    /** Nothing to do: PostgreSQL itself delivers the messages at commit. */
    @Override
    public void committed(Set<String> tables, boolean everything) {
    }

    /**
     * Opens the listener connection on a daemon thread and delivers every message of another
     * sender; the first delivery is an {@code invalidateAll} as soon as the connection listens.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (closed || listening != null) {
                throw new IllegalStateException(settings.logPrefix + " - the PostgreSQL bus on channel " + channel
                        + (closed ? " is closed" : " was already started"));
            }
            listening = new PostgresListener(listenerConnections, channel, senderId, settings, listener);
            listening.start();
        }
    }

    /** True while the listener connection is listening (false before {@link #start} and after {@link #close}). */
    @Override
    public boolean healthy() {
        PostgresListener current = listening;
        return current != null && current.listening();
    }

    /** Always null: the PostgreSQL bus has no versions. */
    @Override
    public long[] remoteVersions(String[] tables) {
        return null;
    }

    /** No versions to compare: as {@link #healthy()}. */
    @Override
    public boolean remoteUnchanged(String[] tables, long[] snapshot) {
        return healthy();
    }

    /** Stops the listener (waiting up to one poll for its thread) and closes its connection. Idempotent. */
    @Override
    public void close() {
        PostgresListener current;
        synchronized (lock) {
            closed = true;
            current = listening;
            listening = null;
        }
        if (current != null) {
            current.stop();
        }
    }

    String senderId() {
        return senderId;
    }

    @Override
    public String toString() {
        return "PostgresBus[channel=" + channel + ", sender=" + senderId + "]";
    }
}
