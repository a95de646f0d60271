package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.util.Properties;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.pool.PoolStats;

/**
 * The same workload twice: through {@code jdbc:optimizer:sqlite:} (pooled) and through the plain
 * {@code jdbc:sqlite:} URL with a new physical connection per request, then both side by side with
 * what the pool reports about itself.
 *
 * <p>Fairness: both modes send the same requests (same seed) with the same busy timeout to the same
 * WAL-mode file, and each first gets a warm-up that is not measured. The measured pooled run starts
 * with an empty pool, so opening its physical connections is part of what it measured.
 */
final class PoolScenario implements DemoSection {

    /** Measured and warm-up runs use separate pools, so the printed PoolStats cover only the measured run. */
    static final String POOL_NAME = "demo";
    private static final String WARMUP_POOL_NAME = "demo-warmup";
    private static final long SEED = 7L;
    /** The pooled runs' slow-query log, next to the database. */
    static final String LOG_FILE = "pool-slow.jsonl";
    /** The optimizer's default busy timeout for SQLite files, given to the plain connections too. */
    private static final String BUSY_TIMEOUT_MILLIS = "5000";

    private final DemoSettings settings;

    PoolScenario(DemoSettings settings) {
        this.settings = settings;
    }

    @Override
    public String title() {
        return "Connection pool: the same workload with and without the optimizer's pool";
    }

    @Override
    public void run(ShopDatabase shop, PrintStream out) throws Exception {
        out.printf("   %d clients x %s requests each.%n   Requests: %s.%n", settings.threads(),
                Units.count(settings.requestsPerThread()), ShopRequests.MIX);
        out.println("   Every request gets a connection, runs, and closes the connection.");
        out.printf("   Warm-up first: %s requests per client in each mode, not counted.%n",
                Units.count(settings.warmupPerThread()));

        ConnectionSource plain = plainSource(shop);
        out.print("   Running:");
        if (settings.warmupPerThread() > 0) {
            step(out, " warm-up");
            ShopWorkload warmup = new ShopWorkload(shop.size(), settings.threads(), settings.warmupPerThread());
            String warmupUrl = shop.optimizerUrl("optimizer.pool.name=" + WARMUP_POOL_NAME + "&" + logParameter(shop));
            warmup.run(() -> DriverManager.getConnection(warmupUrl), SEED + 1_000);
            warmup.run(plain, SEED + 1_000);
            OptimizerDriver.closePools();
        }

        ShopWorkload workload = new ShopWorkload(shop.size(), settings.threads(), settings.requestsPerThread());
        String pooledUrl = shop.optimizerUrl("optimizer.pool.name=" + POOL_NAME + "&" + logParameter(shop));
        WorkloadResult pooled;
        PoolStats stats;
        try {
            step(out, ", pooled");
            pooled = workload.run(() -> DriverManager.getConnection(pooledUrl), SEED);
            stats = OptimizerDriver.poolStats().get(POOL_NAME);
        } finally {
            OptimizerDriver.closePools();
        }
        step(out, ", plain");
        WorkloadResult unpooled = workload.run(plain, SEED);
        out.println(", done.");
        out.println();

        printComparison(out, pooled, unpooled, stats);
        printPool(out, stats);
        printFailures(out, "pooled", pooled);
        printFailures(out, "plain", unpooled);
    }

    /**
     * Statement analysis is on by default, so the pooled runs have a slow-query log too (normally empty:
     * no request takes the default 500 ms). Without this it would land in jdbc-optimizer/ under the
     * user's working directory; the demo keeps what it writes next to its database.
     */
    private static String logParameter(ShopDatabase shop) {
        return ShopDatabase.slowLogParameter(shop.sibling(LOG_FILE));
    }

    /** Shows which run is going on: the measured runs take seconds, a silent terminal looks stuck. */
    private static void step(PrintStream out, String name) {
        out.print(name);
        out.flush();
    }

    private static ConnectionSource plainSource(ShopDatabase shop) {
        Properties properties = new Properties();
        properties.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
        String url = shop.plainUrl();
        return () -> DriverManager.getConnection(url, properties);
    }

    private static void printComparison(PrintStream out, WorkloadResult pooled, WorkloadResult plain,
                                        PoolStats stats) {
        new TextTable(3)
                .header("", "jdbc:optimizer:sqlite:", "jdbc:sqlite:")
                .header("", "(pooled)", "(new connection per request)")
                .row("requests per second", Units.rate(pooled.requestsPerSecond()), Units.rate(plain.requestsPerSecond()))
                .row("mean request latency", Units.duration(pooled.meanNanos()), Units.duration(plain.meanNanos()))
                .row("p99 request latency", Units.duration(pooled.percentileNanos(99)),
                        Units.duration(plain.percentileNanos(99)))
                .row("physical connections opened", stats == null ? "?" : Units.count(stats.created()),
                        Units.count(plain.connectionsOpened()))
                .row("failed requests", Units.count(pooled.failed()), Units.count(plain.failed()))
                .row("wall time", Units.duration(pooled.elapsedNanos()), Units.duration(plain.elapsedNanos()))
                .print(out, "   ");
        out.println();
        out.printf("   Pooled served %s the requests per second of plain; plain's mean request took %s as long.%n%n",
                Units.ratio(pooled.requestsPerSecond(), plain.requestsPerSecond()),
                Units.ratio(plain.meanNanos(), pooled.meanNanos()));
    }

    /** The pool's own account of the measured run, straight from {@link PoolStats}. */
    private static void printPool(PrintStream out, PoolStats stats) {
        if (stats == null) {
            out.println("   The pool '" + POOL_NAME + "' reported no statistics.");
            return;
        }
        out.printf("   What the pool did (PoolStats of pool '%s'):%n", stats.poolName());
        new TextTable(2)
                .row("getConnection calls (borrows)", Units.count(stats.borrows()))
                .row("physical connections created", Units.count(stats.created()))
                .row("borrows per physical connection", stats.created() == 0 ? "-"
                        : Units.count(stats.borrows() / stats.created()))
                .row("acquire time, mean", Units.duration(stats.acquireMeanNanos()))
                .row("acquire time, max", Units.duration(stats.acquireMaxNanos()))
                .row("timeouts", Units.count(stats.timeouts()))
                .print(out, "     ");
        out.println();
    }

    private static void printFailures(PrintStream out, String mode, WorkloadResult result) {
        if (result.failed() > 0) {
            out.printf("   %s: %s of %s requests failed; the first: %s%n", mode, Units.count(result.failed()),
                    Units.count(result.requests()), result.firstFailure());
        }
    }
}
