package org.jdbcoptimizer.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbcoptimizer.OptimizerDataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A web shop's traffic from 8 threads, each request borrowing a pooled connection and returning it:
 * 65% product pages and 30% category pages, with hot keys (Zipf, s = 1, over {@value ShopTables#PRODUCTS}
 * products and {@value ShopTables#CATEGORIES} categories), and 5% writes, which place an order and, one
 * write in {@link #priceUpdateEvery}, update a product's price instead. Three sides in one run, each in
 * its own fork: HikariCP over raw pgjdbc, the optimizer's pool with the cache off, and the optimizer with
 * the cache on. Throughput in requests per second.
 *
 * <p>Stale reads are checked while it runs, on every side alike, as part of the measured work
 * ({@link CommittedPrices}): every price a page shows is compared with the price committed before the
 * page's read began. Teardown fails the run when any read was stale, when the prices in the database
 * differ from those the writers saw committed, or when a side did not do its work (no price update, a
 * cache that served nothing, a cache on the side that should have none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(8)
public class ShopWorkloadBenchmark {

    static final int POOL_SIZE = 10;
    /** Per mille of requests: below 650 a product page, below 950 a category page, else a write. */
    static final int PRODUCT_PAGES = 650;
    static final int PAGES = 950;
    static final double ZIPF_EXPONENT = 1.0;

    /**
     * Which side: all run in the same JMH invocation, one after the other, each in its own fork. The
     * fourth, {@code ceiling}, is not a peer but a bound: HikariCP with every page answered at no cost and
     * without the database, as no cache can, and the writes run as on {@code hikari}. No result cache,
     * however fast its hits, can exceed its throughput, because the writes still reach the database. The
     * fifth, {@code ceiling-borrow}, is the same bound for a cache behind a connection pool, as every JDBC
     * driver's cache is: each page borrows a HikariCP connection and returns it, and does nothing else.
     */
    @Param({"hikari", "optimizer", "optimizer-cache", "ceiling", "ceiling-borrow"})
    public String side;

    /** One write in this many updates a price; the others place an order. */
    @Param("10")
    public int priceUpdateEvery;

    private final Zipf productRanks = new Zipf(ShopTables.PRODUCTS, ZIPF_EXPONENT);
    private final Zipf categoryRanks = new Zipf(ShopTables.CATEGORIES, ZIPF_EXPONENT);
    private final AtomicLong writes = new AtomicLong();
    private final LongAdder productPages = new LongAdder();
    private final LongAdder categoryPages = new LongAdder();
    private final LongAdder ordersPlaced = new LongAdder();
    private CommittedPrices prices;
    private DataSource dataSource;
    private AutoCloseable closer;
    private Path logDirectory;
    /** On the {@code ceiling} sides: pages read nothing, costing at most a borrow. */
    private boolean pagesAreFree;
    private boolean freePagesBorrow;

    /** One client thread's random draws (seeded by its index, so every side draws the same) and scratch. */
    @State(Scope.Thread)
    public static class Client {
        SplittableRandom random;
        final long[] floors = new long[ShopTables.PER_CATEGORY];

        @Setup
        public void seed(ThreadParams thread) {
            random = new SplittableRandom(42 + thread.getThreadIndex());
        }
    }

    @Setup
    public void open() throws Exception {
        if (priceUpdateEvery < 1) {
            throw new IllegalArgumentException("priceUpdateEvery must be at least 1, got " + priceUpdateEvery);
        }
        ShopTables.recreate();
        prices = new CommittedPrices(ShopTables.PRODUCTS);
        switch (side) {
            case "hikari", "ceiling", "ceiling-borrow" -> {
                HikariConfig config = new HikariConfig();
                config.setPoolName("bench-shop-hikari");
                config.setJdbcUrl(BenchDatabase.postgresUrl());
                config.setMaximumPoolSize(POOL_SIZE);
                config.setMinimumIdle(POOL_SIZE);
                HikariDataSource hikari = new HikariDataSource(config);
                dataSource = hikari;
                closer = hikari;
                PoolFill.await(side, POOL_SIZE, () -> hikari.getHikariPoolMXBean().getIdleConnections());
            }
            case "optimizer", "optimizer-cache" -> {
                logDirectory = Files.createTempDirectory("bench-shop-");
                OptimizerDataSource optimizer = new OptimizerDataSource(BenchDatabase.optimizerUrl(
                        "optimizer.pool.name=bench-shop-" + side + "&optimizer.pool.maxSize=" + POOL_SIZE
                                + "&optimizer.pool.minIdle=" + POOL_SIZE + "&" + StatementPaths.quietSlowLog(logDirectory)
                                + (side.equals("optimizer-cache") ? "&optimizer.cache=true" : "")));
                dataSource = optimizer;
                closer = optimizer;
                optimizer.getConnection().close(); // the pool starts with the first borrow
                PoolFill.await(side, POOL_SIZE, () -> optimizer.poolStats().values().iterator().next().idle());
            }
            default -> throw new IllegalArgumentException("side must be hikari, optimizer, optimizer-cache,"
                    + " ceiling or ceiling-borrow, got " + side);
        }
        pagesAreFree = side.startsWith("ceiling");
        freePagesBorrow = side.equals("ceiling-borrow");
    }

    /** One request: a page or a write, on a connection borrowed for it. */
    @Benchmark
    public long request(Client client) throws SQLException {
        int roll = client.random.nextInt(1000);
        if (roll < PRODUCT_PAGES) {
            return productPage(productRanks.next(client.random));
        }
        if (roll < PAGES) {
            return categoryPage(categoryRanks.next(client.random), client.floors);
        }
        return write(productRanks.next(client.random), client.random);
    }

    private long productPage(int productId) throws SQLException {
        long floor = prices.floor(productId);
        if (pagesAreFree) {
            borrowForFreePage();
            productPages.increment();
            return floor;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ShopTables.PRODUCT_PAGE)) {
            select.setInt(1, productId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no product " + productId);
                }
                long price = row.getLong(3);
                prices.check("a product page", productId, floor, price);
                productPages.increment();
                return row.getInt(1) + row.getString(2).length() + price + row.getInt(4) + row.getString(5).length();
            }
        }
    }

    private long categoryPage(int category, long[] floors) throws SQLException {
        for (int i = 0; i < floors.length; i++) {
            floors[i] = prices.floor(ShopTables.productOf(category, i));
        }
        if (pagesAreFree) {
            borrowForFreePage();
            categoryPages.increment();
            return floors[0];
        }
        long sum = 0;
        int rows = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ShopTables.CATEGORY_PAGE)) {
            select.setInt(1, category);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int productId = row.getInt(1);
                    long price = row.getLong(3);
                    prices.check("a category page", productId, floors[(productId - category) / ShopTables.CATEGORIES],
                            price);
                    sum += productId + row.getString(2).length() + price;
                    rows++;
                }
            }
        }
        if (rows != ShopTables.PER_CATEGORY) {
            throw new IllegalStateException("category " + category + " showed " + rows + " products, expected "
                    + ShopTables.PER_CATEGORY);
        }
        categoryPages.increment();
        return sum;
    }

    /** On {@code ceiling-borrow}: what any cache behind a pool costs at the least, a borrow and its return. */
    private void borrowForFreePage() throws SQLException {
        if (freePagesBorrow) {
            dataSource.getConnection().close();
        }
    }

    private long write(int productId, SplittableRandom random) throws SQLException {
        boolean priceUpdate = writes.incrementAndGet() % priceUpdateEvery == 0;
        try (Connection connection = dataSource.getConnection()) {
            if (priceUpdate) {
                long version = prices.nextVersion();
                try (PreparedStatement update = connection.prepareStatement(ShopTables.UPDATE_PRICE)) {
                    update.setLong(1, version);
                    update.setInt(2, productId);
                    update.setLong(3, version);
                    int rows = update.executeUpdate();
                    prices.updated(productId, version, rows); // after executeUpdate returned: committed
                    return rows;
                }
            }
            try (PreparedStatement order = connection.prepareStatement(ShopTables.PLACE_ORDER)) {
                order.setInt(1, 1 + random.nextInt(3));
                order.setInt(2, productId);
                int rows = order.executeUpdate();
                ordersPlaced.increment();
                return rows;
            }
        }
    }

    /**
     * Closes the side, then fails the run when a read was stale, when the database's prices are not
     * those the writers saw committed, or when the side did not do its work.
     */
    @TearDown
    public void close() throws Exception {
        Map<String, CacheStats> caches = OptimizerDriver.cacheStats();
        try {
            closer.close();
        } finally {
            if (logDirectory != null) {
                OptimizerDriver.closePools();
                StatementPaths.deleteTree(logDirectory);
            }
        }
        List<String> problems = new ArrayList<>();
        if (prices.stale() > 0) {
            problems.add(prices.stale() + " stale reads; the first: " + prices.firstStale());
        }
        long[] inDatabase = ShopTables.prices();
        for (int id = 1; id <= ShopTables.PRODUCTS; id++) {
            if (inDatabase[id] != prices.floor(id)) {
                problems.add("product " + id + " has price " + inDatabase[id] + " in the database, but the last update"
                        + " seen committed wrote " + prices.floor(id));
                break;
            }
        }
        long orders = ShopTables.orders();
        if (orders != ordersPlaced.sum()) {
            problems.add(orders + " orders in the database, but " + ordersPlaced.sum() + " were placed");
        }
        if (prices.updatesApplied() == 0 || productPages.sum() == 0 || categoryPages.sum() == 0) {
            problems.add("the workload did not run: no price update, product page or category page");
        }
        CacheStats cache = caches.size() == 1 ? caches.values().iterator().next() : null;
        if (side.equals("optimizer-cache") ? cache == null || cache.hits() == 0 : !caches.isEmpty()) {
            problems.add("the result cache should be " + (side.equals("optimizer-cache") ? "on and serving" : "off")
                    + ", but the optimizer has " + caches);
        }
        System.out.println();
        System.out.println(summary(orders, cache));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("ShopWorkloadBenchmark (" + side + "): " + String.join("; ", problems));
        }
    }

    private String summary(long ordersInDatabase, CacheStats cache) {
        String text = String.format(Locale.ROOT, "%s: %,d product pages, %,d category pages, %,d orders (%,d in the"
                        + " database), %,d price updates (%,d superseded); %,d prices checked, %,d stale",
                side, productPages.sum(), categoryPages.sum(), ordersPlaced.sum(), ordersInDatabase,
                prices.updatesApplied(), prices.updatesSuperseded(), prices.pricesChecked(), prices.stale());
        if (cache != null) {
            text += String.format(Locale.ROOT, "; cache: hit ratio %.3f, %,d hits, %,d misses, %,d shared loads,"
                            + " %,d stores, %,d invalidations", cache.hitRatio(), cache.hits(), cache.misses(),
                    cache.sharedLoads(), cache.stores(), cache.invalidations());
        }
        return text;
    }
}
