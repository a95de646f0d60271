package org.jdbcoptimizer.analyze;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.ExplainOptions;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.dialect.PlanAnalyzer;
import org.jdbcoptimizer.dialect.PlanContext;
import org.jdbcoptimizer.dialect.PlanFinding;
import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.pool.Lease;
import org.jdbcoptimizer.pool.PoolSettings;
import org.jdbcoptimizer.sql.Predicate;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;
import org.jdbcoptimizer.sql.TableRef;
import org.jdbcoptimizer.util.Log;

/**
 * EXPLAINs logged statements on one background thread, over a connection of its own (a
 * one-connection pool to the same database), adds the plan and its findings to the event, then
 * writes the event. The application's thread only enqueues.
 *
 * <p>Design: a one-thread executor with a bounded queue; when the queue is full the event is
 * written without a plan rather than waiting. A shape is EXPLAINed at most once per interval
 * (a Caffeine cache of recently explained fingerprint ids with expire-after-write); events of a
 * shape explained recently are written without a plan at once. ANALYZE is requested only when
 * configured and the statement is a plain single read, and the dialect checks again. A failing
 * EXPLAIN (a dropped table, a permission) is logged once and the event is written with the
 * failure noted: it never reaches the application.
 *
 * <p>Thread-safe.
 */
final class ExplainWorker implements AutoCloseable {

    private static final Log LOG = Log.of(ExplainWorker.class);
    private static final int QUEUE_SIZE = 100;

    private final ExplainDialect dialect;
    private final SlowQueryLogFile log;
    private final String poolName;
    private final boolean analyze;
    private final int timeoutSeconds;
    private final ConnectionPool connections;
    private final Cache<Long, Boolean> recentlyExplained;
    private final PlanAnalyzer planAnalyzer = new PlanAnalyzer();
    private final ThreadPoolExecutor executor;
    /** EXPLAINs submitted and not yet written: what {@link #awaitIdle} waits for. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    ExplainWorker(ExplainDialect dialect, SlowQueryLogFile log, String poolName, ConnectionFactory factory,
                  boolean analyze, Duration interval, Duration timeout) {
        this.dialect = dialect;
        this.log = log;
        this.poolName = poolName;
        this.analyze = analyze;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.connections = new ConnectionPool(PoolSettings.background(poolName + "-explain", timeout), factory);
        // interval 0: every logged execution is explained, nothing to remember
        this.recentlyExplained = interval.isZero() ? null
                : Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(interval).build();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_SIZE),
                runnable -> {
                    Thread thread = new Thread(runnable, "jdbc-optimizer-explain-" + poolName);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** True for statements an EXPLAIN can describe without running them. */
    static boolean explainable(SqlInfo info, Object[] parameters) {
        SqlStatementKind kind = info.kind();
        if (info.statementCount() > 1 || !(kind == SqlStatementKind.QUERY || kind == SqlStatementKind.INSERT
                || kind == SqlStatementKind.UPDATE || kind == SqlStatementKind.DELETE
                || kind == SqlStatementKind.MERGE)) {
            return false;
        }
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter == ExecutionListener.UNBINDABLE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Explains the statement if it is due, then writes the event; never blocks the caller. */
    void submit(SqlInfo info, Object[] parameters, Map<String, Object> event) {
        if (!explainable(info, parameters) || (recentlyExplained != null
                && recentlyExplained.asMap().putIfAbsent(info.fingerprintId(), true) != null)) {
            log.offer(event);
            return;
        }
        Object[] bound = parameters == null ? new Object[0] : Arrays.copyOf(parameters, parameters.length);
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    explainAndLog(info, bound, event);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            if (recentlyExplained != null) {
                recentlyExplained.invalidate(info.fingerprintId());
            }
            log.offer(event); // queue full or closed: the event still counts, without its plan
        }
    }

    private void explainAndLog(SqlInfo info, Object[] parameters, Map<String, Object> event) {
        try {
            Lease lease = connections.borrow();
            try {
                ExplainOptions options = (analyze ? ExplainOptions.analyzeIfPlainRead(info.readOnly())
                        : ExplainOptions.ESTIMATES).withTimeoutSeconds(timeoutSeconds);
                Plan plan = dialect.explain(lease.physical(), info.text(), List.of(parameters), options);
                Set<String> tables = tableNames(info);
                Map<String, Double> rows = dialect.tableRowEstimates(lease.physical(), tables);
                List<PlanFinding> findings = planAnalyzer.analyze(plan,
                        new PlanContext(filteredRelations(info, plan), rows));
                SlowEvents.addPlan(event, plan.raw().trim().startsWith("[") ? "json" : "text",
                        plan.raw().trim().startsWith("[") ? org.jdbcoptimizer.util.Json.parse(plan.raw()) : plan.raw(),
                        findings);
            } finally {
                lease.release();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.once("explain-" + poolName + "-" + info.fingerprintId(), Level.INFO, poolName,
                    "EXPLAIN failed for " + info.fingerprintHex() + "; the event is logged without a plan: " + e, null);
            event.put("planError", String.valueOf(e.getMessage()));
        }
        log.offer(event);
    }

    private static Set<String> tableNames(SqlInfo info) {
        Set<String> names = new HashSet<>();
        for (TableRef table : info.tablesRead()) {
            names.add(table.name());
        }
        for (TableRef table : info.tablesWritten()) {
            names.add(table.name());
        }
        return names;
    }

    /**
     * The relations whose scan could have been a search: those with a predicate and, because a
     * plan names aliases (SQLite prints {@code SCAN o}) and joins filter too, every relation of
     * the plan when the statement filters or joins at all.
     */
    private static Set<String> filteredRelations(SqlInfo info, Plan plan) {
        Set<String> names = new HashSet<>();
        for (Predicate predicate : info.predicates()) {
            if (predicate.table() != null) {
                names.add(predicate.table().name());
            }
        }
        if (info.hasWhere() || !info.joins().isEmpty()) {
            names.addAll(plan.relations());
        }
        return names;
    }

    /** Waits until queued EXPLAINs are done (tests, shutdown). */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close();
    }
}
