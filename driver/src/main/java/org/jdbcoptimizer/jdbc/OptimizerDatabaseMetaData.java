package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} the application holds: {@link #getConnection()} returns the
 * connection wrapper and every result set is wrapped, so the physical connection never leaks; the
 * result sets are closed with the connection, as a statement's are. Once the connection is closed
 * every call fails (the connection swaps in a closed stand-in): the physical connection is then
 * back in the pool, possibly in another borrower's hands.
 */
public final class OptimizerDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final OptimizerConnection connection;
    /** Read at construction: these two cannot throw, so they must still answer after close. */
    private final int driverMajorVersion;
    private final int driverMinorVersion;

    OptimizerDatabaseMetaData(DatabaseMetaData delegate, OptimizerConnection connection) {
        super(delegate);
        this.connection = connection;
        this.driverMajorVersion = delegate.getDriverMajorVersion();
        this.driverMinorVersion = delegate.getDriverMinorVersion();
    }

    @Override
    public int getDriverMajorVersion() {
        return driverMajorVersion;
    }

    @Override
    public int getDriverMinorVersion() {
        return driverMinorVersion;
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
        connection.checkOpen();
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        connection.checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return OptimizerConnection.unwrapReal(delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        connection.checkOpen();
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
