package org.jdbcoptimizer.pool;

import java.sql.SQLException;

/**
 * Which database errors mean the physical connection is unusable. Such a connection is evicted,
 * never handed out again; the error itself still reaches the application unchanged.
 */
public final class FatalErrors {

    private FatalErrors() {
    }

    /**
     * True when any exception in the {@code getNextException} chain carries a fatal SQLState:
     * class 08 (connection exception) or PostgreSQL's 57P01 admin_shutdown, 57P02 crash_shutdown,
     * 57P03 cannot_connect_now.
     */
    public static boolean isFatal(SQLException exception) {
        int guard = 0;
        for (SQLException e = exception; e != null && guard < 100; e = e.getNextException(), guard++) {
            if (isFatalState(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isFatalState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }

    /** True for failures worth retrying when creating a connection (the server is down or starting). */
    static boolean isTransientConnectFailure(SQLException exception) {
        for (SQLException e = exception; e != null; e = e.getNextException()) {
            if (e instanceof java.sql.SQLTransientException || isFatalState(e.getSQLState())) {
                return true;
            }
            if (e.getSQLState() == null && e.getCause() instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
