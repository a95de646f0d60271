package org.jdbcoptimizer.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@link PreparedStatement} the application holds; see {@link OptimizerStatement}. */
public class OptimizerPreparedStatement extends DelegatingPreparedStatement {

    final String sql;

    OptimizerPreparedStatement(PreparedStatement delegate, OptimizerConnection connection, String sql) {
        super(delegate, connection);
        this.sql = sql;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        beforeExecute();
        try {
            return wrap(((PreparedStatement) delegate).executeQuery());
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        beforeExecute();
        try {
            return ((PreparedStatement) delegate).executeUpdate();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        beforeExecute();
        try {
            return ((PreparedStatement) delegate).executeLargeUpdate();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        beforeExecute();
        try {
            return ((PreparedStatement) delegate).execute();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        try {
            ((PreparedStatement) delegate).addBatch();
        } catch (SQLException e) {
            throw checkException(e);
        }
    }
}
