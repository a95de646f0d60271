package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The small shop {@link ShopWorkloadBenchmark} runs on: {@value #CATEGORIES} categories,
 * {@value #PRODUCTS} products ({@value #PER_CATEGORY} per category, product {@code p} in category
 * {@code (p - 1) % 20 + 1}) and the orders placed during the run. Recreated at the start of every
 * fork, through a raw pgjdbc connection, so each side starts from the same state with every price at 0
 * (prices are versions, see {@link CommittedPrices}).
 *
 * <p>Orders reference products without a cascading action, so a write to one table invalidates only
 * the cached results that read it.
 */
final class ShopTables {

    static final int CATEGORIES = 20;
    static final int PRODUCTS = 200;
    static final int PER_CATEGORY = PRODUCTS / CATEGORIES;

    /** A product page: the product with its category's name. */
    static final String PRODUCT_PAGE = "select p.id, p.name, p.price, p.stock, c.name from bench_shop_products p"
            + " join bench_shop_categories c on c.id = p.category_id where p.id = ?";
    /** A category page: its products with their prices. */
    static final String CATEGORY_PAGE = "select id, name, price from bench_shop_products where category_id = ?"
            + " order by id";
    /** An order of one product at its current price. */
    static final String PLACE_ORDER = "insert into bench_shop_orders (product_id, quantity, price)"
            + " select id, ?, price from bench_shop_products where id = ?";
    /** A new price, written only over a lower one, so prices rise in commit order. */
    static final String UPDATE_PRICE = "update bench_shop_products set price = ? where id = ? and price < ?";

    private ShopTables() {
    }

    /** Drops and creates the three tables, fills categories and products, and analyzes them. */
    static void recreate() throws SQLException {
        try (Connection connection = BenchDatabase.rawConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_shop_orders, bench_shop_products, bench_shop_categories");
            statement.execute("create table bench_shop_categories (id integer primary key, name text not null)");
            statement.execute("create table bench_shop_products (id integer primary key,"
                    + " category_id integer not null references bench_shop_categories (id),"
                    + " name text not null, price bigint not null, stock integer not null)");
            statement.execute("create index bench_shop_products_by_category on bench_shop_products (category_id)");
            statement.execute("create table bench_shop_orders (id bigserial primary key,"
                    + " product_id integer not null references bench_shop_products (id),"
                    + " quantity integer not null, price bigint not null,"
                    + " created_at timestamptz not null default now())");
            statement.execute("insert into bench_shop_categories (id, name)"
                    + " select g, 'category-' || g from generate_series(1, " + CATEGORIES + ") g");
            statement.execute("insert into bench_shop_products (id, category_id, name, price, stock)"
                    + " select g, (g - 1) % " + CATEGORIES + " + 1, 'product-' || g, 0, 100"
                    + " from generate_series(1, " + PRODUCTS + ") g");
            statement.execute("analyze bench_shop_categories");
            statement.execute("analyze bench_shop_products");
        }
    }

    static int categoryOf(int productId) {
        return (productId - 1) % CATEGORIES + 1;
    }

    /** The product at {@code index} (0 to {@value #PER_CATEGORY} - 1) of a category, in id order. */
    static int productOf(int category, int index) {
        return category + index * CATEGORIES;
    }

    /** Every product's price as committed now, by id (index 0 unused), read through raw pgjdbc. */
    static long[] prices() throws SQLException {
        long[] prices = new long[PRODUCTS + 1];
        try (Connection connection = BenchDatabase.rawConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id, price from bench_shop_products")) {
            while (rows.next()) {
                prices[rows.getInt(1)] = rows.getLong(2);
            }
        }
        return prices;
    }

    /** Orders placed, read through raw pgjdbc. */
    static long orders() throws SQLException {
        try (Connection connection = BenchDatabase.rawConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from bench_shop_orders")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
