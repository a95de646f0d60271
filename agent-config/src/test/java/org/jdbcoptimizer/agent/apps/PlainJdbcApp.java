package org.jdbcoptimizer.agent.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application that knows nothing of the optimizer: plain DriverManager JDBC against PostgreSQL
 * and SQLite. Its output is the same with and without the agent, except where a cached result is
 * served: the price read after another service (a connection the agent's configuration excludes)
 * changed it.
 *
 * <p>Arguments: PostgreSQL URL, SQLite file, a suffix for table names.
 */
public final class PlainJdbcApp {

    private PlainJdbcApp() {
    }

    public static void main(String[] args) throws SQLException {
        String postgresUrl = args[0];
        String table = "agent_it_items_" + args[2];
        try (Connection connection = DriverManager.getConnection(postgresUrl)) {
            execute(connection, "DROP TABLE IF EXISTS " + table,
                    "CREATE TABLE " + table + " (id int PRIMARY KEY, price int NOT NULL)",
                    "INSERT INTO " + table + " VALUES (1, 10)");
            for (int i = 0; i < 3; i++) {
                query(connection, "SELECT 'plain-probe-pg', now()");
            }
            System.out.println("price=" + price(connection, table));
            // Another service changes the price behind the application's back.
            try (Connection outside = DriverManager.getConnection(postgresUrl + "&ApplicationName=outside-writer")) {
                execute(outside, "UPDATE " + table + " SET price = 20 WHERE id = 1");
            }
            System.out.println("price after the outside update=" + price(connection, table));
            execute(connection, "DROP TABLE " + table);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[1])) {
            execute(connection, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)",
                    "INSERT INTO items (name) VALUES ('a'), ('b')");
            for (int i = 0; i < 3; i++) {
                query(connection, "SELECT 'plain-probe-sqlite', count(*) FROM items");
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                rows.next();
                System.out.println("sqlite items=" + rows.getInt(1));
            }
        }
        System.out.println("done");
    }

    static int price(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT price FROM " + table + " WHERE id = 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Runs a query and reads its rows, as applications do. */
    static int query(Connection connection, String sql) throws SQLException {
        int rows = 0;
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery(sql)) {
            while (results.next()) {
                rows++;
            }
        }
        return rows;
    }

    static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
