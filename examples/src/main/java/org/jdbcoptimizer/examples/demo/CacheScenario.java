package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.sql.DriverManager;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cache.CacheStats;

/**
 * The catalogue traffic of {@link CatalogRequests} twice through {@code jdbc:optimizer:sqlite:}, with the
 * result cache off and on, side by side with what the cache reports about itself; then a
 * {@link FreshnessProof}: a price changed on another connection is read at once.
 *
 * <p>Fairness: both runs send the same requests (same seed) to the same file through the optimizer's
 * pool, with statement analysis at its defaults; only {@code optimizer.cache} differs. Each mode first
 * gets a warm-up that is not measured, then each measured run starts with an empty pool and an empty
 * cache, so filling the cache is part of what the cached run measured. The price updates of the first
 * run change the data the second run reads, not how much of it there is.
 */
final class CacheScenario implements DemoSection {

    static final String UNCACHED_POOL = "demo-nocache";
    static final String CACHED_POOL = "demo-cache";
    private static final String WARMUP_POOL = "demo-cache-warmup";
    static final String LOG_FILE = "cache-slow.jsonl";
    private static final long SEED = 11L;

    private final DemoSettings settings;
    private Outcome outcome;

    /** What the section measured, for tests. */
    record Outcome(WorkloadResult uncached, WorkloadResult cached, CacheStats stats, FreshnessProof freshness) {
    }

    CacheScenario(DemoSettings settings) {
        this.settings = settings;
    }

    @Override
    public String title() {
        return "Result cache: the same catalogue traffic with the cache off and on";
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public void run(ShopDatabase shop, PrintStream out) throws Exception {
        out.printf("   %d clients x %s requests each, each request on a pooled connection of its own.%n",
                settings.threads(), Units.count(settings.requestsPerThread()));
        out.printf("   Requests: %s.%n", CatalogRequests.MIX);
        out.printf("   Visitors favour a few pages: of the %d most visited products, product 1 gets about 17%% of%n",
                CatalogRequests.HOT_PRODUCTS);
        out.printf("   the views, the first 20 about 61%% (Zipf's law); the same for the %d most visited categories.%n",
                CatalogRequests.HOT_CATEGORIES);
        out.printf("   Warm-up first: %s requests per client in each mode, not counted; each measured run starts%n",
                Units.count(settings.warmupPerThread()));
        out.println("   with an empty pool and an empty cache. Every other option is at its default (TTL 1m, 64 MB).");
        out.println();
        String file = Display.path(shop.file());
        out.printf("   cache off: jdbc:optimizer:sqlite:%s?optimizer.pool.name=%s&optimizer.cache=false%n", file,
                UNCACHED_POOL);
        out.printf("   cache on:  jdbc:optimizer:sqlite:%s?optimizer.pool.name=%s&optimizer.cache=true%n", file,
                CACHED_POOL);
        out.printf("   (both with optimizer.slowLog.file=%s: statement analysis is on, its log stays next to the shop)%n",
                Display.path(shop.sibling(LOG_FILE)));
        out.println();

        CatalogRequests requests = new CatalogRequests(shop.size());
        out.print("   Running:");
        if (settings.warmupPerThread() > 0) {
            step(out, " warm-up");
            ShopWorkload warmup = new ShopWorkload(requests::run, settings.threads(), settings.warmupPerThread());
            for (boolean cache : new boolean[] {false, true}) {
                String warmupUrl = url(shop, WARMUP_POOL, cache);
                warmup.run(() -> DriverManager.getConnection(warmupUrl), SEED + 1_000);
                OptimizerDriver.closePools();
            }
        }
        ShopWorkload workload = new ShopWorkload(requests::run, settings.threads(), settings.requestsPerThread());
        WorkloadResult uncached;
        try {
            step(out, ", cache off");
            String uncachedUrl = url(shop, UNCACHED_POOL, false);
            uncached = workload.run(() -> DriverManager.getConnection(uncachedUrl), SEED);
        } finally {
            OptimizerDriver.closePools();
        }
        WorkloadResult cached;
        CacheStats stats;
        FreshnessProof freshness;
        try {
            step(out, ", cache on");
            String cachedUrl = url(shop, CACHED_POOL, true);
            cached = workload.run(() -> DriverManager.getConnection(cachedUrl), SEED);
            stats = FreshnessProof.statsOf(shop.plainUrl());
            step(out, ", freshness");
            freshness = FreshnessProof.run(cachedUrl, 1, () -> FreshnessProof.statsOf(shop.plainUrl()));
        } finally {
            OptimizerDriver.closePools();
        }
        out.println(", done.");
        out.println();
        outcome = new Outcome(uncached, cached, stats, freshness);

        printComparison(out, uncached, cached);
        printStats(out, stats);
        out.printf("   Freshness: product %d, read on one connection of pool '%s' while the back office raises%n",
                freshness.productId(), CACHED_POOL);
        out.printf("   its price by %s on another connection of the same pool (autocommit):%n",
                Units.money(FreshnessProof.RAISE_CENTS));
        out.println();
        freshness.print(out, "     ");
        printFailures(out, "cache off", uncached);
        printFailures(out, "cache on", cached);
    }

    /** The optimizer's URL for a run: its pool name, the cache on or off, the slow-query log next to the shop. */
    private static String url(ShopDatabase shop, String pool, boolean cache) {
        return shop.optimizerUrl("optimizer.pool.name=" + pool + "&optimizer.cache=" + cache + "&"
                + ShopDatabase.slowLogParameter(shop.sibling(LOG_FILE)));
    }

    private static void step(PrintStream out, String name) {
        out.print(name);
        out.flush();
    }

    private static void printComparison(PrintStream out, WorkloadResult uncached, WorkloadResult cached) {
        new TextTable(3)
                .header("", "optimizer.cache=false", "optimizer.cache=true")
                .row("requests per second", Units.rate(uncached.requestsPerSecond()), Units.rate(cached.requestsPerSecond()))
                .row("mean request latency", Units.duration(uncached.meanNanos()), Units.duration(cached.meanNanos()))
                .row("p99 request latency", Units.duration(uncached.percentileNanos(99)),
                        Units.duration(cached.percentileNanos(99)))
                .row("failed requests", Units.count(uncached.failed()), Units.count(cached.failed()))
                .row("wall time", Units.duration(uncached.elapsedNanos()), Units.duration(cached.elapsedNanos()))
                .print(out, "   ");
        out.println();
        out.printf("   With the cache on, the workload ran at %s the requests per second of the run without it;%n",
                Units.ratio(cached.requestsPerSecond(), uncached.requestsPerSecond()));
        out.printf("   its mean request took %s as long.%n%n", Units.ratio(cached.meanNanos(), uncached.meanNanos()));
    }

    /** The cache's own account of the cached run, straight from {@link CacheStats}. */
    private static void printStats(PrintStream out, CacheStats stats) {
        out.println("   What the cache did in the cached run (OptimizerDriver.cacheStats()):");
        long productWrites = stats.invalidationsByTable().getOrDefault("products", 0L);
        new TextTable(2)
                .row("hit ratio", Units.percent(stats.hitRatio()))
                .row("hits (answered from memory)", Units.count(stats.hits()))
                .row("misses (ran on SQLite)", Units.count(stats.misses()))
                .row("mean time of a load (a miss: run + capture)",
                        stats.loads() == 0 ? "-" : Units.duration(stats.loadNanos() / stats.loads()))
                .row("results stored", Units.count(stats.stores()))
                .row("invalidations (results dropped)", Units.count(stats.invalidations()))
                .row("writes seen to products", Units.count(productWrites))
                .row("held at the end", Units.count(stats.entries()) + " results, " + Units.bytes(stats.bytes()))
                .print(out, "     ");
        out.println();
        out.println("   The cache tracks writes by table: every price update drops every cached page that read");
        out.println("   products (product and category pages alike), and the next visitors read them from SQLite again.");
        out.println();
    }

    private static void printFailures(PrintStream out, String mode, WorkloadResult result) {
        if (result.failed() > 0) {
            out.printf("   %s: %s of %s requests failed; the first: %s%n", mode, Units.count(result.failed()),
                    Units.count(result.requests()), result.firstFailure());
        }
    }
}
