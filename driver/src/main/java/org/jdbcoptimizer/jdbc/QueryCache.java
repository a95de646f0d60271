package org.jdbcoptimizer.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the wrappers ask of the result cache (implemented by the {@code cache} package, which sits
 * below this one; null on the {@link ConnectionContext} when the cache is off): whether a query
 * can be answered from memory, and which writes, commits and session changes went through.
 *
 * <p>Contract: thread-safe; the cache's own failures never reach the application (it then runs
 * the statement uncached); errors of the statement itself propagate unchanged.
 */
public interface QueryCache {

    /**
     * False for an endpoint that caches nothing itself and only reports its writes (for other
     * pools' caches); the wrappers then take their uncached path for queries.
     */
    default boolean caches() {
        return true;
    }

    /**
     * What the cache decided about one text: decided once, then kept by the wrappers with the text
     * (see {@link PreparedText}), so that an execution does not look the text up again.
     */
    interface Plan {

        /** True when a query of this text may be answered from the cache. */
        boolean cacheable();

        /** As {@link QueryCache#mayWrite(String)} for this text. */
        boolean mayWrite();
    }

    /** The plan for a text; never throws (a text the cache cannot judge gets a plan that caches nothing). */
    Plan plan(String sql);

    /** Runs the statement against the database; supplied by the wrapper for a miss. */
    @FunctionalInterface
    interface Query {
        ResultSet run() throws SQLException;
    }

    /**
     * Answers a query: from the cache, or by running it (and caching its result when allowed).
     *
     * @param statement  the statement wrapper (for its connection, scroll type and timeout)
     * @param plan       {@link #plan} of the text
     * @param sql        the text
     * @param parameters the bound parameters, or null
     * @param query      runs the statement on a miss
     * @return the result set to hand to the application (not yet wrapped)
     */
    ResultSet query(OptimizerStatement statement, Plan plan, String sql, Object[] parameters, Query query)
            throws SQLException;

    /**
     * A statement other than a cached query ran (or failed: it may have written before failing):
     * invalidate what it may have written, at once for this connection and, inside a transaction,
     * again at commit for everyone.
     *
     * @param parameters the bound parameters of this single execution, or null when unknown (a
     *                   batch): with them an update by key can invalidate only results holding that key
     */
    void executed(OptimizerConnection connection, String sql, Object[] parameters);

    /**
     * True when a query may write (UPDATE ... RETURNING, a function call): such a query's writes
     * are invalidated again when its result set is closed, because SQLite commits an auto-commit
     * statement only when its rows have been read.
     */
    boolean mayWrite(String sql);

    /** The connection's transaction ended: committed (or auto-commit switched on) or rolled back. */
    void transactionEnded(OptimizerConnection connection, boolean committed);
}
