package org.jdbcoptimizer.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The {@link PreparedStatement} the application holds; see {@link OptimizerStatement}. What the
 * analysis and the cache know of its text comes with it ({@link PreparedText}), and the bound
 * parameters are kept (in one array reused across executions), for the cache key and so that a
 * slow execution can be explained with the same values. The driver's statement of a cacheable
 * query may not exist yet ({@link PendingStatement}).
 */
public class OptimizerPreparedStatement extends DelegatingPreparedStatement {

    private static final Object[] NO_PARAMETERS = new Object[0];

    final String sql;
    private final PreparedText text;
    /** The stand-in of the driver's statement while it is not created, else null. */
    private final PendingStatement pending;
    /** Parameter values by index - 1, as bound; grown on demand. */
    private Object[] parameterValues = NO_PARAMETERS;
    private int parameterCount;

    /** A callable statement: its text is judged afresh, never shared with prepared statements of the same text. */
    OptimizerPreparedStatement(PreparedStatement delegate, OptimizerConnection connection, String sql) {
        this(delegate, connection, new PreparedText(sql, connection.context().listener(), connection.context().cache()),
                null);
    }

    OptimizerPreparedStatement(PreparedStatement delegate, OptimizerConnection connection, PreparedText text,
                               PendingStatement pending) {
        super(delegate, connection);
        this.sql = text.sql;
        this.text = text;
        this.pending = pending;
        if (pending != null) {
            pending.ownedBy(this);
        }
    }

    @Override
    ExecutionListener.ObservedStatement observed(String observedSql) {
        return observedSql == sql ? text.observed() : listener.observe(observedSql);
    }

    @Override
    boolean queryMayWrite(String queriedSql) {
        return queriedSql == sql && text.plan != null ? text.plan.mayWrite() : super.queryMayWrite(queriedSql);
    }

    @Override
    void parameterSet(int index, Object value) {
        if (index < 1) {
            return; // the driver accepted it, so it is not ours to judge; nothing to keep
        }
        if (pending == null || pending.isReal()) {
            text.accepted(index); // the driver took it: binds up to here may wait for its statement
        }
        if (index > parameterValues.length) {
            parameterValues = Arrays.copyOf(parameterValues, index); // exact: parameters() then copies nothing
        }
        parameterValues[index - 1] = value;
        parameterCount = Math.max(parameterCount, index);
    }

    @Override
    Object[] parameters() {
        return parameterCount == parameterValues.length ? parameterValues
                : Arrays.copyOf(parameterValues, parameterCount);
    }

    @Override
    Object[] parametersOf(String text) {
        return text == sql ? parameters() : null;
    }

    @Override
    public void clearParameters() throws SQLException {
        try {
            ((PreparedStatement) delegate).clearParameters();
        } catch (SQLException e) {
            throw checkException(e);
        }
        Arrays.fill(parameterValues, null);
        parameterCount = 0;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        long start = begin();
        try {
            return queried(sql, start, queryCache == null ? ((PreparedStatement) delegate).executeQuery()
                    : queryCache.query(this, text.plan, sql, parameters(),
                            ((PreparedStatement) delegate)::executeQuery));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        long start = begin();
        try {
            return (int) updated(sql, start, ((PreparedStatement) delegate).executeUpdate());
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        long start = begin();
        try {
            return updated(sql, start, ((PreparedStatement) delegate).executeLargeUpdate());
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        long start = begin();
        try {
            return executed(sql, start, ((PreparedStatement) delegate).execute());
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        try {
            ((PreparedStatement) delegate).addBatch();
        } catch (SQLException e) {
            throw checkException(e);
        }
        batchAdded(sql);
    }
}
