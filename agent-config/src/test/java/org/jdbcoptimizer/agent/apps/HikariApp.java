package org.jdbcoptimizer.agent.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * An application with its own pool, HikariCP, in the three ways HikariCP is configured: a
 * {@code jdbcUrl} (HikariCP calls {@code Driver.connect}), {@code dataSourceClassName}
 * PGSimpleDataSource (whose {@code getConnection} goes through {@code DriverManager} itself) and
 * SQLiteDataSource. Last, an application that already uses a {@code jdbc:optimizer:} URL. Each runs
 * its own probe statement three times.
 *
 * <p>Arguments: PostgreSQL URL, SQLite file, and optionally the slow-query log of the
 * {@code jdbc:optimizer:} URL (only when the optimizer's driver is on the class path: under the agent).
 */
public final class HikariApp {

    private HikariApp() {
    }

    public static void main(String[] args) throws SQLException {
        String postgresUrl = args[0];

        HikariConfig byUrl = new HikariConfig();
        byUrl.setJdbcUrl(postgresUrl);
        run(byUrl, "hikari-url-probe");

        HikariConfig byPgDataSource = new HikariConfig();
        byPgDataSource.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
        byPgDataSource.addDataSourceProperty("url", postgresUrl);
        run(byPgDataSource, "hikari-pg-datasource-probe");

        HikariConfig bySqliteDataSource = new HikariConfig();
        bySqliteDataSource.setDataSourceClassName("org.sqlite.SQLiteDataSource");
        bySqliteDataSource.addDataSourceProperty("url", "jdbc:sqlite:" + args[1]);
        run(bySqliteDataSource, "hikari-sqlite-datasource-probe");

        if (args.length > 2) {
            optimizerUrl(postgresUrl, args[2]);
        }
        System.out.println("done");
    }

    private static void optimizerUrl(String postgresUrl, String slowLog) throws SQLException {
        String optimizerUrl = "jdbc:optimizer:" + postgresUrl.substring("jdbc:".length())
                + (postgresUrl.contains("?") ? "&" : "?") + "optimizer.slowLog.threshold=0&optimizer.slowLog.file=" + slowLog;
        for (int i = 0; i < 3; i++) {
            try (Connection connection = DriverManager.getConnection(optimizerUrl)) {
                PlainJdbcApp.query(connection, "SELECT 'optimizer-url-probe'");
            }
        }
    }

    private static void run(HikariConfig config, String probe) throws SQLException {
        config.setMaximumPoolSize(2);
        config.setPoolName(probe);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            for (int i = 0; i < 3; i++) {
                probe(dataSource, probe);
            }
        }
        System.out.println(probe + " ok");
    }

    private static void probe(DataSource dataSource, String probe) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            PlainJdbcApp.query(connection, "SELECT '" + probe + "'");
        }
    }
}
