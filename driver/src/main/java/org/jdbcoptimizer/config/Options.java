package org.jdbcoptimizer.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option the optimizer understands, declared once: name, type, default, range and meaning.
 * The README's option table is this list. Adding an option means adding a constant here and to
 * {@link #ALL}; nothing else needs to know the name.
 */
public final class Options {

    public static final Option<String> CONFIG = Option.string("config", null,
            "a file path",
            "Path of an optimizer.properties file to read instead of the one on the classpath.");

    public static final Option<String> TARGET_DRIVER = Option.string("targetDriver", null,
            "a java.sql.Driver class name",
            "The real driver's class; by default the first registered driver that accepts the URL.");

    public static final Option<Boolean> POOL = Option.bool("pool", true,
            "Pool physical connections; false when the application already runs a pool such as HikariCP.");

    public static final Option<String> POOL_NAME = Option.string("pool.name", null,
            "any text",
            "Name used in log lines, errors and metrics; default optimizer-pool-N.");

    public static final Option<Integer> POOL_MAX_SIZE = Option.integer("pool.maxSize", 10, 1, 10_000,
            "Most physical connections the pool holds, in use and idle together.");

    public static final Option<Integer> POOL_MIN_IDLE = Option.integer("pool.minIdle", 0, 0, 10_000,
            "Idle connections the pool keeps ready (at most pool.maxSize).");

    public static final Option<Duration> POOL_CONNECTION_TIMEOUT = Option.duration("pool.connectionTimeout",
            Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofHours(1), false,
            "How long getConnection waits for a free connection before SQLTransientConnectionException.");

    public static final Option<Duration> POOL_IDLE_TIMEOUT = Option.duration("pool.idleTimeout",
            Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofDays(1), true,
            "An idle connection above pool.minIdle is closed after this long unused.");

    public static final Option<Duration> POOL_MAX_LIFETIME = Option.duration("pool.maxLifetime",
            Duration.ofMinutes(30), Duration.ofMillis(100), Duration.ofDays(7), true,
            "A connection is retired after this age (less up to 2.5% random jitter), never while in use.");

    public static final Option<Duration> POOL_KEEPALIVE_TIME = Option.duration("pool.keepaliveTime",
            Duration.ofMinutes(2), Duration.ofMillis(100), Duration.ofDays(1), true,
            "An idle connection is validated this often, so firewalls and servers do not drop it.");

    public static final Option<Duration> POOL_VALIDATION_TIMEOUT = Option.duration("pool.validationTimeout",
            Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofMinutes(1), false,
            "Bound on Connection.isValid when a connection unused for 500 ms is handed out.");

    public static final Option<Duration> POOL_LEAK_DETECTION_THRESHOLD = Option.duration(
            "pool.leakDetectionThreshold", Duration.ZERO, Duration.ofMillis(1), Duration.ofDays(1), true,
            "Log the borrower's stack when a connection is held longer than this.");

    /** Every option, in README order, keyed by name without prefix. */
    public static final Map<String, Option<?>> ALL = index(List.of(
            CONFIG, TARGET_DRIVER,
            POOL, POOL_NAME, POOL_MAX_SIZE, POOL_MIN_IDLE, POOL_CONNECTION_TIMEOUT, POOL_IDLE_TIMEOUT,
            POOL_MAX_LIFETIME, POOL_KEEPALIVE_TIME, POOL_VALIDATION_TIMEOUT, POOL_LEAK_DETECTION_THRESHOLD));

    private Options() {
    }

    private static Map<String, Option<?>> index(List<Option<?>> options) {
        Map<String, Option<?>> byName = new LinkedHashMap<>();
        for (Option<?> option : options) {
            byName.put(option.name(), option);
        }
        return Collections.unmodifiableMap(byName);
    }
}
