package org.jdbcoptimizer.cache.bus;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.util.Log;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The Redis bus's listening side: a daemon thread that {@code SUBSCRIBE}s on a dedicated
 * connection and delivers every message of another sender, and a watchdog that pings the
 * subscription.
 *
 * <p>Concurrency and invariants: {@link #subscribed()} is true exactly from Redis's confirmation
 * of the subscription until that connection fails, so a message can be missed only while it is
 * false; each time it turns true the bus's hook runs and the listener gets {@code invalidateAll()}
 * first (results loaded while nobody listened may have missed a message). A subscription reads
 * with no timeout, so a connection lost without a reset would go unnoticed: every keepalive
 * period the watchdog sends {@code PING} on it, and when no pong (nor message) came for keepalive
 * plus the timeout it declares the connection dead and closes it, which ends the subscriber's
 * blocking read. The watchdog and {@link #stop()} write to or close the connection under
 * {@code lock}; the subscriber thread only reads after its {@code SUBSCRIBE}.
 */
final class RedisSubscriber implements Runnable {

    private static final Log LOG = Log.of(RedisSubscriber.class);

    private final RedisEndpoint endpoint;
    private final String channel;
    private final String senderId;
    private final BusSettings settings;
    private final InvalidationBus.Listener listener;
    private final Runnable onSubscribed;
    private final Backoff backoff;
    private final Thread thread;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Object lock = new Object();
    private volatile boolean running = true;
    private volatile boolean subscribed;
    private volatile long lastHeardNanos;
    private Jedis connection;
    private JedisPubSub subscription;
    /** Only the subscriber thread reads and writes it. */
    private boolean failing;

    RedisSubscriber(RedisEndpoint endpoint, String channel, String senderId, BusSettings settings,
            InvalidationBus.Listener listener, Runnable onSubscribed) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.senderId = senderId;
        this.settings = settings;
        this.listener = listener;
        this.onSubscribed = onSubscribed;
        this.backoff = new Backoff(settings.reconnectMinMillis, settings.reconnectMaxMillis);
        this.thread = new Thread(this, "jdbc-optimizer-redis-bus-" + settings.logPrefix);
        this.thread.setDaemon(true);
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "jdbc-optimizer-redis-bus-watchdog-" + settings.logPrefix);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.start();
        watchdog.scheduleWithFixedDelay(this::check, settings.keepaliveMillis, settings.keepaliveMillis,
                TimeUnit.MILLISECONDS);
    }

    boolean subscribed() {
        return subscribed;
    }

    /** Ends the subscription and both threads; waits up to twice the timeout for the subscriber. */
    void stop() {
        running = false;
        watchdog.shutdownNow();
        synchronized (lock) {
            closeQuietly(connection);
        }
        thread.interrupt();
        try {
            thread.join(2L * settings.timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            Jedis jedis = null;
            JedisPubSub pubSub = new Deliverer();
            try {
                jedis = endpoint.open();
                synchronized (lock) {
                    if (!running) {
                        break;
                    }
                    connection = jedis;
                    subscription = pubSub;
                }
                jedis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                if (running) {
                    failed(e);
                }
            } finally {
                subscribed = false;
                synchronized (lock) {
                    connection = null;
                    subscription = null;
                }
                closeQuietly(jedis);
            }
            if (running) {
                pause(backoff.nextDelayMillis());
            }
        }
    }

    /** The watchdog's tick: ping a live subscription, close one that stopped answering. */
    private void check() {
        if (!subscribed) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
        synchronized (lock) {
            if (connection == null) {
                return;
            }
            try {
                if (silentMillis > settings.keepaliveMillis + (long) settings.timeoutMillis) {
                    subscribed = false;
                    LOG.log(Level.WARNING, settings.logPrefix, "the Redis subscription at " + endpoint
                            + " did not answer PING for " + silentMillis + " ms; closing it to reconnect");
                    closeQuietly(connection);
                } else {
                    subscription.ping();
                }
            } catch (RuntimeException e) {
                subscribed = false;
                closeQuietly(connection);
            }
        }
    }

    private final class Deliverer extends JedisPubSub {
        @Override
        public void onSubscribe(String subscribedChannel, int channels) {
            lastHeardNanos = System.nanoTime();
            subscribed = true;
            backoff.reset();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, settings.logPrefix, "subscribed to Redis channel " + channel + " at " + endpoint
                        + " again; every cached result is dropped, messages may have been missed");
            }
            onSubscribed.run();
            safely(listener::invalidateAll);
        }

        @Override
        public void onMessage(String fromChannel, String payload) {
            lastHeardNanos = System.nanoTime();
            Payload.Message message = Payload.decode(payload);
            if (senderId.equals(message.sender())) {
                return;
            }
            safely(message.everything() ? listener::invalidateAll : () -> listener.invalidate(message.tables()));
        }

        @Override
        public void onPong(String pattern) {
            lastHeardNanos = System.nanoTime();
        }
    }

    private void safely(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, settings.logPrefix, "the cache's listener failed on an invalidation from Redis"
                    + " channel " + channel + "; continuing", e);
        }
    }

    private void failed(Exception e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, settings.logPrefix, "not subscribed to Redis channel " + channel + " at " + endpoint
                    + ", so the cache serves no hits until it is again; reconnecting with backoff: " + e, e);
        } else {
            LOG.log(Level.DEBUG, settings.logPrefix, "still not subscribed to Redis at " + endpoint + ": " + e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stop() interrupts: the loop checks running
        }
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // already broken or closing
            }
        }
    }
}
