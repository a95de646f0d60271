package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jdbcoptimizer.pool.InitialState;

/**
 * The session properties a borrower may change through the JDBC API, mirrored so that getters
 * answer without a round trip, with dirty flags so that {@link #reset} restores only what changed:
 * a clean return sends nothing to the database.
 *
 * <p>Catalog, schema and network timeout are asked of the driver after a set, because a driver
 * may ignore the value (SQLite has no schemas); the answer is then cached.
 *
 * <p>Not thread-safe: owned by the connection handle that holds the lease.
 */
final class SessionState {

    private static final int DIRTY_AUTO_COMMIT = 1;
    private static final int DIRTY_ISOLATION = 1 << 1;
    private static final int DIRTY_READ_ONLY = 1 << 2;
    private static final int DIRTY_CATALOG = 1 << 3;
    private static final int DIRTY_SCHEMA = 1 << 4;
    private static final int DIRTY_NETWORK_TIMEOUT = 1 << 5;
    private static final Executor DIRECT = Runnable::run;
    /** Mirror value of catalog and schema after a set: ask the driver (compared by identity). */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String UNKNOWN = new String("<unknown>");
    /** Mirror value of the network timeout after a set: ask the driver (-1 means unsupported). */
    private static final int UNKNOWN_TIMEOUT = Integer.MIN_VALUE;

    private final InitialState initial;
    /** What this physical connection has prepared: kept across borrows, like the rest of this mirror. */
    private final PreparedTexts preparedTexts = new PreparedTexts();
    private boolean autoCommit;
    private int isolation;
    private boolean readOnly;
    private String catalog;
    private String schema;
    private int networkTimeout;
    private int dirtyBits;
    /** A statement ran since the last commit or rollback while auto-commit was off. */
    private boolean transactionDirty;
    /**
     * Session settings were changed with SQL ({@code SET ...}): not undone on return, so sticky for
     * the physical connection's life; its results are then never cached.
     */
    private boolean settingsChangedBySql;

    SessionState(InitialState initial) {
        this.initial = initial;
        restart();
    }

    /**
     * The mirror of a lease's physical connection, reused across borrows (one per physical
     * connection, not per borrow), restarted for this borrower: after a reset on return the
     * connection is in its initial state again.
     */
    static SessionState of(org.jdbcoptimizer.pool.Lease lease) {
        Object attached = lease.attachment();
        if (attached instanceof SessionState) {
            SessionState state = (SessionState) attached;
            state.restart();
            return state;
        }
        SessionState state = new SessionState(lease.initialState());
        lease.attach(state);
        return state;
    }

    PreparedTexts preparedTexts() {
        return preparedTexts;
    }

    private void restart() {
        autoCommit = initial.autoCommit();
        isolation = initial.transactionIsolation();
        readOnly = initial.readOnly();
        catalog = initial.catalog();
        schema = initial.schema();
        networkTimeout = initial.networkTimeout();
        dirtyBits = 0;
        transactionDirty = false;
    }

    /** A statement is about to run: with auto-commit off, the transaction now has work to roll back. */
    void executed() {
        if (!autoCommit) {
            transactionDirty = true;
        }
    }

    /** True inside a transaction that has run something (what a rollback would undo). */
    boolean inTransaction() {
        return transactionDirty && !autoCommit;
    }

    void transactionEnded() {
        transactionDirty = false;
    }

    void autoCommitSet(boolean value) {
        if (value && !autoCommit) {
            transactionDirty = false; // switching auto-commit on commits the open transaction
        }
        autoCommit = value;
        dirtyBits |= DIRTY_AUTO_COMMIT;
    }

    boolean autoCommit() {
        return autoCommit;
    }

    void settingsChangedBySql() {
        settingsChangedBySql = true;
    }

    boolean hasSettingsChangedBySql() {
        return settingsChangedBySql;
    }

    /** The isolation level as set through JDBC (or initially), without a round trip; -1 if unknown. */
    int isolationMirror() {
        return isolation;
    }

    void isolationSet(int level) {
        isolation = level;
        dirtyBits |= DIRTY_ISOLATION;
    }

    int isolation(Connection physical) throws SQLException {
        return isolation == InitialState.UNKNOWN_ISOLATION ? physical.getTransactionIsolation() : isolation;
    }

    void readOnlySet(boolean value) {
        readOnly = value;
        dirtyBits |= DIRTY_READ_ONLY;
    }

    boolean readOnly() {
        return readOnly;
    }

    void catalogSet() {
        catalog = UNKNOWN;
        dirtyBits |= DIRTY_CATALOG;
    }

    String catalog(Connection physical) throws SQLException {
        if (catalog == UNKNOWN) {
            catalog = physical.getCatalog();
        }
        return catalog;
    }

    void schemaSet() {
        schema = UNKNOWN;
        dirtyBits |= DIRTY_SCHEMA;
    }

    String schema(Connection physical) throws SQLException {
        if (schema == UNKNOWN) {
            schema = physical.getSchema();
        }
        return schema;
    }

    void networkTimeoutSet() {
        networkTimeout = UNKNOWN_TIMEOUT;
        dirtyBits |= DIRTY_NETWORK_TIMEOUT;
    }

    int networkTimeout(Connection physical) throws SQLException {
        if (networkTimeout < 0) {
            int answer = physical.getNetworkTimeout();
            if (networkTimeout == UNKNOWN_TIMEOUT) {
                networkTimeout = answer;
            }
            return answer;
        }
        return networkTimeout;
    }

    /**
     * Undoes the borrower's changes on the physical connection: uncommitted work is rolled back
     * first (restoring auto-commit would commit it), then each changed property is restored.
     */
    void reset(Connection physical) throws SQLException {
        if (transactionDirty && !autoCommit) {
            physical.rollback();
        }
        if (dirtyBits != 0) {
            if ((dirtyBits & DIRTY_AUTO_COMMIT) != 0 && autoCommit != initial.autoCommit()) {
                physical.setAutoCommit(initial.autoCommit());
            }
            if ((dirtyBits & DIRTY_ISOLATION) != 0 && isolation != initial.transactionIsolation()
                    && initial.transactionIsolation() != InitialState.UNKNOWN_ISOLATION) {
                physical.setTransactionIsolation(initial.transactionIsolation());
            }
            if ((dirtyBits & DIRTY_READ_ONLY) != 0 && readOnly != initial.readOnly()) {
                physical.setReadOnly(initial.readOnly());
            }
            if ((dirtyBits & DIRTY_CATALOG) != 0 && initial.catalog() != null
                    && (catalog == UNKNOWN || !Objects.equals(catalog, initial.catalog()))) {
                physical.setCatalog(initial.catalog());
            }
            if ((dirtyBits & DIRTY_SCHEMA) != 0 && initial.schema() != null
                    && (schema == UNKNOWN || !Objects.equals(schema, initial.schema()))) {
                physical.setSchema(initial.schema());
            }
            if ((dirtyBits & DIRTY_NETWORK_TIMEOUT) != 0 && networkTimeout != initial.networkTimeout()
                    && initial.networkTimeout() >= 0) {
                physical.setNetworkTimeout(DIRECT, initial.networkTimeout());
            }
        }
        physical.clearWarnings(); // local in pgjdbc and sqlite-jdbc: no round trip
    }
}
