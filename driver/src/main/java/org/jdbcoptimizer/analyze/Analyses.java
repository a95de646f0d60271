package org.jdbcoptimizer.analyze;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.SqliteUrls;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;

/**
 * Every analysis in the process: one per pool and configuration, shared by the endpoints that
 * use that pool, and one log writer per log file, shared by every analysis that writes to it. A
 * shutdown hook writes out what is still queued when the JVM exits.
 *
 * <p>Thread-safe.
 */
public final class Analyses {

    private static final Map<String, Analysis> BY_POOL = new ConcurrentHashMap<>();
    private static final Map<Path, SlowQueryLogFile> LOGS = new ConcurrentHashMap<>();

    static {
        Thread hook = new Thread(Analyses::closeAll, "jdbc-optimizer-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // the JVM is already shutting down, or hooks are not allowed: nothing to flush later
        }
    }

    private Analyses() {
    }

    /**
     * The analysis for a pool, created on first use; null when {@code optimizer.analysis=false}.
     *
     * @param metrics creates the metrics publisher for a pool (Micrometer, or none)
     */
    public static Analysis forPool(OptimizerConfig config, Database database, ConnectionPool pool, String poolName,
                                   String targetUrl, ConnectionFactory connections,
                                   Function<ConnectionPool, StatementMetrics> metrics) {
        if (!config.get(Options.ANALYSIS)) {
            return null;
        }
        return BY_POOL.computeIfAbsent(poolName + '\u0000' + config, key -> {
            SlowQueryLogFile log = logFile(config);
            ExplainWorker explainer = null;
            boolean separateConnectionSeesTheData = !(database == Database.SQLITE && SqliteUrls.isInMemory(targetUrl));
            if (config.get(Options.EXPLAIN) && separateConnectionSeesTheData) {
                explainer = ExplainDialect.forDatabase(database)
                        .map(dialect -> new ExplainWorker(dialect, log, poolName, connections,
                                config.get(Options.EXPLAIN_ANALYZE), config.get(Options.EXPLAIN_INTERVAL),
                                config.get(Options.EXPLAIN_TIMEOUT)))
                        .orElse(null);
            }
            Lints lints = new Lints(config.get(Options.LINT_LARGE_OFFSET), config.get(Options.LINT_UNBOUNDED_ROWS));
            StatementStatistics statistics = new StatementStatistics(poolName, config.get(Options.ANALYSIS_MAX_SHAPES),
                    lints);
            return new Analysis(AnalysisSettings.from(config, poolName), statistics, lints, log, explainer,
                    metrics.apply(pool));
        });
    }

    private static SlowQueryLogFile logFile(OptimizerConfig config) {
        Path path = Paths.get(config.get(Options.SLOW_LOG_FILE)).toAbsolutePath().normalize();
        return LOGS.computeIfAbsent(path, p -> new SlowQueryLogFile(p, config.get(Options.SLOW_LOG_MAX_FILE_SIZE),
                config.get(Options.SLOW_LOG_MAX_FILES)));
    }

    /** Every analysis, for the statistics API. */
    public static List<Analysis> all() {
        return new ArrayList<>(BY_POOL.values());
    }

    /**
     * Sets a snapshot event under {@code key} (see {@link Analysis#addSnapshot}) on the analysis of every pool named
     * {@code poolName}, and starts the once-a-minute writer if it is not running.
     */
    public static void addSnapshot(String poolName, String key,
                                   java.util.function.Supplier<Map<String, Object>> snapshot) {
        String prefix = poolName + '\u0000';
        BY_POOL.forEach((pool, analysis) -> {
            if (pool.startsWith(prefix)) {
                analysis.addSnapshot(key, snapshot);
                SnapshotWriter.start();
            }
        });
    }

    /** One daemon thread per process that writes every pool's snapshot events once a minute. */
    private static final class SnapshotWriter {
        private static final java.util.concurrent.ScheduledExecutorService EXECUTOR = create();

        static void start() {
            // loading the class schedules the task; nothing else to do
        }

        private static java.util.concurrent.ScheduledExecutorService create() {
            java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                    r -> {
                        Thread t = new Thread(r, "jdbc-optimizer-snapshots");
                        t.setDaemon(true);
                        t.setContextClassLoader(Analyses.class.getClassLoader());
                        return t;
                    });
            executor.scheduleAtFixedRate(() -> {
                for (Analysis analysis : BY_POOL.values()) {
                    if (analysis.hasSnapshots()) {
                        analysis.writeSnapshots();
                    }
                }
            }, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
            return executor;
        }
    }

    /** Waits until every queued EXPLAIN and log line is written. */
    public static void flushAll() {
        for (Analysis analysis : BY_POOL.values()) {
            analysis.flush();
        }
    }

    /**
     * Flushes and stops the analysis of one pool, and forgets its statistics (its DataSource was
     * closed). The shared log file stays open for the other pools.
     */
    public static void closePool(String poolName) {
        String prefix = poolName + '\u0000';
        BY_POOL.entrySet().removeIf(entry -> {
            if (entry.getKey().startsWith(prefix)) {
                entry.getValue().flush();
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Writes out and closes every log, stops every EXPLAIN worker, and forgets them (shutdown, tests). */
    public static void closeAll() {
        for (Analysis analysis : BY_POOL.values()) {
            analysis.flush();
            analysis.close();
        }
        BY_POOL.clear();
        for (SlowQueryLogFile log : LOGS.values()) {
            log.close();
        }
        LOGS.clear();
    }
}
