package org.jdbcoptimizer.jdbc;

import java.sql.SQLException;

/**
 * What the wrappers tell the statement analysis: which statements they prepare and run, how long
 * each took and what it returned. Implemented by the {@code analyze} package (which sits below
 * this one), set on the {@link ConnectionContext}; null when analysis is off, so the wrappers then
 * do no timing at all.
 *
 * <p>Contract: implementations are thread-safe, fast on the common path (a few counter updates),
 * and never throw: the optimizer's own failures must not fail the application's statement.
 */
public interface ExecutionListener {

    /**
     * Stands in the parameters for a value bound from a stream or reader, which cannot be read a
     * second time (to EXPLAIN or log it).
     */
    Object UNBINDABLE = new Object() {
        @Override
        public String toString() {
            return "<stream>";
        }
    };

    /**
     * The shape of a statement text. Called once per prepare, and per execution of literal SQL;
     * the result is passed back to {@link #executed}.
     */
    ObservedStatement observe(String sql);

    /**
     * One finished execution.
     *
     * @param statement  from {@link #observe}
     * @param nanos      time executing, plus time reading the rows when there were rows to read
     * @param rows       rows read by the application, or affected; -1 when unknown
     * @param batchSize  statements in the batch, 0 for a single execution
     * @param error      the database's error, or null
     * @param connection the connection handle that ran it
     * @param parameters the bound parameters (live array: copy what must be kept), or null
     */
    void executed(ObservedStatement statement, long nanos, long rows, int batchSize, SQLException error,
                  OptimizerConnection connection, Object[] parameters);

    /** A connection handle is closing: anything kept per connection can be finished. */
    void connectionClosed(OptimizerConnection connection);

    /** A statement shape as the listener knows it; opaque to the wrappers. */
    interface ObservedStatement {

        /**
         * True once the listener no longer reports this shape (its bounded statistics dropped it):
         * a wrapper that kept it should {@link #observe} the text again.
         */
        default boolean retired() {
            return false;
        }
    }
}
