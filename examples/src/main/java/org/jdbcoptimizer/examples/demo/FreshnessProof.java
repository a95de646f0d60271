package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cache.CacheStats;

/**
 * Shows that the result cache does not serve a price that was changed through another connection:
 * the shop reads a product page twice (the second read from the cache), the back office raises the
 * product's price on a second connection of the same pool, and the shop reads the page again.
 *
 * <p>Who answered each read is not assumed: it is the cache's hit or miss counter that moved during
 * that read (nothing else runs meanwhile).
 *
 * @param productId   the product read and repriced
 * @param steps       each read: what was read, the price shown, and who answered
 * @param priceSet    the price the back office wrote, in cents
 * @param freshAfter  whether the first read after the update showed {@code priceSet}
 */
record FreshnessProof(int productId, List<Read> steps, long priceSet, boolean freshAfter) {

    /** One read of the product page. */
    record Read(String label, long cents, String answeredBy) {
    }

    /** The price the back office adds to the product's price, in cents. */
    static final long RAISE_CENTS = 100;

    /**
     * Runs the reads and the update on two connections of {@code url} held at once.
     *
     * @param stats the cache statistics of the shop's database, read before and after each read
     */
    static FreshnessProof run(String url, int productId, Supplier<CacheStats> stats) throws SQLException {
        try (Connection shop = DriverManager.getConnection(url);
             Connection office = DriverManager.getConnection(url)) {
            Read first = read(shop, productId, "shop reads the product page", stats);
            Read again = read(shop, productId, "shop reads it again", stats);
            long priceSet = again.cents + RAISE_CENTS;
            ShopRequests.updatePrice(office, productId, priceSet);
            Read after = read(shop, productId, "shop reads it after the update", stats);
            Read afterAgain = read(shop, productId, "shop reads it again", stats);
            return new FreshnessProof(productId, List.of(first, again, after, afterAgain), priceSet,
                    after.cents == priceSet);
        }
    }

    private static Read read(Connection connection, int productId, String label, Supplier<CacheStats> stats)
            throws SQLException {
        CacheStats before = stats.get();
        long cents = ShopRequests.productPrice(connection, productId);
        CacheStats after = stats.get();
        String answeredBy = after.hits() > before.hits() ? "the cache"
                : after.misses() > before.misses() ? "the database (a miss)" : "the database (not cacheable)";
        return new Read(label, cents, answeredBy);
    }

    /**
     * The cache statistics of one database from {@link OptimizerDriver#cacheStats()} (keyed by the real
     * driver's URL; the only cache when there is one), or zeros when it has none.
     */
    static CacheStats statsOf(String databaseUrl) {
        Map<String, CacheStats> all = OptimizerDriver.cacheStats();
        CacheStats stats = all.size() == 1 ? all.values().iterator().next() : all.get(databaseUrl);
        return stats != null ? stats : CacheStats.EMPTY;
    }

    void print(PrintStream out, String indent) {
        TextTable table = new TextTable(3).header("", "price", "answered by");
        for (int i = 0; i < steps.size(); i++) {
            if (i == 2) {
                table.row("back office sets the price on another connection", Units.money(priceSet), "");
            }
            table.row(steps.get(i).label, Units.money(steps.get(i).cents), steps.get(i).answeredBy);
        }
        table.print(out, indent);
        out.println();
        out.println(indent + (freshAfter
                ? "The first read after the update showed the new price: the UPDATE invalidated the cached page"
                        + System.lineSeparator() + indent + "before executeUpdate returned."
                : "STALE: the first read after the update showed " + Units.money(steps.get(2).cents) + ", not "
                        + Units.money(priceSet) + "."));
    }
}
