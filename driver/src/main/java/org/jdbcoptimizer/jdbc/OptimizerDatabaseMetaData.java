package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} the application holds: {@link #getConnection()} returns the
 * connection wrapper and every result set is wrapped, so the physical connection never leaks; the
 * result sets are closed with the connection, as a statement's are.
 */
public final class OptimizerDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final OptimizerConnection connection;

    OptimizerDatabaseMetaData(DatabaseMetaData delegate, OptimizerConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    SQLException checkException(SQLException e) {
        return connection.checkException(e);
    }

    @Override
    ResultSet wrapResultSet(ResultSet resultSet) {
        return resultSet == null ? null : connection.trackMetaDataResult(resultSet);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (connection.isClosed()) {
            throw new SQLException("Connection is closed", ClosedObjects.CONNECTION_CLOSED_STATE);
        }
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return OptimizerConnection.unwrapReal(delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
