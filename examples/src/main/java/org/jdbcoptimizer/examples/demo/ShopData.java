package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a new shop with generated rows. A fixed seed makes every run load the same data, so runs
 * on one machine are comparable. Each table is one transaction of batched inserts: loading is not
 * what the demo is about, so it takes the fastest honest route.
 */
final class ShopData {

    static final long SEED = 20_240_601L;
    private static final int BATCH = 1_000;

    private static final String[] DEPARTMENTS = {
            "Books", "Garden", "Kitchen", "Toys", "Sports", "Music", "Office", "Outdoor", "Health", "Tools"};
    private static final String[] LINES = {"Basics", "Premium", "Kids", "Travel", "Classic"};
    private static final String[] FIRST_NAMES = {
            "Ada", "Alan", "Barbara", "Edsger", "Grace", "Ken", "Leslie", "Linus", "Margaret", "Niklaus",
            "Radia", "Dennis", "Frances", "John", "Sophie", "Tim"};
    private static final String[] LAST_NAMES = {
            "Lovelace", "Turing", "Liskov", "Dijkstra", "Hopper", "Thompson", "Lamport", "Torvalds", "Hamilton",
            "Wirth", "Perlman", "Ritchie", "Allen", "Backus", "Wilson", "Berners-Lee"};
    private static final List<String> CITIES = List.of(
            "Amsterdam", "Berlin", "Lisbon", "Madrid", "Oslo", "Paris", "Prague", "Rome", "Vienna", "Warsaw");
    private static final String[] ADJECTIVES = {
            "Compact", "Deluxe", "Sturdy", "Light", "Classic", "Smart", "Quiet", "Rapid", "Tiny", "Grand"};
    private static final String[] NOUNS = {
            "Lamp", "Kettle", "Notebook", "Racket", "Guitar", "Drill", "Tent", "Puzzle", "Blender", "Backpack"};
    private static final String[] STATUSES = {"new", "paid", "paid", "shipped", "shipped", "delivered", "delivered"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private final Connection connection;
    private final ShopSize size;
    private final PrintStream out;
    private final SplittableRandom random = new SplittableRandom(SEED);
    private final int[] productPrices;

    private ShopData(Connection connection, ShopSize size, PrintStream out) {
        this.connection = connection;
        this.size = size;
        this.out = out;
        this.productPrices = new int[size.products() + 1];
    }

    /** The cities customers live in, each drawn with equal chance. */
    static List<String> cities() {
        return CITIES;
    }

    /** Loads every table of an empty shop, showing progress on {@code out}. */
    static void load(Connection connection, ShopSize size, PrintStream out) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            ShopData data = new ShopData(connection, size, out);
            data.categories();
            data.customers();
            data.products();
            data.orders();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void categories() throws SQLException {
        long start = System.nanoTime();
        Progress progress = Progress.start(out, "categories", size.categories());
        try (PreparedStatement insert = connection.prepareStatement("insert into categories (id, name) values (?, ?)")) {
            for (int id = 1; id <= size.categories(); id++) {
                int i = id - 1;
                String name = DEPARTMENTS[i % DEPARTMENTS.length] + " " + LINES[i / DEPARTMENTS.length % LINES.length];
                insert.setInt(1, id);
                insert.setString(2, i < DEPARTMENTS.length * LINES.length ? name : name + " " + id);
                insert.addBatch();
                flushEvery(insert, id, progress);
            }
            insert.executeBatch();
        }
        connection.commit();
        progress.finish(System.nanoTime() - start);
    }

    private void customers() throws SQLException {
        long start = System.nanoTime();
        Progress progress = Progress.start(out, "customers", size.customers());
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into customers (id, email, name, city, created_at) values (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= size.customers(); id++) {
                String first = pick(FIRST_NAMES);
                String last = pick(LAST_NAMES);
                insert.setInt(1, id);
                insert.setString(2, (first + "." + last + "." + id + "@example.com").toLowerCase(java.util.Locale.ROOT));
                insert.setString(3, first + " " + last);
                insert.setString(4, CITIES.get(random.nextInt(CITIES.size())));
                insert.setString(5, FIRST_DAY.minusDays(random.nextInt(1_000)).toString());
                insert.addBatch();
                flushEvery(insert, id, progress);
            }
            insert.executeBatch();
        }
        connection.commit();
        progress.finish(System.nanoTime() - start);
    }

    private void products() throws SQLException {
        long start = System.nanoTime();
        Progress progress = Progress.start(out, "products", size.products());
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into products (id, category_id, sku, name, price_cents, stock) values (?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= size.products(); id++) {
                productPrices[id] = 199 + random.nextInt(49_800);
                insert.setInt(1, id);
                insert.setInt(2, 1 + random.nextInt(size.categories()));
                insert.setString(3, String.format("SKU-%06d", id));
                insert.setString(4, pick(ADJECTIVES) + " " + pick(NOUNS) + " " + (100 + random.nextInt(900)));
                insert.setInt(5, productPrices[id]);
                insert.setInt(6, random.nextInt(500));
                insert.addBatch();
                flushEvery(insert, id, progress);
            }
            insert.executeBatch();
        }
        connection.commit();
        progress.finish(System.nanoTime() - start);
    }

    /** Orders with one to four lines each; an order's total is the sum of its lines. */
    private void orders() throws SQLException {
        long start = System.nanoTime();
        Progress progress = Progress.start(out, "orders", size.orders());
        try (PreparedStatement order = connection.prepareStatement(
                "insert into orders (id, customer_id, status, created_at, total_cents) values (?, ?, ?, ?, ?)");
             PreparedStatement item = connection.prepareStatement(
                     "insert into order_items (order_id, line, product_id, quantity, price_cents) values (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= size.orders(); id++) {
                int lines = 1 + random.nextInt(4);
                long total = 0;
                for (int line = 1; line <= lines; line++) {
                    int product = 1 + random.nextInt(size.products());
                    int quantity = 1 + random.nextInt(3);
                    total += (long) quantity * productPrices[product];
                    item.setInt(1, id);
                    item.setInt(2, line);
                    item.setInt(3, product);
                    item.setInt(4, quantity);
                    item.setInt(5, productPrices[product]);
                    item.addBatch();
                }
                order.setInt(1, id);
                order.setInt(2, 1 + random.nextInt(size.customers()));
                order.setString(3, pick(STATUSES));
                order.setString(4, FIRST_DAY.plusDays(random.nextInt(366)).toString());
                order.setLong(5, total);
                order.addBatch();
                if (id % BATCH == 0) {
                    order.executeBatch();
                    item.executeBatch();
                    progress.advance(BATCH);
                }
            }
            order.executeBatch();
            item.executeBatch();
        }
        connection.commit();
        progress.finish(System.nanoTime() - start);
    }

    private void flushEvery(PreparedStatement insert, int rows, Progress progress) throws SQLException {
        if (rows % BATCH == 0) {
            insert.executeBatch();
            progress.advance(BATCH);
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
