package org.jdbcoptimizer.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.pool.FatalErrors;
import org.jdbcoptimizer.pool.Lease;

/**
 * The {@link Connection} the application holds: one per borrow, over a physical connection it
 * leases from the pool (or owns, when unpooled).
 *
 * <p>State: the properties a borrower may change (auto-commit, isolation, read-only, catalog,
 * schema, network timeout) are mirrored in fields and marked dirty when set, so getters answer
 * without a round trip and {@link #close()} restores only what changed: a clean return costs no
 * database traffic. Uncommitted work is rolled back on return only if a statement ran since the
 * last commit or rollback, and before auto-commit is restored (restoring it would commit).
 * State changed through SQL text ({@code SET search_path}, {@code BEGIN}) is not tracked.
 * Catalog, schema and network timeout are read back from the driver once after a set, because a
 * driver may ignore the request (pgjdbc and sqlite-jdbc ignore setCatalog, sqlite-jdbc ignores the
 * network timeout, a missing PostgreSQL schema is not current): the getters report what the
 * driver uses, not what was asked for.
 *
 * <p>Not thread-safe, like the JDBC connection it wraps; {@link #abort(Executor)} may be called
 * from another thread.
 */
public final class OptimizerConnection extends DelegatingConnection {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(OptimizerConnection.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Lease lease;
    private final ConnectionContext context;
    /** Created with the first statement: a borrow that runs none allocates no list. */
    private List<OptimizerStatement> openStatements;
    /** Open result sets of DatabaseMetaData calls: no statement of ours closes them. */
    private List<OptimizerResultSet> openMetaDataResults;
    /** Handed out by getMetaData (one per handle, as the drivers keep one); disabled on close. */
    private OptimizerDatabaseMetaData metaData;

    private final SessionState session;
    private Object attachment;
    private Object cacheState;
    /** Set once, by {@link #markClosed()}: close, abort (another thread) and a fatal error may race. */
    private volatile boolean closed;

    public OptimizerConnection(Lease lease, ConnectionContext context) {
        super(lease.physical());
        this.lease = lease;
        this.context = context;
        this.session = SessionState.of(lease);
    }

    ConnectionContext context() {
        return context;
    }

    /** The lease behind this connection, for the driver's own tests and diagnostics. */
    public Lease lease() {
        return lease;
    }

    /** Called by every statement before it executes: the transaction now has work to roll back. */
    void markExecuted() {
        session.executed();
    }

    /** The pool this connection came from ("unpooled ..." without a pool), for logs and statistics. */
    public String poolName() {
        return lease.poolName();
    }

    /** The auto-commit mode as last set through JDBC, without a round trip. */
    public boolean autoCommitMode() {
        return session.autoCommit();
    }

    /** True inside a transaction that has run statements (auto-commit off, no commit since). */
    public boolean inTransaction() {
        return session.inTransaction();
    }

    /**
     * Per-connection state of the optimizer's own features (the N+1 tracker), kept here so that it
     * lives and dies with this handle. Not for applications.
     */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    /** Per-connection state of the result cache (what this transaction wrote). Not for applications. */
    public Object cacheState() {
        return cacheState;
    }

    public void cacheState(Object state) {
        this.cacheState = state;
    }

    /** The isolation level as set through JDBC (or initially), without a round trip; -1 if unknown. */
    public int isolationMode() {
        return session.isolationMirror();
    }

    /** True once session settings were changed with SQL on this physical connection ({@code SET ...}). */
    public boolean sessionSettingsChanged() {
        return session.hasSettingsChangedBySql();
    }

    public void markSessionSettingsChanged() {
        session.settingsChangedBySql();
    }

    private void notifyListener() {
        ExecutionListener listener = context.listener();
        if (listener != null) {
            try {
                listener.connectionClosed(this);
            } catch (RuntimeException e) {
                // the analysis never fails the application
            }
        }
    }

    // --- statements -------------------------------------------------------------------------------

    private <S extends OptimizerStatement> S track(S statement) {
        if (openStatements == null) {
            openStatements = new ArrayList<>();
        }
        openStatements.add(statement);
        return statement;
    }

    void untrack(OptimizerStatement statement) {
        if (openStatements == null) {
            return;
        }
        // Statements are usually closed in reverse order of creation: search from the end.
        for (int i = openStatements.size() - 1; i >= 0; i--) {
            if (openStatements.get(i) == statement) {
                openStatements.remove(i);
                return;
            }
        }
    }

    /** Wraps a DatabaseMetaData result, which is then closed with this connection unless closed before. */
    OptimizerResultSet trackMetaDataResult(java.sql.ResultSet resultSet) {
        OptimizerResultSet wrapper = new OptimizerResultSet(resultSet, null, this);
        if (openMetaDataResults == null) {
            openMetaDataResults = new ArrayList<>();
        }
        openMetaDataResults.add(wrapper);
        return wrapper;
    }

    void untrackMetaDataResult(OptimizerResultSet resultSet) {
        if (openMetaDataResults == null) {
            return;
        }
        for (int i = openMetaDataResults.size() - 1; i >= 0; i--) {
            if (openMetaDataResults.get(i) == resultSet) {
                openMetaDataResults.remove(i);
                return;
            }
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        try {
            return track(new OptimizerStatement(delegate.createStatement(), this));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return track(new OptimizerStatement(delegate.createStatement(resultSetType, resultSetConcurrency), this));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        try {
            return track(new OptimizerStatement(
                    delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                physical -> physical.prepareStatement(sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, -1, -1, physical -> physical.prepareStatement(sql, autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepare(sql, -1, -1, physical -> physical.prepareStatement(sql, columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepare(sql, -1, -1, physical -> physical.prepareStatement(sql, columnNames));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepare(sql, resultSetType, resultSetConcurrency,
                physical -> physical.prepareStatement(sql, resultSetType, resultSetConcurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return prepare(sql, -1, -1,
                physical -> physical.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    /**
     * A prepared statement of this connection. The driver's statement of a query the cache may
     * answer is created only when needed ({@link PendingStatement}): on PostgreSQL, for a read-only
     * forward-only or scroll-insensitive statement, outside a session whose settings SQL changed.
     *
     * @param resultSetType        the type asked for, or -1 when the variant called cannot wait
     * @param resultSetConcurrency the concurrency asked for, or -1 likewise
     */
    private PreparedStatement prepare(String sql, int resultSetType, int resultSetConcurrency,
                                      PendingStatement.Preparer preparer) throws SQLException {
        PreparedText text = session.preparedTexts().of(sql, context);
        if (text.cacheable() && resultSetConcurrency == ResultSet.CONCUR_READ_ONLY
                && (resultSetType == ResultSet.TYPE_FORWARD_ONLY || resultSetType == ResultSet.TYPE_SCROLL_INSENSITIVE)
                && context.database() == Database.POSTGRESQL && !session.hasSettingsChangedBySql()) {
            checkOpen(); // the driver is not asked, so this connection says it is closed
            PendingStatement pending = new PendingStatement(delegate, text, resultSetType, resultSetConcurrency,
                    preparer);
            return track(new OptimizerPreparedStatement(pending.standIn(), this, text, pending));
        }
        try {
            return track(new OptimizerPreparedStatement(preparer.prepare(delegate), this, text, null));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        try {
            return track(new OptimizerCallableStatement(delegate.prepareCall(sql), this, sql));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        try {
            return track(new OptimizerCallableStatement(
                    delegate.prepareCall(sql, resultSetType, resultSetConcurrency), this, sql));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        try {
            return track(new OptimizerCallableStatement(
                    delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), this, sql));
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        OptimizerDatabaseMetaData current = metaData;
        if (current == null) {
            try {
                current = new OptimizerDatabaseMetaData(delegate.getMetaData(), this);
            } catch (SQLException e) {
                throw checkException(e);
            }
            metaData = current;
        }
        return current;
    }

    // --- transactions and tracked state (see SessionState) ---------------------------------------

    @Override
    public void setAutoCommit(boolean value) throws SQLException {
        boolean commits = value && !session.autoCommit();
        try {
            delegate.setAutoCommit(value);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.autoCommitSet(value);
        if (commits) {
            transactionEnded(true); // switching auto-commit on commits
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.autoCommit();
    }

    @Override
    public void commit() throws SQLException {
        try {
            delegate.commit();
        } catch (SQLException e) {
            transactionEnded(true); // the commit may have happened before the error: invalidate anyway
            throw checkException(e);
        }
        session.transactionEnded();
        transactionEnded(true);
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate.rollback();
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.transactionEnded();
        transactionEnded(false);
    }

    /** Tells the result cache, before commit or rollback returns to the application. */
    private void transactionEnded(boolean committed) {
        QueryCache cache = context.cache();
        if (cache != null) {
            try {
                cache.transactionEnded(this, committed);
            } catch (RuntimeException e) {
                // the cache never fails the application
            }
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        try {
            delegate.rollback(savepoint); // the transaction stays open: still dirty
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        try {
            delegate.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.isolationSet(level);
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        try {
            return session.isolation(delegate);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public void setReadOnly(boolean value) throws SQLException {
        try {
            delegate.setReadOnly(value);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.readOnlySet(value);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return session.readOnly();
    }

    @Override
    public void setCatalog(String value) throws SQLException {
        try {
            delegate.setCatalog(value);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.catalogSet();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        try {
            return session.catalog(delegate);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public void setSchema(String value) throws SQLException {
        try {
            delegate.setSchema(value);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.schemaSet();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        try {
            return session.schema(delegate);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        try {
            delegate.setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw checkException(e);
        }
        session.networkTimeoutSet();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        try {
            return session.networkTimeout(delegate);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    // --- life cycle -------------------------------------------------------------------------------

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (closed) {
            return false;
        }
        try {
            return lease.physical().isValid(timeoutSeconds);
        } catch (SQLException e) {
            throw checkException(e);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes this handle: closes its open statements and metadata result sets, undoes the
     * borrower's changes and returns the physical connection to the pool (or closes it when
     * unpooled). Idempotent. A failure while
     * resetting evicts the physical connection instead of returning it, and is not thrown: the
     * application's work is done, and the next borrower gets a healthy connection.
     */
    @Override
    public void close() throws SQLException {
        if (!markClosed()) {
            return;
        }
        delegate = ClosedObjects.CONNECTION;
        closeStatements();
        notifyListener();
        try {
            if (lease.pooled() && !lease.evicted()) {
                session.reset(lease.physical());
            }
        } catch (SQLException | RuntimeException e) {
            lease.evict("reset on return failed: " + e);
        } finally {
            lease.release();
        }
    }

    /** Closes what this handle handed out: statements, metadata result sets, and the metadata itself. */
    private void closeStatements() {
        if (metaData != null) {
            metaData.delegate = ClosedObjects.DATABASE_META_DATA;
        }
        if (openMetaDataResults != null && !openMetaDataResults.isEmpty()) {
            OptimizerResultSet[] results = openMetaDataResults.toArray(new OptimizerResultSet[0]);
            openMetaDataResults.clear();
            for (OptimizerResultSet result : results) {
                result.closeByConnection();
            }
        }
        if (openStatements == null || openStatements.isEmpty()) {
            return;
        }
        OptimizerStatement[] statements = openStatements.toArray(new OptimizerStatement[0]);
        openStatements.clear();
        for (OptimizerStatement statement : statements) {
            statement.closeByConnection();
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort requires an executor", "HY009");
        }
        if (!markClosed()) {
            return;
        }
        delegate = ClosedObjects.CONNECTION;
        lease.abort(executor);
        lease.release();
    }

    /**
     * Sees every exception from the physical connection and its statements. A fatal one (the
     * connection is gone) evicts the physical connection and closes this handle; the exception is
     * returned unchanged for the caller to throw.
     */
    @Override
    SQLException checkException(SQLException e) {
        if (!closed && FatalErrors.isFatal(e) && markClosed()) {
            lease.evict("fatal error, SQLState " + e.getSQLState() + ": " + e.getMessage());
            delegate = ClosedObjects.CONNECTION;
            closeStatements();
            notifyListener();
            lease.release();
        }
        return e;
    }

    /**
     * True for the one caller that closes this handle, which then alone releases the lease: a
     * check-then-set would let close and a concurrent abort both return the physical connection.
     */
    private boolean markClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Connection is closed", ClosedObjects.CONNECTION_CLOSED_STATE);
        }
    }

    // --- wrapper ----------------------------------------------------------------------------------

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return unwrapReal(lease.physical(), iface);
    }

    /**
     * Unwraps the real driver's object: the object itself when it implements {@code iface}, else
     * what it wraps. A driver that answers an interface it does not wrap with a ClassCastException
     * (sqlite-jdbc casts) or a wrong object still gives the caller the SQLException JDBC promises.
     */
    static <T> T unwrapReal(java.sql.Wrapper real, Class<T> iface) throws SQLException {
        if (iface.isInstance(real)) {
            return iface.cast(real);
        }
        Object unwrapped;
        try {
            unwrapped = real.unwrap(iface);
        } catch (ClassCastException e) {
            unwrapped = null;
        }
        if (!iface.isInstance(unwrapped)) {
            throw new SQLException(real.getClass().getName() + " (wrapped by jdbc-optimizer) is not a wrapper for "
                    + iface.getName());
        }
        return iface.cast(unwrapped);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return iface.isInstance(this) || iface.isInstance(lease.physical()) || lease.physical().isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "OptimizerConnection[" + lease.poolName() + (closed ? ", closed" : "") + "] wrapping " + lease.physical();
    }
}
