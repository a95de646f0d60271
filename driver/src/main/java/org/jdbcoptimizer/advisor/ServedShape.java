package org.jdbcoptimizer.advisor;

/**
 * A statement shape a suggested index serves.
 *
 * @param fingerprintId the shape's id (as the slow-query log and statementStats() show it)
 * @param fingerprint   the normalized statement text
 * @param calls         executions observed
 * @param totalNanos    their total time
 * @param costBefore    the planner's cost of the statement today (NaN when unknown)
 * @param costAfter     its cost with the index (NaN when unproven or unknown)
 */
public record ServedShape(String fingerprintId, String fingerprint, long calls, long totalNanos, double costBefore,
                          double costAfter) {
}
