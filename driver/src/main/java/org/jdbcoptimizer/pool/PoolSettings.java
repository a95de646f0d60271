package org.jdbcoptimizer.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.SqliteUrls;

/**
 * The pool options in the form the pool uses (nanoseconds), with database-specific rules applied:
 * a private SQLite in-memory database gets exactly one connection, kept for the pool's life.
 */
public final class PoolSettings {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    final String name;
    final int maxSize;
    final int minIdle;
    final long connectionTimeoutNanos;
    final long idleTimeoutNanos;
    final long maxLifetimeNanos;
    final long keepaliveNanos;
    final long validationTimeoutNanos;
    final long leakDetectionNanos;

    PoolSettings(String name, int maxSize, int minIdle, Duration connectionTimeout, Duration idleTimeout,
                 Duration maxLifetime, Duration keepalive, Duration validationTimeout, Duration leakDetection) {
        this.name = name;
        this.maxSize = maxSize;
        this.minIdle = minIdle;
        this.connectionTimeoutNanos = connectionTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxLifetimeNanos = maxLifetime.toNanos();
        this.keepaliveNanos = keepalive.toNanos();
        this.validationTimeoutNanos = validationTimeout.toNanos();
        this.leakDetectionNanos = leakDetection.toNanos();
    }

    /**
     * Builds the settings for a pool over {@code targetUrl}.
     *
     * @throws OptimizerConfigException when the options cannot work for this database (several
     *                                  connections to a private SQLite in-memory database)
     */
    public static PoolSettings from(OptimizerConfig config, String targetUrl) throws OptimizerConfigException {
        String name = config.get(Options.POOL_NAME);
        if (name == null) {
            name = "optimizer-pool-" + POOL_NUMBER.incrementAndGet();
        }
        int maxSize = config.get(Options.POOL_MAX_SIZE);
        int minIdle = config.get(Options.POOL_MIN_IDLE);
        Duration idleTimeout = config.get(Options.POOL_IDLE_TIMEOUT);
        Duration maxLifetime = config.get(Options.POOL_MAX_LIFETIME);
        if (Database.of(targetUrl) == Database.SQLITE && SqliteUrls.isInMemory(targetUrl)) {
            // The database exists only while a connection to it is open: keep one open for the pool's life.
            if (!SqliteUrls.isSharedCache(targetUrl)) {
                boolean explicit = !config.sourceOf(Options.POOL_MAX_SIZE).equals("default");
                if (explicit && maxSize > 1) {
                    throw new OptimizerConfigException(Options.POOL_MAX_SIZE.key() + "=" + maxSize
                            + " cannot be used with the in-memory SQLite database '" + targetUrl
                            + "': every physical connection would see its own empty database. Use a file"
                            + " database, add cache=shared, or leave " + Options.POOL_MAX_SIZE.key()
                            + " unset (the pool then keeps exactly one connection for the database's life)");
                }
                maxSize = 1;
            }
            minIdle = Math.max(1, minIdle);
            idleTimeout = Duration.ZERO;
            maxLifetime = Duration.ZERO;
        }
        return new PoolSettings(name, maxSize, minIdle, config.get(Options.POOL_CONNECTION_TIMEOUT), idleTimeout,
                maxLifetime, config.get(Options.POOL_KEEPALIVE_TIME), config.get(Options.POOL_VALIDATION_TIMEOUT),
                config.get(Options.POOL_LEAK_DETECTION_THRESHOLD));
    }

    /**
     * A one-connection pool for the optimizer's own background work (EXPLAIN, advice), so it never
     * takes a connection the application is waiting for.
     */
    public static PoolSettings background(String name, Duration connectionTimeout) {
        return new PoolSettings(name, 1, 0, connectionTimeout, Duration.ofMinutes(1), Duration.ofMinutes(30),
                Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO);
    }

    public String name() {
        return name;
    }

    public int maxSize() {
        return maxSize;
    }

    public int minIdle() {
        return minIdle;
    }

    public long maxLifetimeNanos() {
        return maxLifetimeNanos;
    }

    public long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }
}
