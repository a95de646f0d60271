package org.jdbcoptimizer.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The three things a shop's web request does with the database, as an application would write them:
 * prepare, bind, execute, read, close. The mix is 60% product lookups, 30% category pages and 10%
 * orders, a read-heavy shape typical of a web shop.
 */
final class ShopRequests {

    static final String MIX = "60% product by id, 30% category page (20 products by price),"
            + " 10% order placed in a transaction";

    private final ShopSize size;

    ShopRequests(ShopSize size) {
        this.size = size;
    }

    /** Runs one request, chosen by {@code random}; returns the rows it read or wrote. */
    int run(Connection connection, SplittableRandom random) throws SQLException {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return productById(connection, 1 + random.nextInt(size.products()));
        }
        if (roll < 90) {
            return categoryPage(connection, 1 + random.nextInt(size.categories()));
        }
        return placeOrder(connection, random);
    }

    /** A product page: the product with its category's name; its third column is the price in cents. */
    static final String PRODUCT_PAGE = "select p.id, p.name, p.price_cents, p.stock, c.name from products p"
            + " join categories c on c.id = p.category_id where p.id = ?";

    int productById(Connection connection, int productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PRODUCT_PAGE)) {
            select.setInt(1, productId);
            return countRows(select);
        }
    }

    /** The price a product page shows, in cents (the same statement as {@link #productById}). */
    static long productPrice(Connection connection, int productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PRODUCT_PAGE)) {
            select.setInt(1, productId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no product " + productId);
                }
                return row.getLong(3);
            }
        }
    }

    /** Sets a product's price, in autocommit, as a back office does; returns the rows updated. */
    static int updatePrice(Connection connection, int productId, long cents) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update products set price_cents = ? where id = ?")) {
            update.setLong(1, cents);
            update.setInt(2, productId);
            return update.executeUpdate();
        }
    }

    int categoryPage(Connection connection, int categoryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, name, price_cents from products where category_id = ? order by price_cents limit 20")) {
            select.setInt(1, categoryId);
            return countRows(select);
        }
    }

    /**
     * Inserts an order with one to three lines priced from the catalogue and takes the stock, in one
     * transaction. It writes before it reads so that SQLite takes the write lock first: a read
     * transaction that later writes can fail with SQLITE_BUSY instead of waiting for the lock.
     */
    int placeOrder(Connection connection, SplittableRandom random) throws SQLException {
        int customerId = 1 + random.nextInt(size.customers());
        int lines = 1 + random.nextInt(3);
        connection.setAutoCommit(false);
        try {
            long orderId;
            try (PreparedStatement order = connection.prepareStatement(
                    "insert into orders (customer_id, status, created_at, total_cents) values (?, 'new', ?, 0)",
                    Statement.RETURN_GENERATED_KEYS)) {
                order.setInt(1, customerId);
                order.setString(2, LocalDate.now().toString());
                order.executeUpdate();
                try (ResultSet keys = order.getGeneratedKeys()) {
                    keys.next();
                    orderId = keys.getLong(1);
                }
            }
            try (PreparedStatement item = connection.prepareStatement(
                    "insert into order_items (order_id, line, product_id, quantity, price_cents)"
                            + " select ?, ?, id, ?, price_cents from products where id = ?");
                 PreparedStatement stock = connection.prepareStatement(
                         "update products set stock = stock - ? where id = ?")) {
                for (int line = 1; line <= lines; line++) {
                    int productId = 1 + random.nextInt(size.products());
                    int quantity = 1 + random.nextInt(3);
                    item.setLong(1, orderId);
                    item.setInt(2, line);
                    item.setInt(3, quantity);
                    item.setInt(4, productId);
                    item.executeUpdate();
                    stock.setInt(1, quantity);
                    stock.setInt(2, productId);
                    stock.executeUpdate();
                }
            }
            try (PreparedStatement total = connection.prepareStatement(
                    "update orders set total_cents = (select sum(quantity * price_cents) from order_items"
                            + " where order_id = ?) where id = ?")) {
                total.setLong(1, orderId);
                total.setLong(2, orderId);
                total.executeUpdate();
            }
            connection.commit();
            return 1 + 2 * lines;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Executes and reads every column of every row, as an application that renders them would. */
    private static int countRows(PreparedStatement select) throws SQLException {
        int rows = 0;
        try (ResultSet resultSet = select.executeQuery()) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                for (int column = 1; column <= columns; column++) {
                    resultSet.getObject(column);
                }
                rows++;
            }
        }
        return rows;
    }
}
