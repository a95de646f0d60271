package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import org.jdbcoptimizer.config.OptimizerUrl;
import org.jdbcoptimizer.pool.ConnectionFactory;

/** Opens physical connections through the real {@link Driver} with the application's properties. */
final class DriverConnectionFactory implements ConnectionFactory {

    private final Driver driver;
    private final String url;
    private final Properties properties;

    DriverConnectionFactory(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The driver " + driver.getClass().getName() + " returned no connection for '"
                    + describe() + "'", "08001");
        }
        return connection;
    }

    @Override
    public String describe() {
        return OptimizerUrl.redact(url);
    }
}
