package org.jdbcoptimizer.analyze;

import java.util.Arrays;
import java.util.Collections;
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
 *
 * <p>The index advisor needs values the shape really ran with, to EXPLAIN it as the application
 * did: one copy of the bound parameters is kept, taken at the first execution with parameters and
 * refreshed every {@value #SAMPLE_EVERY} executions after that. The tick counter is a plain int
 * on purpose: lost increments under contention only shift when the next copy is taken, and the
 * common path costs one read, one increment and one mask. The copy is published through a
 * volatile field, so a reader sees a complete list.
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

    /** Executions between two parameter samples (a power of two: the check is a mask). */
    static final int SAMPLE_EVERY = 1024;
    private volatile List<Object> sampledParameters;
    private int sampleTick;
    /** Set once a text of this shape differs from the first one (its literals vary). */
    private volatile boolean textVaries;
    /** Set when the bounded statistics dropped this shape: its holders look it up again. */
    private volatile boolean retired;

    StatementStats(SqlInfo info, List<Lint> staticLints) {
        this.info = info;
        this.staticLints = staticLints;
    }

    @Override
    public boolean retired() {
        return retired;
    }

    void retire() {
        retired = true;
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

    /**
     * Keeps a copy of the bound parameters when none is kept yet or the sampling tick is due;
     * otherwise does nothing. {@code parameters} is the statement's live array: it is copied, never
     * kept. Parameters that could not be recorded (streams, readers) make the sample unusable, so
     * such an execution is skipped.
     */
    void sampleParameters(Object[] parameters) {
        if (parameters == null || parameters.length == 0
                || (sampledParameters != null && (++sampleTick & (SAMPLE_EVERY - 1)) != 0)) {
            return;
        }
        Object[] copy = Arrays.copyOf(parameters, parameters.length);
        for (Object parameter : copy) {
            if (parameter == ExecutionListener.UNBINDABLE) {
                return;
            }
        }
        sampledParameters = Collections.unmodifiableList(Arrays.asList(copy));
    }

    /**
     * The parameters of one recent execution (values may be null), or an empty list when the shape
     * never ran with recordable parameters.
     */
    public List<Object> sampledParameters() {
        List<Object> sample = sampledParameters;
        return sample == null ? List.of() : sample;
    }

    /** Notes that a text other than {@link #info()}'s was run as this shape (cheap: compares hashes). */
    void observedText(String sql) {
        if (!textVaries && sql != null && !sql.equals(info.text())) {
            textVaries = true;
        }
    }

    /**
     * Whether every execution so far ran the exact text of {@link #info()}: a constant in it (say
     * {@code status = 'pending'}) was then always the same value.
     */
    public boolean sameTextAlways() {
        return !textVaries;
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
