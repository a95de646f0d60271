package org.jdbcoptimizer.analyze;

import java.util.List;

import org.jdbcoptimizer.sql.SqlStatementKind;

/**
 * A snapshot of one statement shape's statistics, as the API, the metrics and the demo show them.
 * Percentiles are bucketed (within about 19% of the true value); means, minimum, maximum and
 * totals are exact.
 *
 * @param poolName         the pool (or "unpooled") whose connections ran the statements
 * @param fingerprint      the normalized statement text
 * @param fingerprintId    its 64-bit id in hex
 * @param kind             query, insert, update, ...
 * @param calls            executions, failed ones included
 * @param errors           executions that threw
 * @param totalNanos       time spent, executing plus reading rows
 * @param meanNanos        totalNanos / calls
 * @param minNanos         fastest execution
 * @param maxNanos         slowest execution
 * @param p50Nanos         median
 * @param p95Nanos         95th percentile
 * @param p99Nanos         99th percentile
 * @param rows             rows returned (read by the application) or affected
 * @param batches          executeBatch calls
 * @param batchedStatements statements sent in those batches
 * @param slowCalls        executions over the slow threshold
 * @param lints            anti-patterns in the statement text
 */
public record ShapeStats(String poolName, String fingerprint, String fingerprintId, SqlStatementKind kind, long calls,
                         long errors, long totalNanos, long meanNanos, long minNanos, long maxNanos, long p50Nanos,
                         long p95Nanos, long p99Nanos, long rows, long batches, long batchedStatements, long slowCalls,
                         List<Lint> lints) {
}
