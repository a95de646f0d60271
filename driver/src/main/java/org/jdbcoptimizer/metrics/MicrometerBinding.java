package org.jdbcoptimizer.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.jdbcoptimizer.analyze.StatementMetrics;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.sql.SqlStatementKind;

/**
 * The Micrometer side of {@link OptimizerMetrics}; loaded only when Micrometer is present. Timers
 * are created up front, one per statement kind and outcome, so recording is an array read and a
 * {@code Timer.record}: no lookup on the hot path.
 */
final class MicrometerBinding implements StatementMetrics {

    private final Timer[] success;
    private final Timer[] error;
    private final Counter slow;

    private MicrometerBinding(MeterRegistry registry, String poolName) {
        SqlStatementKind[] kinds = SqlStatementKind.values();
        success = new Timer[kinds.length];
        error = new Timer[kinds.length];
        for (SqlStatementKind kind : kinds) {
            success[kind.ordinal()] = timer(registry, poolName, kind, "success");
            error[kind.ordinal()] = timer(registry, poolName, kind, "error");
        }
        slow = Counter.builder("optimizer.statements.slow").description("Statements over the slow threshold")
                .tag("pool", poolName).register(registry);
    }

    static boolean isRegistry(Object candidate) {
        return candidate instanceof MeterRegistry;
    }

    static StatementMetrics bind(Object configured, ConnectionPool pool, String poolName) {
        MeterRegistry registry = configured != null ? (MeterRegistry) configured : Metrics.globalRegistry;
        if (pool != null) {
            bindPool(registry, pool, poolName);
        }
        return new MicrometerBinding(registry, poolName);
    }

    private static Timer timer(MeterRegistry registry, String poolName, SqlStatementKind kind, String outcome) {
        return Timer.builder("optimizer.statements").description("Statement executions, reading rows included")
                .tag("pool", poolName).tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome)
                .register(registry);
    }

    private static void bindPool(MeterRegistry registry, ConnectionPool pool, String poolName) {
        Gauge.builder("optimizer.connections.active", pool, p -> p.stats().active())
                .description("Connections in use").tag("pool", poolName).register(registry);
        Gauge.builder("optimizer.connections.idle", pool, p -> p.stats().idle())
                .description("Connections ready to hand out").tag("pool", poolName).register(registry);
        Gauge.builder("optimizer.connections.pending", pool, p -> p.stats().waiting())
                .description("Threads waiting for a connection").tag("pool", poolName).register(registry);
        Gauge.builder("optimizer.connections.total", pool, p -> p.stats().total())
                .description("Open connections").tag("pool", poolName).register(registry);
        FunctionTimer.builder("optimizer.connections.acquire", pool, p -> p.stats().borrows(),
                        p -> p.stats().borrows() * (double) p.stats().acquireMeanNanos(), TimeUnit.NANOSECONDS)
                .description("Time to get a connection").tag("pool", poolName).register(registry);
        FunctionCounter.builder("optimizer.connections.timeout", pool, p -> p.stats().timeouts())
                .description("getConnection calls that timed out").tag("pool", poolName).register(registry);
    }

    static void bindCache(Object configured, String databaseId,
                          java.util.function.Supplier<org.jdbcoptimizer.cache.CacheStats> stats) {
        MeterRegistry registry = configured != null ? (MeterRegistry) configured : Metrics.globalRegistry;
        FunctionCounter.builder("optimizer.cache.gets", stats, s -> s.get().hits()).tag("database", databaseId)
                .tag("result", "hit").description("Queries answered from the result cache").register(registry);
        FunctionCounter.builder("optimizer.cache.gets", stats, s -> s.get().misses()).tag("database", databaseId)
                .tag("result", "miss").description("Cacheable queries that ran").register(registry);
        FunctionCounter.builder("optimizer.cache.loads", stats, s -> s.get().loads()).tag("database", databaseId)
                .description("Results captured for the cache").register(registry);
        FunctionCounter.builder("optimizer.cache.invalidations", stats, s -> s.get().invalidations())
                .tag("database", databaseId).description("Entries dropped by writes").register(registry);
        FunctionCounter.builder("optimizer.cache.evictions", stats, s -> s.get().evictionsBySize())
                .tag("database", databaseId).tag("cause", "size").register(registry);
        FunctionCounter.builder("optimizer.cache.evictions", stats, s -> s.get().evictionsByTtl())
                .tag("database", databaseId).tag("cause", "expired").register(registry);
        Gauge.builder("optimizer.cache.size", stats, s -> s.get().entries()).tag("database", databaseId)
                .description("Entries held").register(registry);
        Gauge.builder("optimizer.cache.bytes", stats, s -> s.get().bytes()).tag("database", databaseId)
                .description("Estimated bytes held").register(registry);
    }

    @Override
    public void executed(SqlStatementKind kind, long nanos, boolean failed, boolean slowExecution) {
        (failed ? error : success)[kind.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        if (slowExecution) {
            slow.increment();
        }
    }
}
