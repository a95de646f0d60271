package org.jdbcoptimizer.analyze;

/**
 * One N+1 occurrence: the same query shape run many times in a row on one connection with
 * different parameters, typically a lazy-loaded association read in a loop.
 *
 * @param fingerprint the repeated shape
 * @param fingerprintId its id in hex
 * @param sql         the text of the first execution
 * @param count       executions in the run
 * @param totalNanos  time they took together
 * @param callSite    the application frame that ran them
 */
public record NPlusOne(String fingerprint, String fingerprintId, String sql, int count, long totalNanos,
                       String callSite) {

    /** The fix, for the log and the report. */
    public String fix() {
        return "load the rows in one statement: a JOIN, or WHERE ... IN (...) / = ANY(?) with all the keys,"
                + " or the ORM's fetch join / batch fetching";
    }
}
