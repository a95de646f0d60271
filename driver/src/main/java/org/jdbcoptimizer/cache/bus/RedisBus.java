package org.jdbcoptimizer.cache.bus;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.util.Log;

import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis bus: per-table version counters that every hit checks (pub/sub messages can be lost;
 * counters cannot be missed) plus pub/sub messages that drop stale results early.
 *
 * <p>Keys, under the prefix {@code P}: {@code P:v:<table>} per table (bare, lower-case), {@code
 * P:v:*} the global counter, {@code P:inv} the channel. {@link #committed} increments the written
 * tables' counters (the global one for "everything") and publishes, in one pipeline. {@link
 * #remoteVersions} reads the global counter and the tables' in one {@code MGET} (a missing counter
 * is 0). The global counter starts at a time-based random value whenever it is missing (first use,
 * Redis restarted without persistence, {@code FLUSHDB}), so counters that restarted from zero can
 * never match a snapshot taken before. Redis must not evict these keys: use {@code noeviction} or
 * a {@code volatile-*} policy (the counters have no TTL).
 *
 * <p>Concurrency: commands run on a small pool ({@link RedisCommands}), the subscription on its
 * own thread ({@link RedisSubscriber}). {@link #healthy()} is two volatile reads. A failed command
 * makes it false until the next command succeeds or the subscription is re-established; the
 * application never sees the failure. After a connection failure or a timeout, commands are not
 * even tried for a second (unless the subscription comes back first): a Redis that hangs costs
 * the application one timeout per second, not one per statement.
 */
final class RedisBus implements InvalidationBus {

    private static final Log LOG = Log.of(RedisBus.class);
    private static final long COOL_DOWN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BusSettings settings;
    private final String senderId = Payload.newSenderId();
    private final String versionPrefix;
    private final String globalKey;
    private final String channel;
    private final RedisEndpoint endpoint;
    private final RedisCommands commands;
    private final RedisResultStore store;
    private final Object lock = new Object();
    private final Set<String> staleWarned = ConcurrentHashMap.newKeySet();
    private volatile boolean commandsHealthy = true;
    private volatile boolean coolingDown;
    private volatile long coolDownEndNanos;
    private volatile RedisSubscriber subscriber;
    private boolean closed;

    RedisBus(String keyPrefix, BusSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.versionPrefix = keyPrefix + ":v:";
        this.globalKey = versionPrefix + Payload.EVERYTHING;
        this.channel = keyPrefix + ":inv";
        this.endpoint = new RedisEndpoint(settings);
        this.commands = new RedisCommands(endpoint, settings);
        this.store = new RedisResultStore(keyPrefix, commands, settings.logPrefix);
    }

    /** Results under this bus's key prefix, on its connection pool. */
    @Override
    public ResultStore resultStore() {
        return store;
    }

    /** Nothing to do: Redis learns of the write at {@link #committed}. */
    @Override
    public void written(Connection physical, Set<String> tables, boolean everything) {
    }

    /**
     * Increments the counters and publishes the message. Never throws: on failure it logs, once
     * per table and outage, that other processes may serve those tables' stale results until
     * their TTL, and {@link #healthy()} turns false.
     */
    @Override
    public void committed(Set<String> tables, boolean everything) {
        String payload = Payload.encodeOne(senderId, tables, everything);
        if (payload == null) {
            return;
        }
        Payload.Message message = Payload.decode(payload);
        List<String> keys = new ArrayList<>();
        if (message.everything()) {
            keys.add(globalKey);
        } else {
            message.tables().forEach(table -> keys.add(versionPrefix + table));
        }
        if (coolingDown()) {
            warnStale(message, new IllegalStateException("not tried: Redis did not answer within the last second"));
            return;
        }
        try {
            commands.call(jedis -> {
                Pipeline pipeline = jedis.pipelined();
                pipeline.set(globalKey, newEpoch(), SetParams.setParams().nx());
                List<Response<Long>> increments = new ArrayList<>(keys.size());
                keys.forEach(key -> increments.add(pipeline.incr(key)));
                Response<Long> published = pipeline.publish(channel, payload);
                pipeline.sync();
                increments.forEach(Response::get);
                return published.get();
            });
            succeeded();
        } catch (Exception e) {
            failed(e);
            warnStale(message, e);
        }
    }

    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (closed || subscriber != null) {
                throw new IllegalStateException(settings.logPrefix + " - the Redis bus on " + channel
                        + (closed ? " is closed" : " was already started"));
            }
            subscriber = new RedisSubscriber(endpoint, channel, senderId, settings, listener, this::resubscribed);
            subscriber.start();
        }
    }

    /** True while subscribed and the last command succeeded. */
    @Override
    public boolean healthy() {
        RedisSubscriber current = subscriber;
        return commandsHealthy && current != null && current.subscribed();
    }

    /** One {@code MGET}; null (and {@link #healthy()} false) on any failure. */
    @Override
    public long[] remoteVersions(String[] tables) {
        String[] keys = new String[tables.length + 1];
        keys[0] = globalKey;
        for (int i = 0; i < tables.length; i++) {
            keys[i + 1] = versionPrefix + tables[i].toLowerCase(Locale.ROOT);
        }
        if (coolingDown()) {
            return null;
        }
        try {
            List<String> values = commands.call(jedis -> jedis.mget(keys));
            if (values.get(0) == null) {
                values = commands.call(jedis -> {
                    jedis.set(globalKey, newEpoch(), SetParams.setParams().nx());
                    return jedis.mget(keys);
                });
            }
            long[] versions = new long[keys.length];
            for (int i = 0; i < versions.length; i++) {
                String value = values.get(i);
                versions[i] = value == null ? 0 : Long.parseLong(value);
            }
            succeeded();
            return versions;
        } catch (Exception e) {
            boolean wasHealthy = commandsHealthy;
            failed(e);
            if (wasHealthy) {
                LOG.log(Level.WARNING, settings.logPrefix, "reading versions from Redis at " + endpoint
                        + " failed, so the cache serves no hits until Redis answers again: " + e, e);
            }
            return null;
        }
    }

    /**
     * True when subscribed and the versions read now equal the snapshot; false for a null
     * snapshot, on any failure, and while the subscription is down.
     */
    @Override
    public boolean remoteUnchanged(String[] tables, long[] snapshot) {
        if (snapshot == null) {
            return false;
        }
        RedisSubscriber current = subscriber;
        if (current == null || !current.subscribed()) {
            return false;
        }
        long[] now = remoteVersions(tables);
        return now != null && Arrays.equals(now, snapshot);
    }

    /** Ends the subscription and closes the pool. Idempotent. */
    @Override
    public void close() {
        RedisSubscriber current;
        synchronized (lock) {
            closed = true;
            current = subscriber;
            subscriber = null;
        }
        if (current != null) {
            current.stop();
        }
        commands.close();
    }

    String senderId() {
        return senderId;
    }

    @Override
    public String toString() {
        return "RedisBus[" + endpoint + ", channel=" + channel + ", sender=" + senderId + "]";
    }

    /** The subscription is back: idle command connections may predate a restart. */
    private void resubscribed() {
        commands.clearIdle();
        succeeded();
    }

    private boolean coolingDown() {
        return coolingDown && System.nanoTime() - coolDownEndNanos < 0;
    }

    private void failed(Exception e) {
        commandsHealthy = false;
        if (e instanceof JedisConnectionException || e instanceof NoSuchElementException) {
            coolDownEndNanos = System.nanoTime() + COOL_DOWN_NANOS;
            coolingDown = true;
        }
    }

    private void succeeded() {
        if (coolingDown) {
            coolingDown = false;
        }
        if (!commandsHealthy) {
            commandsHealthy = true;
            staleWarned.clear();
            LOG.log(Level.INFO, settings.logPrefix, "Redis at " + endpoint + " answers again");
        }
    }

    private void warnStale(Payload.Message message, Exception e) {
        Set<String> tables = message.everything() ? Set.of(Payload.EVERYTHING) : message.tables();
        Set<String> fresh = new TreeSet<>();
        for (String table : tables) {
            if (staleWarned.add(table)) {
                fresh.add(table);
            }
        }
        String what = message.everything() ? "the global version" : "the versions of " + tables;
        if (!fresh.isEmpty()) {
            LOG.log(Level.WARNING, settings.logPrefix, "incrementing " + what + " in Redis at " + endpoint
                    + " failed: other processes may serve stale results of " + (message.everything() ? "every table"
                    : fresh) + " until their TTL: " + e, e);
        } else {
            LOG.log(Level.DEBUG, settings.logPrefix, "incrementing " + what + " in Redis failed again: " + e);
        }
    }

    /** A start for the global counter: microseconds since the epoch plus noise, never repeated by a restart. */
    private static String newEpoch() {
        return Long.toString(System.currentTimeMillis() * 1_000 + ThreadLocalRandom.current().nextInt(1_000));
    }
}
