package org.jdbcoptimizer.pool;

/**
 * A snapshot of a pool's counters. Counts of connections are read without a lock, so under load
 * {@code active + idle} may briefly differ from {@code total} by the connections being handed over.
 *
 * @param poolName           the pool's name
 * @param total              physical connections open (idle, in use, or being checked)
 * @param active             connections held by borrowers
 * @param idle               connections ready to hand out
 * @param waiting            threads waiting for a connection
 * @param created            physical connections opened since start
 * @param destroyed          physical connections closed since start
 * @param timeouts           getConnection calls that gave up after connectionTimeout
 * @param borrows            successful getConnection calls
 * @param acquireMeanNanos   mean time getConnection took
 * @param acquireMaxNanos    longest getConnection
 */
public record PoolStats(String poolName, int total, int active, int idle, int waiting, long created, long destroyed,
                        long timeouts, long borrows, long acquireMeanNanos, long acquireMaxNanos) {
}
