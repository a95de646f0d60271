package org.jdbcoptimizer.examples.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Section 3's traffic: visitors browsing the catalogue, and now and then the back office changing a
 * price. Product and category pages are those of {@link ShopRequests}, on popular keys ({@link HotKeys}
 * over the {@value #HOT_PRODUCTS} most visited products and {@value #HOT_CATEGORIES} categories); a price
 * update is one autocommit UPDATE of a popular product.
 */
final class CatalogRequests {

    static final int HOT_PRODUCTS = 200;
    static final int HOT_CATEGORIES = 20;
    /** Per mille: product pages below this, category pages below {@link #PAGES}, price updates above. */
    static final int PRODUCT_PAGES = 700;
    static final int PAGES = 998;
    static final String MIX = "70% product page, 29.8% category page (20 products by price),"
            + " 0.2% price update (one request in 500)";

    private final ShopRequests requests;
    private final HotKeys products;
    private final HotKeys categories;

    CatalogRequests(ShopSize size) {
        this.requests = new ShopRequests(size);
        this.products = new HotKeys(Math.min(HOT_PRODUCTS, size.products()));
        this.categories = new HotKeys(Math.min(HOT_CATEGORIES, size.categories()));
    }

    /** Runs one request, chosen by {@code random}; returns the rows it read or wrote. */
    int run(Connection connection, SplittableRandom random) throws SQLException {
        int roll = random.nextInt(1000);
        if (roll < PRODUCT_PAGES) {
            return requests.productById(connection, products.next(random));
        }
        if (roll < PAGES) {
            return requests.categoryPage(connection, categories.next(random));
        }
        return ShopRequests.updatePrice(connection, products.next(random), 100 + random.nextInt(100_000));
    }
}
