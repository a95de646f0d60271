package org.jdbcoptimizer.dialect;

/**
 * How to EXPLAIN one statement. Immutable.
 *
 * <p>{@code analyze} asks for measured rows, loops and buffers (PostgreSQL {@code EXPLAIN (ANALYZE,
 * BUFFERS)}), which <em>runs</em> the statement. It is honoured only when the caller also declares
 * the statement a plain read ({@code declaredPlainRead}) and the dialect's own look at the text
 * agrees; otherwise the plan carries estimates only. SQLite has no EXPLAIN ANALYZE and ignores it.
 *
 * @param analyze run the statement to measure it, if it is safe to
 * @param declaredPlainRead the caller's word that the statement only reads (a SELECT without
 *     locking clauses or side effects)
 * @param timeoutSeconds the EXPLAIN's query timeout in seconds; 0 means none. Worth setting with
 *     analyze, which takes as long as the statement itself
 */
public record ExplainOptions(boolean analyze, boolean declaredPlainRead, int timeoutSeconds) {

    /** Estimates only: nothing is executed. */
    public static final ExplainOptions ESTIMATES = new ExplainOptions(false, false, 0);

    /** @throws IllegalArgumentException when timeoutSeconds is negative */
    public ExplainOptions {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("ExplainOptions.timeoutSeconds=" + timeoutSeconds
                    + " is negative; use 0 for no timeout or a number of seconds");
        }
    }

    /** ANALYZE, if the statement is a plain read in the caller's judgement and in the dialect's. */
    public static ExplainOptions analyzeIfPlainRead(boolean declaredPlainRead) {
        return new ExplainOptions(true, declaredPlainRead, 0);
    }

    public ExplainOptions withTimeoutSeconds(int seconds) {
        return new ExplainOptions(analyze, declaredPlainRead, seconds);
    }
}
