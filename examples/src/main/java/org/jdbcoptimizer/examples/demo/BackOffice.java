package org.jdbcoptimizer.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Three back-office pages of the shop, written the way applications often are, each with one
 * mistake that the optimizer's statement analysis reports:
 *
 * <ul>
 *   <li>{@link #customersOfCity}: counts each customer's paid orders with a correlated subquery on
 *       {@code orders.customer_id}, which has no index (SQLite does not index foreign keys by itself),
 *       so SQLite reads every order again for every customer of the city;</li>
 *   <li>{@link #latestOrdersWithLines}: loads the latest orders, then each order's lines with a query
 *       of its own: an N+1;</li>
 *   <li>{@link #customerProfile}: {@code SELECT *}.</li>
 * </ul>
 *
 * <p>This is the "application" of section 2, so the call sites in the slow-query log point here.
 */
final class BackOffice {

    static final String CUSTOMERS_OF_CITY = "select id, name, (select count(*) from orders"
            + " where orders.customer_id = customers.id and orders.status = 'paid') as paid_orders"
            + " from customers where city = ?";

    private final Connection connection;

    BackOffice(Connection connection) {
        this.connection = connection;
    }

    /**
     * Rows SQLite reads for one {@link #customersOfCity} page: every order, once per customer of the
     * city (customers are spread evenly over the cities).
     */
    static long customersOfCityRowsRead(ShopSize size) {
        return (long) Math.ceil((double) size.customers() / ShopData.cities().size()) * size.orders();
    }

    /** The customers of a city with their number of paid orders; returns the paid orders counted. */
    long customersOfCity(String city) throws SQLException {
        long paidOrders = 0;
        try (PreparedStatement select = connection.prepareStatement(CUSTOMERS_OF_CITY)) {
            select.setString(1, city);
            try (ResultSet customers = select.executeQuery()) {
                while (customers.next()) {
                    customers.getString(2);
                    paidOrders += customers.getLong(3);
                }
            }
        }
        return paidOrders;
    }

    /** The latest {@code count} orders with their lines: one query for the orders, then one per order. */
    int latestOrdersWithLines(int count) throws SQLException {
        List<Long> orderIds = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, customer_id, created_at, total_cents from orders order by id desc limit ?")) {
            select.setInt(1, count);
            try (ResultSet orders = select.executeQuery()) {
                while (orders.next()) {
                    orderIds.add(orders.getLong(1));
                }
            }
        }
        int lines = 0;
        for (long orderId : orderIds) {
            lines += linesOf(orderId);
        }
        return lines;
    }

    /**
     * One order's lines: run once per order by the loop above, which is the N+1. The rows are read
     * here rather than in a shared helper because the optimizer records an execution, and its call
     * site, when the rows run out: the log then names this method.
     */
    private int linesOf(long orderId) throws SQLException {
        int lines = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "select line, product_id, quantity, price_cents from order_items where order_id = ? order by line")) {
            select.setLong(1, orderId);
            try (ResultSet items = select.executeQuery()) {
                while (items.next()) {
                    items.getInt(2);
                    lines++;
                }
            }
        }
        return lines;
    }

    /** A customer's profile, read with {@code SELECT *}; returns the columns it got. */
    int customerProfile(int customerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select * from customers where id = ?")) {
            select.setInt(1, customerId);
            try (ResultSet customer = select.executeQuery()) {
                int columns = customer.getMetaData().getColumnCount();
                while (customer.next()) {
                    for (int column = 1; column <= columns; column++) {
                        customer.getObject(column);
                    }
                }
                return columns;
            }
        }
    }
}
