package org.jdbcoptimizer.analyze;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.sql.SqlInfo;

/**
 * The statement analysis of one pool: statistics per shape, the slow-query log with EXPLAIN
 * plans, N+1 detection, lints and metrics. The wrappers report to it through
 * {@link ExecutionListener}.
 *
 * <p>Hot path: {@link #executed} updates the shape's striped counters and the connection's N+1
 * tracker; only a slow, sampled, N+1 or first-linted execution builds an event (with a stack walk
 * for the call site), and the EXPLAIN and the file write happen on background threads.
 *
 * <p>Thread-safe; never throws into the application.
 */
public final class Analysis implements ExecutionListener {

    private final String poolName;
    private final SqlAnalyzer analyzer;
    private final StatementStatistics statistics;
    private final long slowNanos;
    private final double sampleRate;
    private final int nPlusOneThreshold;
    private final long nPlusOneGapNanos;
    private final Lints lints;
    private final SlowEvents events;
    private final SlowQueryLogFile log;
    private final ExplainWorker explainer;
    private final StatementMetrics metrics;
    /**
     * Events about features beside the analysis (the result cache's statistics), written to this
     * pool's log every minute and at each flush.
     */
    private final Map<String, java.util.function.Supplier<Map<String, Object>>> snapshots = new ConcurrentHashMap<>();
    /** Shapes whose lints were already logged, so each is logged once. */
    private final Set<Long> lintsLogged = ConcurrentHashMap.newKeySet();

    Analysis(AnalysisSettings settings, StatementStatistics statistics, Lints lints, SlowQueryLogFile log,
             ExplainWorker explainer, StatementMetrics metrics) {
        this.poolName = settings.poolName();
        this.analyzer = SqlAnalyzer.shared();
        this.statistics = statistics;
        this.slowNanos = settings.slowNanos();
        this.sampleRate = settings.sampleRate();
        this.nPlusOneThreshold = settings.nPlusOneThreshold();
        this.nPlusOneGapNanos = settings.nPlusOneGapNanos();
        this.lints = lints;
        this.events = new SlowEvents(settings.sqlMaxLength(), settings.logParameters());
        this.log = log;
        this.explainer = explainer;
        this.metrics = metrics;
    }

    @Override
    public ObservedStatement observe(String sql) {
        StatementStats stats = statistics.statsFor(analyzer.analyze(sql));
        stats.observedText(sql);
        return stats;
    }

    @Override
    public void executed(ObservedStatement statement, long nanos, long rows, int batchSize, SQLException error,
                         OptimizerConnection connection, Object[] parameters) {
        StatementStats stats = (StatementStats) statement;
        SqlInfo info = stats.info();
        stats.record(nanos, rows, error != null);
        stats.sampleParameters(parameters);
        if (batchSize > 0) {
            stats.recordBatch(batchSize);
        }
        boolean slow = nanos >= slowNanos;
        metrics.executed(info.kind(), nanos, error != null, slow);
        if (nPlusOneThreshold > 0) {
            NPlusOne run = tracker(connection).observe(info, parametersHash(info, parameters), System.nanoTime(), nanos);
            if (run != null) {
                logNPlusOne(run);
            }
        }
        Lint runtimeLint = rows > 0 ? lints.fromExecution(info, rows) : null;
        if (slow || (sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate)) {
            if (slow) {
                stats.recordSlow();
            }
            List<Lint> found = withRuntime(stats.staticLints(), runtimeLint);
            lintsLogged.add(info.fingerprintId());
            Map<String, Object> event = events.statement(info, nanos, rows, batchSize, error, poolName,
                    connection.autoCommitMode(), connection.inTransaction(), parameters, found, CallSite.find());
            if (explainer != null) {
                explainer.submit(info, parameters, event);
            } else {
                log.offer(event);
            }
        } else if ((runtimeLint != null || !stats.staticLints().isEmpty()) && lintsLogged.add(info.fingerprintId())) {
            log.offer(events.lints(info, nanos, withRuntime(stats.staticLints(), runtimeLint), poolName,
                    CallSite.find()));
        }
    }

    @Override
    public void connectionClosed(OptimizerConnection connection) {
        if (connection.attachment() instanceof NPlusOneTracker) {
            NPlusOne run = ((NPlusOneTracker) connection.attachment()).finish();
            if (run != null) {
                logNPlusOne(run);
            }
        }
    }

    private NPlusOneTracker tracker(OptimizerConnection connection) {
        Object attached = connection.attachment();
        if (attached instanceof NPlusOneTracker) {
            return (NPlusOneTracker) attached;
        }
        NPlusOneTracker tracker = new NPlusOneTracker(nPlusOneThreshold, nPlusOneGapNanos);
        connection.attach(tracker);
        return tracker;
    }

    private void logNPlusOne(NPlusOne run) {
        SqlInfo info = analyzer.analyze(run.sql());
        log.offer(events.nPlusOne(info, run, poolName));
    }

    /** What tells two executions of one shape apart: the parameters, or the literal text. */
    private static int parametersHash(SqlInfo info, Object[] parameters) {
        if (parameters != null && parameters.length > 0) {
            return java.util.Arrays.hashCode(parameters);
        }
        return info.text().hashCode();
    }

    private static List<Lint> withRuntime(List<Lint> staticLints, Lint runtime) {
        if (runtime == null) {
            return staticLints;
        }
        List<Lint> all = new ArrayList<>(staticLints);
        all.add(runtime);
        return all;
    }

    /** Every shape seen through this pool, slowest in total first. */
    public List<ShapeStats> statistics() {
        return statistics.snapshot();
    }

    /**
     * Every shape seen through this pool with its parsed statement and sampled parameters, slowest
     * in total first: what the index advisor works on.
     */
    public List<ObservedShape> observedShapes() {
        return statistics.observed();
    }

    public String poolName() {
        return poolName;
    }

    /**
     * Sets an event to write to this pool's log every minute and at each flush; a later one with the
     * same key replaces it (an endpoint resolved again must not write the same snapshot twice).
     */
    public void addSnapshot(String key, java.util.function.Supplier<Map<String, Object>> snapshot) {
        snapshots.put(key, snapshot);
    }

    boolean hasSnapshots() {
        return !snapshots.isEmpty();
    }

    /** Writes the snapshot events now; a failing supplier is skipped (never the application's problem). */
    void writeSnapshots() {
        for (java.util.function.Supplier<Map<String, Object>> snapshot : snapshots.values()) {
            try {
                Map<String, Object> event = snapshot.get();
                if (event != null) {
                    log.offer(event);
                }
            } catch (RuntimeException e) {
                // a statistics snapshot is not worth an error
            }
        }
    }

    /** Waits for queued EXPLAINs and log writes (tests, demo, shutdown). */
    public void flush() {
        writeSnapshots();
        try {
            if (explainer != null) {
                explainer.awaitIdle(java.time.Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.flush();
    }

    void close() {
        if (explainer != null) {
            explainer.close();
        }
    }
}
