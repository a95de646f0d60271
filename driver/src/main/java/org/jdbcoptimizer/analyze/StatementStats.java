package org.jdbcoptimizer.analyze;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.util.LatencyHistogram;

/**
 * The running statistics of one statement shape (fingerprint).
 *
 * <p>Concurrency: every counter is a striped adder, so many threads executing the same shape
 * record without contending on one cache line and without a lock. A snapshot reads the counters
 * one by one: under load its numbers may be a few executions apart, never torn.
 */
public final class StatementStats implements ExecutionListener.ObservedStatement {

    private final SqlInfo info;
    private final List<Lint> staticLints;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedStatements = new LongAdder();
    private final LongAdder slow = new LongAdder();

    StatementStats(SqlInfo info, List<Lint> staticLints) {
        this.info = info;
        this.staticLints = staticLints;
    }

    /** Records one execution: its time (execute plus reading the rows), rows, and whether it failed. */
    void record(long nanos, long rowCount, boolean failed) {
        latency.record(nanos);
        if (rowCount > 0) {
            rows.add(rowCount);
        }
        if (failed) {
            errors.increment();
        }
    }

    void recordBatch(int size) {
        batches.increment();
        batchedStatements.add(size);
    }

    void recordSlow() {
        slow.increment();
    }

    public SqlInfo info() {
        return info;
    }

    /** Lints drawn from the statement text alone, computed once for the shape. */
    public List<Lint> staticLints() {
        return staticLints;
    }

    /** A consistent-enough copy of the counters. */
    public ShapeStats snapshot(String poolName) {
        return new ShapeStats(poolName, info.fingerprint(), info.fingerprintHex(), info.kind(), latency.count(),
                errors.sum(), latency.totalNanos(), latency.meanNanos(), latency.minNanos(), latency.maxNanos(),
                latency.percentileNanos(50), latency.percentileNanos(95), latency.percentileNanos(99), rows.sum(),
                batches.sum(), batchedStatements.sum(), slow.sum(), staticLints);
    }

    long totalNanos() {
        return latency.totalNanos();
    }
}
