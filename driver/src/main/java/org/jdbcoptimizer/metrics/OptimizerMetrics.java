package org.jdbcoptimizer.metrics;

import java.util.concurrent.atomic.AtomicReference;

import org.jdbcoptimizer.analyze.StatementMetrics;
import org.jdbcoptimizer.pool.ConnectionPool;

/**
 * The optimizer's Micrometer binding. Micrometer is optional: when it is not on the classpath
 * every method here does nothing, and no Micrometer class is ever loaded (the Micrometer-using
 * code lives in {@code MicrometerBinding}, touched only after the check).
 *
 * <p>Meters go to the registry given to {@link #bindTo(Object)}, else to Micrometer's
 * {@code Metrics.globalRegistry}. Names follow Micrometer's conventions (dots, lower case; the
 * registry renders them for its backend), in the style of HikariCP's {@code hikaricp.connections.*}:
 * <ul>
 *   <li>{@code optimizer.statements} timer, tags {@code pool}, {@code kind} (query, insert, ...),
 *       {@code outcome} (success, error): every execution</li>
 *   <li>{@code optimizer.statements.slow} counter, tag {@code pool}: executions over the slow threshold</li>
 *   <li>{@code optimizer.connections.active|idle|pending|total} gauges, tag {@code pool}</li>
 *   <li>{@code optimizer.connections.acquire} function timer, tag {@code pool}: getConnection time</li>
 *   <li>{@code optimizer.connections.timeout} function counter, tag {@code pool}</li>
 *   <li>{@code optimizer.cache.gets} function counters, tags {@code database}, {@code result} (hit, miss)</li>
 *   <li>{@code optimizer.cache.loads}, {@code optimizer.cache.invalidations} function counters, tag
 *       {@code database}; {@code optimizer.cache.evictions} with tag {@code cause} (size, expired)</li>
 *   <li>{@code optimizer.cache.size} (entries) and {@code optimizer.cache.bytes} gauges, tag {@code database}</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class OptimizerMetrics {

    private static final boolean MICROMETER_PRESENT = present();
    private static final AtomicReference<Object> REGISTRY = new AtomicReference<>();

    private OptimizerMetrics() {
    }

    /**
     * Publishes to this registry instead of the global one, for pools created from now on.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}
     * @throws IllegalArgumentException when it is not a MeterRegistry (or Micrometer is absent)
     */
    public static void bindTo(Object meterRegistry) {
        if (!MICROMETER_PRESENT || !MicrometerBinding.isRegistry(meterRegistry)) {
            throw new IllegalArgumentException("bindTo needs an io.micrometer.core.instrument.MeterRegistry, got "
                    + (meterRegistry == null ? "null" : meterRegistry.getClass().getName()));
        }
        REGISTRY.set(meterRegistry);
    }

    /** True when Micrometer is on the classpath. */
    public static boolean available() {
        return MICROMETER_PRESENT;
    }

    /**
     * The statement metrics of a pool, with its pool gauges registered; {@link StatementMetrics#NONE}
     * without Micrometer.
     *
     * @param pool     the pool whose gauges to register, or null when unpooled
     * @param poolName the {@code pool} tag
     */
    public static StatementMetrics forPool(ConnectionPool pool, String poolName) {
        if (!MICROMETER_PRESENT) {
            return StatementMetrics.NONE;
        }
        return MicrometerBinding.bind(REGISTRY.get(), pool, poolName);
    }

    /** Registers the meters of a database's result cache (once per database and registry). */
    public static void forCache(String databaseId, java.util.function.Supplier<org.jdbcoptimizer.cache.CacheStats> stats) {
        if (MICROMETER_PRESENT && CACHES_BOUND.add(System.identityHashCode(REGISTRY.get()) + "|" + databaseId)) {
            MicrometerBinding.bindCache(REGISTRY.get(), databaseId, stats);
        }
    }

    private static final java.util.Set<String> CACHES_BOUND = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean present() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, OptimizerMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
