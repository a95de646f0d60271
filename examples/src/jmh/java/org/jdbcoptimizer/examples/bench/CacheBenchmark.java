package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cache.CacheStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What a result-cache hit costs against the same query on PostgreSQL, and what the cache's checks cost
 * when nothing can be cached. Three paths in one run, each in its own fork (see {@link StatementPaths}):
 * raw pgjdbc, the optimizer at its defaults (analysis on, cache off: {@code optimizer-analysis}) and the
 * same with the cache on ({@code optimizer-cache}).
 *
 * <ul>
 *   <li>{@link #hit10} and {@link #hit1000}: a SELECT prepared once, bound to a category of 10 or 1,000
 *       products, executed and every column of every row read. Setup runs each of the benchmark's ten
 *       categories once, so on the cache's side every measured call is a hit (teardown checks it).</li>
 *   <li>{@link #uncacheable}: a point SELECT that calls {@code now()}: the cache must run it every time.
 *       The cache's side against the optimizer without it is the cost of those checks.</li>
 * </ul>
 *
 * <p>SampleTime mode: JMH reports percentiles, and the goals are stated on the median (p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheBenchmark {

    /** Which path to PostgreSQL: all run in the same JMH invocation, one after the other, each in its own fork. */
    @Param({"pgjdbc", "optimizer-analysis", "optimizer-cache"})
    public String driver;

    private StatementPaths.Opened opened;
    private PreparedStatement byCategory;
    private PreparedStatement withClock;
    private String benchmark;
    private int threads;
    private int small;
    private int large = BenchProducts.FIRST_LARGE_CATEGORY;
    private int id;

    @Setup
    public void connect(BenchProducts table, BenchmarkParams params) throws Exception {
        opened = StatementPaths.open(driver);
        Connection connection = opened.connection();
        byCategory = connection.prepareStatement(BenchProducts.BY_CATEGORY);
        withClock = connection.prepareStatement(BenchProducts.WITH_CLOCK);
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        threads = params.getThreads();
        // Every path reads the benchmark's keys once before measuring; on the cache's side this fills it.
        for (int category : warmedCategories()) {
            BenchProducts.readCategory(byCategory, category);
        }
    }

    /** Fails the run when the cache's side did not do what it is measured for, then closes the path. */
    @TearDown
    public void disconnect() throws Exception {
        try {
            if (driver.equals("optimizer-cache")) {
                checkCache(OptimizerDriver.cacheStats());
            }
        } finally {
            try {
                byCategory.close();
                withClock.close();
            } finally {
                opened.close();
            }
        }
    }

    /** A category of 10 products, cycling through categories 1 to 10. */
    @Benchmark
    public long hit10() throws SQLException {
        small = small % BenchProducts.SMALL_CATEGORIES + 1;
        return BenchProducts.readCategory(byCategory, small);
    }

    /** A category of 1,000 products, cycling through categories 11 to 20. */
    @Benchmark
    public long hit1000() throws SQLException {
        large = large == BenchProducts.FIRST_LARGE_CATEGORY + BenchProducts.LARGE_CATEGORIES - 1
                ? BenchProducts.FIRST_LARGE_CATEGORY : large + 1;
        return BenchProducts.readCategory(byCategory, large);
    }

    /** One product with {@code now()}, cycling through every id: never served from the cache. */
    @Benchmark
    public long uncacheable() throws SQLException {
        id = id % BenchProducts.ROWS + 1;
        return BenchProducts.readWithClock(withClock, id);
    }

    private int[] warmedCategories() {
        return switch (benchmark) {
            case "hit10" -> range(1, BenchProducts.SMALL_CATEGORIES);
            case "hit1000" -> range(BenchProducts.FIRST_LARGE_CATEGORY, BenchProducts.LARGE_CATEGORIES);
            default -> new int[0];
        };
    }

    /**
     * The hit benchmarks: each warmed category was stored once, in setup, and never evicted or
     * invalidated, so every later lookup was a hit (with one thread, the misses are exactly the setup's).
     * The uncacheable one: nothing was looked up, stored or served.
     */
    private void checkCache(Map<String, CacheStats> all) {
        if (all.size() != 1) {
            throw new IllegalStateException("expected the cache of one database, got " + all.keySet());
        }
        CacheStats stats = all.values().iterator().next();
        int keys = warmedCategories().length;
        boolean ok = keys > 0
                ? stats.stores() == keys && stats.evictionsBySize() == 0 && stats.evictionsByTtl() == 0
                        && stats.invalidations() == 0 && stats.hits() > 0 && stats.misses() <= (long) keys * threads
                : stats.hits() == 0 && stats.stores() == 0 && stats.misses() == 0;
        if (!ok) {
            throw new IllegalStateException(benchmark + " on the cache's side: expected "
                    + (keys > 0 ? keys + " stores in setup, nothing evicted or invalidated, then only hits"
                            : "no lookup, store or hit")
                    + ", got hits " + stats.hits() + ", misses " + stats.misses() + ", stores " + stats.stores()
                    + ", evictions by size " + stats.evictionsBySize() + ", by TTL " + stats.evictionsByTtl()
                    + ", invalidations " + stats.invalidations());
        }
    }

    private static int[] range(int first, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = first + i;
        }
        return values;
    }
}
