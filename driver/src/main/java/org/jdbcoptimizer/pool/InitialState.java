package org.jdbcoptimizer.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The state a physical connection had when the pool created it; a borrower's changes are undone
 * back to this on return. Read once at creation (the only time it costs round trips).
 */
public final class InitialState {

    /** Sentinel for "the driver would not tell us": such a property is then never reset. */
    public static final int UNKNOWN_ISOLATION = -1;

    private final boolean autoCommit;
    private final int transactionIsolation;
    private final boolean readOnly;
    private final String catalog;
    private final String schema;
    private final int networkTimeout;

    private InitialState(boolean autoCommit, int transactionIsolation, boolean readOnly, String catalog,
                         String schema, int networkTimeout) {
        this.autoCommit = autoCommit;
        this.transactionIsolation = transactionIsolation;
        this.readOnly = readOnly;
        this.catalog = catalog;
        this.schema = schema;
        this.networkTimeout = networkTimeout;
    }

    /**
     * Reads the state of a new connection. Properties a driver does not support (SQLite's schema,
     * some drivers' network timeout) are recorded as unknown rather than failing the connection.
     */
    public static InitialState capture(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation;
        try {
            isolation = connection.getTransactionIsolation();
        } catch (SQLException e) {
            isolation = UNKNOWN_ISOLATION;
        }
        boolean readOnly = connection.isReadOnly();
        String catalog = optional(() -> connection.getCatalog());
        String schema = optional(() -> connection.getSchema());
        int networkTimeout;
        try {
            networkTimeout = connection.getNetworkTimeout();
        } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
            networkTimeout = -1;
        }
        return new InitialState(autoCommit, isolation, readOnly, catalog, schema, networkTimeout);
    }

    private interface StringGetter {
        String get() throws SQLException;
    }

    private static String optional(StringGetter getter) {
        try {
            return getter.get();
        } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
            return null;
        }
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    public int transactionIsolation() {
        return transactionIsolation;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public String catalog() {
        return catalog;
    }

    public String schema() {
        return schema;
    }

    /** The network timeout in ms, -1 when the driver does not support it. */
    public int networkTimeout() {
        return networkTimeout;
    }
}
