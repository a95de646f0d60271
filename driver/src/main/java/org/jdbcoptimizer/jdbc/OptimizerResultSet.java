package org.jdbcoptimizer.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} the application holds: {@link #getStatement()} returns the statement
 * wrapper (or null for a metadata result set, as JDBC specifies), never the physical statement.
 */
public final class OptimizerResultSet extends DelegatingResultSet {

    private final OptimizerStatement statement;
    private final OptimizerConnection connection;

    /**
     * @param statement  the statement wrapper that produced it; null for DatabaseMetaData results
     * @param connection the connection whose fatal-error handling applies
     */
    OptimizerResultSet(ResultSet delegate, OptimizerStatement statement, OptimizerConnection connection) {
        super(delegate);
        this.statement = statement;
        this.connection = connection;
    }

    @Override
    SQLException checkException(SQLException e) {
        return connection.checkException(e);
    }

    /** A column value that is itself a result set (a PostgreSQL refcursor) is wrapped like this one. */
    @Override
    Object wrapObject(Object value) {
        return value instanceof ResultSet && !(value instanceof OptimizerResultSet)
                ? new OptimizerResultSet((ResultSet) value, statement, connection) : value;
    }

    @Override
    <T> T wrapObject(T value, Class<T> type) {
        return OptimizerStatement.wrapAs(value, type, statement, connection);
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return delegate.next();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        if (isClosed()) {
            throw new SQLException("ResultSet is closed", ClosedObjects.STATEMENT_CLOSED_STATE);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        if (statement == null) {
            connection.untrackMetaDataResult(this);
        }
        try {
            delegate.close();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    /** Close of a metadata result set by its connection, which has already stopped tracking it. */
    void closeByConnection() {
        try {
            delegate.close();
        } catch (SQLException e) {
            connection.checkException(e);
        }
    }

    /** True once closed, or when its connection is closed (an aborted connection's result sets too). */
    @Override
    public boolean isClosed() throws SQLException {
        if (connection.isClosed()) {
            return true;
        }
        try {
            return delegate.isClosed();
        } catch (SQLException e) {
            throw checkException(e);
        }
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
