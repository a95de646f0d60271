package org.jdbcoptimizer.examples.demo;

/**
 * What one run of the workload measured.
 *
 * @param requests          requests sent, failed ones included
 * @param failed            requests that ended in an SQLException
 * @param firstFailure      the first failure's message, or null
 * @param connectionsOpened successful {@code ConnectionSource.open()} calls
 * @param elapsedNanos      wall time from the start signal until the last client finished
 * @param sortedLatencies   every request's latency (getConnection to close), ascending
 */
record WorkloadResult(long requests, long failed, String firstFailure, long connectionsOpened, long elapsedNanos,
                      long[] sortedLatencies) {

    double requestsPerSecond() {
        return requests * 1e9 / Math.max(1, elapsedNanos);
    }

    long meanNanos() {
        long sum = 0;
        for (long latency : sortedLatencies) {
            sum += latency;
        }
        return sortedLatencies.length == 0 ? 0 : sum / sortedLatencies.length;
    }

    /** The nearest-rank percentile, e.g. 99 for p99. */
    long percentileNanos(double percentile) {
        if (sortedLatencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedLatencies.length);
        return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, rank - 1))];
    }
}
