package org.jdbcoptimizer.analyze;

import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;

/**
 * Watches the queries of one connection for N+1 runs: the same shape executed at least
 * {@code threshold} times in a row, with varying parameters, each within {@code gapNanos} of the
 * previous one. A run ends when another statement runs, the gap is exceeded, or the connection
 * is closed; it is reported then, once, with its final count and total time.
 *
 * <p>Not thread-safe: one per connection handle, used by the thread that holds the connection.
 * The cost per query is a few field comparisons; the call site is captured once per run.
 */
public final class NPlusOneTracker {

    private final int threshold;
    private final long gapNanos;

    private SqlInfo current;
    private int count;
    private long totalNanos;
    private long lastEndNanos;
    private int firstParameters;
    private boolean varied;
    private String callSite;

    public NPlusOneTracker(int threshold, long gapNanos) {
        this.threshold = threshold;
        this.gapNanos = gapNanos;
    }

    /**
     * Observes one finished execution.
     *
     * @param info       the statement
     * @param parameters a hash of its parameter values (or of its text, for literal SQL)
     * @param endNanos   when it finished (System.nanoTime)
     * @param nanos      how long it took
     * @return the run that this execution ended, when it was an N+1; else null
     */
    public NPlusOne observe(SqlInfo info, int parameters, long endNanos, long nanos) {
        if (info.kind() != SqlStatementKind.QUERY) {
            return finish();
        }
        NPlusOne ended = null;
        if (current == null || current.fingerprintId() != info.fingerprintId()
                || endNanos - nanos - lastEndNanos > gapNanos) {
            ended = finish();
            current = info;
            count = 0;
            totalNanos = 0;
            firstParameters = parameters;
            varied = false;
            callSite = null;
        }
        count++;
        totalNanos += nanos;
        lastEndNanos = endNanos;
        varied |= parameters != firstParameters;
        if (count == threshold && callSite == null) {
            callSite = CallSite.find();
        }
        return ended;
    }

    /** Ends the current run (the connection is closing); returns it when it was an N+1. */
    public NPlusOne finish() {
        SqlInfo run = current;
        current = null;
        if (run == null || count < threshold || !varied) {
            return null;
        }
        return new NPlusOne(run.fingerprint(), run.fingerprintHex(), run.text(), count, totalNanos,
                callSite == null ? "unknown" : callSite);
    }
}
