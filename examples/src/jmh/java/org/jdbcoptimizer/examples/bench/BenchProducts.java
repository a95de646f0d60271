package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The table {@link CacheBenchmark} reads, {@code bench_products}: products in categories of two sizes,
 * so that one prepared SELECT returns 10 or 1,000 rows by its parameter. Categories 1 to
 * {@value #SMALL_CATEGORIES} hold {@value #SMALL_ROWS} products each (ids 1 to 100), categories 11 to 20
 * hold {@value #LARGE_ROWS} each (ids 101 to 10,100); an index on {@code category_id} serves the SELECT.
 *
 * <p>A JMH state shared by the whole run: created by whichever thread gets here first, filled where
 * rows are missing, analyzed, checked and left in place for later runs.
 */
@State(Scope.Benchmark)
public class BenchProducts {

    /** A category's products, by the category: the SELECT the hit benchmarks measure. */
    static final String BY_CATEGORY = "select id, name, price from bench_products where category_id = ?";
    /**
     * One product with the server's clock: {@code now()} is volatile, so the result cache must run this
     * statement every time. The uncacheable benchmark measures what the cache's checks cost then.
     */
    static final String WITH_CLOCK = "select id, name, price, now() from bench_products where id = ?";

    static final int SMALL_CATEGORIES = 10;
    static final int SMALL_ROWS = 10;
    static final int LARGE_CATEGORIES = 10;
    static final int LARGE_ROWS = 1_000;
    static final int FIRST_LARGE_CATEGORY = SMALL_CATEGORIES + 1;
    static final int ROWS = SMALL_CATEGORIES * SMALL_ROWS + LARGE_CATEGORIES * LARGE_ROWS;

    private static final int SMALL_IDS = SMALL_CATEGORIES * SMALL_ROWS;

    @Setup
    public void create() throws SQLException {
        try (Connection connection = BenchDatabase.rawConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists bench_products (id integer primary key,"
                    + " category_id integer not null, name text not null, price numeric(10, 2) not null)");
            statement.execute("create index if not exists bench_products_by_category on bench_products (category_id)");
            statement.execute("insert into bench_products (id, category_id, name, price)"
                    + " select g, case when g <= " + SMALL_IDS + " then (g - 1) / " + SMALL_ROWS + " + 1"
                    + " else " + FIRST_LARGE_CATEGORY + " + (g - " + (SMALL_IDS + 1) + ") / " + LARGE_ROWS + " end,"
                    + " 'product-' || g, (g % 1000) + 0.99"
                    + " from generate_series(1, " + ROWS + ") g on conflict (id) do nothing");
            statement.execute("analyze bench_products");
            check(connection);
        }
    }

    /** Fails when a table of that name from elsewhere does not have the categories the benchmarks expect. */
    private static void check(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from bench_products where category_id = ?")) {
            for (int category = 1; category <= SMALL_CATEGORIES + LARGE_CATEGORIES; category++) {
                count.setInt(1, category);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    long expected = rowsOf(category);
                    if (rows.getLong(1) != expected) {
                        throw new IllegalStateException("bench_products has " + rows.getLong(1) + " rows in category "
                                + category + ", expected " + expected + "; drop the table and run again");
                    }
                }
            }
        }
    }

    /** How many rows {@link #BY_CATEGORY} returns for this category. */
    static int rowsOf(int category) {
        return category <= SMALL_CATEGORIES ? SMALL_ROWS : LARGE_ROWS;
    }

    /**
     * Binds {@code category}, executes, and reads every column of every row, as an application
     * rendering the list does.
     *
     * @throws IllegalStateException when the result does not have the category's number of rows
     */
    static long readCategory(PreparedStatement select, int category) throws SQLException {
        select.setInt(1, category);
        long sum = 0;
        int rows = 0;
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                sum += result.getInt(1) + result.getString(2).length() + result.getBigDecimal(3).scale();
                rows++;
            }
        }
        if (rows != rowsOf(category)) {
            throw new IllegalStateException("category " + category + " returned " + rows + " rows, expected "
                    + rowsOf(category));
        }
        return sum;
    }

    /** Binds {@code id}, executes {@link #WITH_CLOCK}, and reads the row's columns. */
    static long readWithClock(PreparedStatement select, int id) throws SQLException {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("bench_products has no row " + id);
            }
            return row.getInt(1) + row.getString(2).length() + row.getBigDecimal(3).scale()
                    + row.getTimestamp(4).getNanos();
        }
    }
}
