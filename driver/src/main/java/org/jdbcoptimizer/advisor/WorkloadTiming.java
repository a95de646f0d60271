package org.jdbcoptimizer.advisor;

/**
 * What one replay measured for one shape.
 *
 * @param shape       the shape's name
 * @param expectation what an advisor should make of it
 * @param executions  how many times it ran
 * @param totalNanos  time spent running it: from prepare to close, with every row read
 * @param rows        rows read (queries) or changed (writes), summed over its executions
 */
public record WorkloadTiming(String shape, WorkloadExpectation expectation, int executions, long totalNanos,
        long rows) {

    /** Mean time of one execution in nanoseconds. */
    public double meanNanos() {
        return executions == 0 ? 0 : (double) totalNanos / executions;
    }
}
