package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link Statement} the application holds. Every execute path passes through here, so that
 * the connection knows the transaction has work in it and, with analysis on, so that it is timed:
 * an update when it returns, a query when the application has read its rows (the time spent in
 * {@code next()} counts, the application's own work between rows does not). Result sets are
 * wrapped so that {@code ResultSet.getStatement()} returns this wrapper.
 *
 * <p>Not thread-safe, like the statement it wraps, except that {@link #close()} may race with
 * the owning connection's close (both are idempotent).
 */
public class OptimizerStatement extends DelegatingStatement {

    final OptimizerConnection connection;
    /** The statement analysis, or null when it is off (then nothing is timed). */
    final ExecutionListener listener;
    /** The result cache (or, when this endpoint caches nothing, the tracker of its writes), or null. */
    final QueryCache cache;
    /** The cache to ask for query results: null unless this endpoint caches. */
    final QueryCache queryCache;
    /** With the cache on, every text of a Statement batch, since each may write different tables. */
    private java.util.List<String> batchTexts;
    private boolean closed;
    /** The last result set handed out, so repeated getResultSet calls return the same wrapper. */
    private OptimizerResultSet currentResultSet;
    /** An execute() whose result set is not fetched yet: what to time it as. */
    private String pendingSql;
    private long pendingNanos;
    /** Statements added with addBatch since the last executeBatch, and the first text. */
    private int batchSize;
    private String batchSql;
    /** Whether parameter setters keep their values for the analysis (only when it is on). */
    final boolean capturing;

    OptimizerStatement(Statement delegate, OptimizerConnection connection) {
        super(delegate);
        this.connection = connection;
        this.listener = connection.context().listener();
        this.cache = connection.context().cache();
        this.queryCache = cache != null && cache.caches() ? cache : null;
        this.capturing = listener != null || queryCache != null;
    }

    /** A parameter was bound (prepared statements keep it; see OptimizerPreparedStatement). */
    void parameterSet(int index, Object value) {
    }

    final void batchAdded(String sql) {
        if (batchSize++ == 0) {
            batchSql = sql; // a batch of several texts is reported under its first one
        }
    }

    @Override
    final SQLException checkException(SQLException e) {
        return connection.checkException(e);
    }

    final ResultSet wrap(ResultSet resultSet) {
        if (resultSet == null) {
            return null;
        }
        OptimizerResultSet current = currentResultSet;
        if (current != null && current.delegate == resultSet) {
            return current;
        }
        current = new OptimizerResultSet(resultSet, this, connection);
        currentResultSet = current;
        return current;
    }

    /**
     * A value read with CallableStatement.getObject that is itself a result set (a PostgreSQL
     * refcursor) is wrapped, so that its getStatement is this wrapper, never the physical statement.
     */
    final Object wrapObject(Object value) {
        return value instanceof ResultSet && !(value instanceof OptimizerResultSet)
                ? new OptimizerResultSet((ResultSet) value, this, connection) : value;
    }

    /** As {@link #wrapObject(Object)}; a caller asking for the driver's own class gets the driver's object. */
    final <T> T wrapObject(T value, Class<T> type) {
        return wrapAs(value, type, this, connection);
    }

    static <T> T wrapAs(T value, Class<T> type, OptimizerStatement statement, OptimizerConnection connection) {
        if (value instanceof ResultSet && !(value instanceof OptimizerResultSet)) {
            OptimizerResultSet wrapper = new OptimizerResultSet((ResultSet) value, statement, connection);
            if (type.isInstance(wrapper)) {
                return type.cast(wrapper);
            }
        }
        return value;
    }

    // --- execution: every path is timed for the listener when analysis is on ----------------------

    /**
     * Called before every execution: marks the transaction dirty, finishes the timing of a result
     * set the previous execution left open (the driver closes it now), and starts the clock.
     *
     * @return the start time, or 0 when analysis is off
     */
    final long begin() {
        connection.markExecuted();
        if (listener == null && cache == null) {
            return 0;
        }
        reportPending();
        OptimizerResultSet previous = currentResultSet;
        if (previous != null) {
            previous.finishTiming(null);
            previous.closeIfWriting(); // re-executing closes it anyway; its writes commit now
        }
        return listener == null ? 0 : System.nanoTime();
    }

    /** The shape of what runs: the prepared text for a prepared statement, else the given text. */
    ExecutionListener.ObservedStatement observed(String sql) {
        return listener.observe(sql);
    }

    /** As {@link QueryCache#mayWrite}; a prepared statement knows the answer for its own text. */
    boolean queryMayWrite(String sql) {
        return cache.mayWrite(sql);
    }

    /** The bound parameters of the current execution (prepared statements), else null. */
    Object[] parameters() {
        return null;
    }

    /** The bound parameters when {@code text} is the prepared text they were bound for, else null. */
    Object[] parametersOf(String text) {
        return null;
    }

    /**
     * A statement that may write ran (or failed): the cache invalidates what it may have written.
     *
     * @param parameters the parameters of this one execution, or null when unknown (a batch, a
     *                   deferred invalidation): the cache then invalidates whole tables
     */
    final void mayHaveWritten(String sql, Object[] parameters) {
        if (cache != null && sql != null) {
            cache.executed(connection, sql, parameters);
        }
    }

    /** An update finished: report it and pass the count through. */
    final long updated(String sql, long start, long count) {
        mayHaveWritten(sql, parametersOf(sql));
        if (listener != null) {
            report(sql, start, count, 0, null);
        }
        return count;
    }

    /** A batch finished: report its statements and rows together. */
    final <T> T batched(String sql, long start, int size, long rows, T counts) {
        batchWritten(sql);
        if (listener != null && sql != null) {
            report(sql, start, rows, size, null);
        }
        return counts;
    }

    /** An execution failed: report it, then let the connection see the error. */
    final SQLException failed(String sql, long start, SQLException e) {
        mayHaveWritten(sql, null); // a failed batch may have written any of its rows
        if (listener != null && start != 0) {
            report(sql, start, -1, 0, e);
        }
        return checkException(e);
    }

    private void report(String sql, long start, long rows, int batchSize, SQLException error) {
        reportNanos(sql, System.nanoTime() - start, rows, batchSize, error);
    }

    private void reportNanos(String sql, long nanos, long rows, int batchSize, SQLException error) {
        try {
            listener.executed(observed(sql), nanos, rows, batchSize, error, connection, parameters());
        } catch (RuntimeException e) {
            // the analysis never fails the application's statement
        }
    }

    /**
     * An {@code execute} whose result set the application never fetched with getResultSet: it is
     * reported (rows unknown) when the statement runs again or closes, not lost.
     */
    private void reportPending() {
        String sql = pendingSql;
        if (sql != null && listener != null) {
            pendingSql = null;
            reportNanos(sql, pendingNanos, -1, 0, null);
        }
    }

    /** A query's result set: timed until the application has read it (or closes it). */
    final ResultSet queried(String sql, long start, ResultSet resultSet) {
        ResultSet wrapped = wrap(resultSet);
        if (cache != null && wrapped != null && queryMayWrite(sql)) {
            currentResultSet.invalidateWhenDone(sql);
        }
        if (listener != null && wrapped != null) {
            currentResultSet.startTiming(observed(sql), System.nanoTime() - start, listener, parameters());
        }
        return wrapped;
    }

    /**
     * {@code execute} returned: a result set, to be timed when the application fetches it, or an
     * update count (reported now, rows unknown: asking the driver could consume the count).
     */
    final boolean executed(String sql, long start, boolean hasResultSet) {
        mayHaveWritten(sql, parametersOf(sql));
        if (listener != null) {
            if (hasResultSet) {
                reportPending(); // an earlier execute's result set that was never fetched
                pendingSql = sql;
                pendingNanos = System.nanoTime() - start;
            } else {
                report(sql, start, -1, 0, null);
            }
        }
        return hasResultSet;
    }

    /** Statement batches: every text may write; prepared batches have one text. */
    private void batchWritten(String first) {
        if (cache == null) {
            return;
        }
        if (batchTexts != null) {
            for (String text : batchTexts) {
                mayHaveWritten(text, null);
            }
            batchTexts = null;
        } else {
            mayHaveWritten(first, null);
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        long start = begin();
        try {
            return queried(sql, start, queryCache == null ? delegate.executeQuery(sql)
                    : queryCache.query(this, queryCache.plan(sql), sql, null, () -> delegate.executeQuery(sql)));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        long start = begin();
        try {
            return (int) updated(sql, start, delegate.executeUpdate(sql));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        long start = begin();
        try {
            return (int) updated(sql, start, delegate.executeUpdate(sql, autoGeneratedKeys));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        long start = begin();
        try {
            return (int) updated(sql, start, delegate.executeUpdate(sql, columnIndexes));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        long start = begin();
        try {
            return (int) updated(sql, start, delegate.executeUpdate(sql, columnNames));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        long start = begin();
        try {
            return updated(sql, start, delegate.executeLargeUpdate(sql));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        long start = begin();
        try {
            return updated(sql, start, delegate.executeLargeUpdate(sql, autoGeneratedKeys));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        long start = begin();
        try {
            return updated(sql, start, delegate.executeLargeUpdate(sql, columnIndexes));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        long start = begin();
        try {
            return updated(sql, start, delegate.executeLargeUpdate(sql, columnNames));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        long start = begin();
        try {
            return executed(sql, start, delegate.execute(sql));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        long start = begin();
        try {
            return executed(sql, start, delegate.execute(sql, autoGeneratedKeys));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        long start = begin();
        try {
            return executed(sql, start, delegate.execute(sql, columnIndexes));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        long start = begin();
        try {
            return executed(sql, start, delegate.execute(sql, columnNames));
        } catch (SQLException e) {
            throw failed(sql, start, e);
        }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        try {
            delegate.addBatch(sql);
        } catch (SQLException e) {
            throw checkException(e);
        }
        batchAdded(sql);
        if (cache != null) {
            if (batchTexts == null) {
                batchTexts = new java.util.ArrayList<>();
            }
            batchTexts.add(sql);
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        try {
            delegate.clearBatch();
        } catch (SQLException e) {
            throw checkException(e);
        }
        batchSize = 0;
        batchSql = null;
        batchTexts = null;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long start = begin();
        String sql = batchSql;
        int size = batchSize;
        batchSize = 0;
        batchSql = null;
        try {
            int[] counts = delegate.executeBatch();
            return batched(sql, start, size, listener == null ? 0 : sum(counts), counts);
        } catch (SQLException e) {
            batchWritten(sql); // a batch that failed part-way may have written
            throw failed(sql, sql == null ? 0 : start, e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        long start = begin();
        String sql = batchSql;
        int size = batchSize;
        batchSize = 0;
        batchSql = null;
        try {
            long[] counts = delegate.executeLargeBatch();
            long rows = 0;
            if (listener != null) {
                for (long count : counts) {
                    rows += Math.max(0, count);
                }
            }
            return batched(sql, start, size, rows, counts);
        } catch (SQLException e) {
            batchWritten(sql);
            throw failed(sql, sql == null ? 0 : start, e);
        }
    }

    /** Rows of a batch; SUCCESS_NO_INFO (-2) counts as none. */
    static long sum(int[] counts) {
        long rows = 0;
        for (int count : counts) {
            rows += Math.max(0, count);
        }
        return rows;
    }

    // --- objects that must come back wrapped ------------------------------------------------------

    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet resultSet;
        try {
            resultSet = delegate.getResultSet();
        } catch (SQLException e) {
            throw checkException(e);
        }
        OptimizerResultSet previous = currentResultSet;
        ResultSet wrapped = wrap(resultSet);
        if (pendingSql != null && wrapped != null && wrapped != previous) {
            currentResultSet.startTiming(observed(pendingSql), pendingNanos, listener, parameters());
            pendingSql = null;
        }
        return wrapped;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        try {
            ResultSet keys = delegate.getGeneratedKeys();
            return keys == null ? null : new OptimizerResultSet(keys, this, connection);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (isClosed()) { // also when the driver closed it (closeOnCompletion)
            throw new SQLException("Statement is closed", ClosedObjects.STATEMENT_CLOSED_STATE);
        }
        return connection;
    }

    // --- life cycle -------------------------------------------------------------------------------

    /**
     * True once closed by the application, by its connection, by closeOnCompletion, or when its
     * connection is closed without closing it (abort, which runs on another thread and leaves the
     * statements to fail against the aborted physical connection).
     */
    @Override
    public boolean isClosed() throws SQLException {
        if (closed || connection.isClosed()) {
            return true;
        }
        try {
            return delegate.isClosed(); // closeOnCompletion may have closed the real statement
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    /** Closes the real statement (and its result sets) and stops tracking it. Idempotent. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        connection.untrack(this);
        closeQuietly();
    }

    /** Close initiated by the connection, which has already stopped tracking this statement. */
    final void closeByConnection() {
        if (!closed) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        reportPending();
        closed = true;
        Statement real = delegate;
        delegate = ClosedObjects.STATEMENT;
        OptimizerResultSet open = currentResultSet;
        if (open != null) {
            open.finishTiming(null); // closing the statement closes its result set
        }
        currentResultSet = null;
        try {
            real.close();
        } catch (SQLException e) {
            checkException(e);
        }
        if (open != null) {
            open.finishWrites();
        }
    }

    final void checkOpen() throws SQLException {
        if (closed || connection.isClosed()) {
            throw new SQLException("Statement is closed", ClosedObjects.STATEMENT_CLOSED_STATE);
        }
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return OptimizerConnection.unwrapReal(delegate, iface);
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (closed ? "closed" : delegate) + "]";
    }
}
