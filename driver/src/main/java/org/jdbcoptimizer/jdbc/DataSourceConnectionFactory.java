package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jdbcoptimizer.pool.ConnectionFactory;

/** Opens physical connections through an application's {@link DataSource}, with or without credentials. */
final class DataSourceConnectionFactory implements ConnectionFactory {

    private final DataSource dataSource;
    private final String user;
    private final String password;

    DataSourceConnectionFactory(DataSource dataSource, String user, String password) {
        this.dataSource = dataSource;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = user == null ? dataSource.getConnection() : dataSource.getConnection(user, password);
        if (connection == null) {
            throw new SQLException("The DataSource " + dataSource.getClass().getName() + " returned no connection",
                    "08001");
        }
        return connection;
    }

    @Override
    public String describe() {
        return dataSource.getClass().getName() + (user == null ? "" : " as " + user);
    }
}
