package org.jdbcoptimizer.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} the application holds: {@link #getStatement()} returns the statement
 * wrapper (or null for a metadata result set, as JDBC specifies), never the physical statement.
 */
public final class OptimizerResultSet extends DelegatingResultSet {

    /** Rows whose {@code next()} is always timed: small results are timed exactly. */
    static final int EXACT_ROWS = 64;
    /**
     * Beyond {@link #EXACT_ROWS}, one row in this many (a power of two) is timed and counts this
     * many times: a clock read costs more than an in-memory {@code next()} on some machines.
     */
    static final int SAMPLE_EVERY = 16;

    private final OptimizerStatement statement;
    private final OptimizerConnection connection;
    /** Timing for the analysis: null when not timed (analysis off, metadata, generated keys). */
    private ExecutionListener listener;
    private ExecutionListener.ObservedStatement observed;
    private Object[] parameters;
    /**
     * Executing plus time spent inside next(): the database's share, not the application's. Past
     * {@link #EXACT_ROWS} rows without a fetch size, estimated from a random sample of the rows.
     */
    private long elapsedNanos;
    private long rows;
    /** Set at the first row past {@link #EXACT_ROWS} when a fetch size makes each row a possible round trip. */
    private boolean timeEveryRow;
    /**
     * Picks the sampled rows at random (xorshift), so a periodic cost is not always hit or always
     * missed; 0 until the first row past {@link #EXACT_ROWS}, which most results never reach.
     */
    private int sampleState;
    /** A query that may have written (UPDATE ... RETURNING): invalidated again once its rows are read. */
    private String writtenSql;

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

    /** Starts timing this result set as the rest of an execution that took {@code executeNanos} so far. */
    void startTiming(ExecutionListener.ObservedStatement statementShape, long executeNanos,
                     ExecutionListener executionListener, Object[] boundParameters) {
        this.observed = statementShape;
        this.elapsedNanos = executeNanos;
        this.parameters = boundParameters;
        this.listener = executionListener;
    }

    /** True when this row's {@code next()} is timed. */
    private boolean timesThisRow() {
        if (rows < EXACT_ROWS) {
            return true;
        }
        int x = sampleState;
        if (x == 0) {
            x = startSampling();
        }
        if (timeEveryRow) {
            return true;
        }
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        sampleState = x;
        return (x & (SAMPLE_EVERY - 1)) == 0;
    }

    void invalidateWhenDone(String sql) {
        this.writtenSql = sql;
    }

    /**
     * A query that may have written is finished (its rows read, or its cursor closed, which is when
     * SQLite commits an auto-commit statement): invalidate what it wrote once more, now.
     */
    void finishWrites() {
        String written = writtenSql;
        if (written != null && statement != null) {
            writtenSql = null;
            statement.mayHaveWritten(written, null);
        }
    }

    /** Closes the cursor of a query that may have written, then invalidates its writes. */
    void closeIfWriting() {
        if (writtenSql != null) {
            try {
                delegate.close();
            } catch (SQLException e) {
                connection.checkException(e);
            }
            finishWrites();
        }
    }

    /** Reports the execution once: when the rows run out, or the result set or its statement closes. */
    void finishTiming(SQLException error) {
        ExecutionListener reportTo = listener;
        if (reportTo != null) {
            listener = null;
            try {
                reportTo.executed(observed, elapsedNanos, rows, 0, error, connection, parameters);
            } catch (RuntimeException e) {
                // the analysis never fails the application
            }
        }
    }

    @Override
    public boolean next() throws SQLException {
        if (listener == null) {
            try {
                boolean more = delegate.next();
                if (!more) {
                    finishWrites();
                }
                return more;
            } catch (SQLException e) {
                throw checkException(e);
            }
        }
        if (!timesThisRow()) {
            return nextUntimed();
        }
        long weight = rows < EXACT_ROWS ? 1 : SAMPLE_EVERY;
        long start = System.nanoTime();
        try {
            boolean more = delegate.next();
            elapsedNanos += (System.nanoTime() - start) * weight;
            if (more) {
                rows++;
            } else {
                finishTiming(null);
                finishWrites();
            }
            return more;
        } catch (SQLException e) {
            elapsedNanos += System.nanoTime() - start;
            finishTiming(e);
            throw checkException(e);
        }
    }

    /** Decides, once a result is long enough to matter, how to time the rest of its rows. */
    private int startSampling() {
        try {
            // With a fetch size, next() fetches from the server now and then: time every row.
            timeEveryRow = delegate.getFetchSize() != 0;
        } catch (SQLException | RuntimeException e) {
            timeEveryRow = true;
        }
        sampleState = java.util.concurrent.ThreadLocalRandom.current().nextInt() | 1;
        return sampleState;
    }

    /** A row that the sample skips: counted, not timed. */
    private boolean nextUntimed() throws SQLException {
        try {
            boolean more = delegate.next();
            if (more) {
                rows++;
            } else {
                finishTiming(null);
                finishWrites();
            }
            return more;
        } catch (SQLException e) {
            finishTiming(e);
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
        finishTiming(null);
        if (statement == null) {
            connection.untrackMetaDataResult(this);
        }
        try {
            delegate.close();
        } catch (SQLException e) {
            throw checkException(e);
        } finally {
            finishWrites(); // after the cursor is closed: SQLite commits then
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
