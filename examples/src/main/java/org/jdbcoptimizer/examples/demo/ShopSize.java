package org.jdbcoptimizer.examples.demo;

/**
 * How many rows of each kind the demo shop holds. Ids run from 1 to the count, which the workload
 * relies on to pick existing rows without asking the database.
 */
public record ShopSize(int customers, int categories, int products, int orders) {

    /** The size the demo runs with: loads in a few seconds, large enough that lookups use the indexes. */
    public static final ShopSize DEMO = new ShopSize(2_000, 50, 5_000, 20_000);

    public ShopSize {
        if (customers < 1 || categories < 1 || products < 1 || orders < 0) {
            throw new IllegalArgumentException("a shop needs at least one customer, category and product");
        }
    }
}
