package org.jdbcoptimizer.advisor;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.analyze.SlowQueryLogFile;
import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.SqliteUrls;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.util.Log;
import org.jdbcoptimizer.util.Json;

/**
 * Every database advisor of the process, one per database reached through {@code jdbc:optimizer:}
 * (DriverManager and DataSource pools alike), with the background runs and the advice logs.
 *
 * <p>Design: one daemon thread ("jdbc-optimizer-advisor") runs every database's advisor at its
 * interval, so the advisor costs the application one thread and one connection per database, and
 * nothing on its own threads. An on-demand run ({@link #adviseAll}) runs in the caller's thread and
 * waits for a background run of the same database to finish. Each run's advice is written as one
 * line to the advice log when the run had statements to look at. Failures of the advisor are
 * logged once and never reach the application.
 *
 * <p>Thread-safe.
 */
public final class Advisors {

    private static final Log LOG = Log.of(Advisors.class);
    private static final Map<String, DatabaseAdvisor> BY_DATABASE = new ConcurrentHashMap<>();
    private static final Map<DatabaseAdvisor, ScheduledFuture<?>> SCHEDULES = new ConcurrentHashMap<>();
    private static final Map<Path, SlowQueryLogFile> LOGS = new ConcurrentHashMap<>();
    private static volatile ScheduledExecutorService scheduler;

    private Advisors() {
    }

    /**
     * Joins a pool to its database's advisor, creating and scheduling the advisor on the first
     * pool of a database. Does nothing when the advisor or the analysis is off, or for a database
     * the advisor does not know.
     *
     * @param connections opens connections to the pool's database (the advisor's own connection)
     */
    public static void register(OptimizerConfig config, Database database, String targetUrl, String poolName,
                                ConnectionFactory connections) {
        if (!config.get(Options.ADVISOR) || !config.get(Options.ANALYSIS) || database == Database.OTHER) {
            return;
        }
        boolean inMemory = database == Database.SQLITE && SqliteUrls.isInMemory(targetUrl);
        String display = connections.describe();
        String key = database + "|" + display + (inMemory ? "|" + poolName : "");
        DatabaseAdvisor advisor = BY_DATABASE.computeIfAbsent(key, k -> {
            DatabaseAdvisor created = new DatabaseAdvisor(database, display, inMemory
                    ? "a private in-memory SQLite database cannot be seen from the advisor's own connection;"
                    + " use a file database to get index advice" : null, AdvisorSettings.from(config), connections);
            schedule(created);
            return created;
        });
        advisor.addPool(poolName);
    }

    private static void schedule(DatabaseAdvisor advisor) {
        long millis = advisor.settings().interval().toMillis();
        SCHEDULES.put(advisor, scheduler().scheduleWithFixedDelay(() -> runAndLog(advisor), millis, millis,
                TimeUnit.MILLISECONDS));
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            synchronized (Advisors.class) {
                if (scheduler == null) {
                    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                        Thread thread = new Thread(runnable, "jdbc-optimizer-advisor");
                        thread.setDaemon(true);
                        thread.setPriority(Thread.MIN_PRIORITY);
                        return thread;
                    });
                    executor.setRemoveOnCancelPolicy(true);
                    scheduler = executor;
                }
                s = scheduler;
            }
        }
        return s;
    }

    private static Advice runAndLog(DatabaseAdvisor advisor) {
        try {
            Advice advice = advisor.advise();
            if (advisor.lastRunHadShapes() || !advice.notChecked().isEmpty()) {
                log(advisor.settings()).offer(AdviceJson.toMap(advice));
            }
            return advice;
        } catch (RuntimeException | LinkageError e) {
            LOG.once("advisor-" + advisor.displayName(), Level.WARNING, advisor.displayName(),
                    "the index advisor failed; the application is not affected", e);
            return null;
        }
    }

    private static SlowQueryLogFile log(AdvisorSettings settings) {
        Path path = Paths.get(settings.file()).toAbsolutePath().normalize();
        return LOGS.computeIfAbsent(path, p -> new SlowQueryLogFile(p, settings.maxFileBytes(), settings.maxFiles()));
    }

    /** Runs every database's advisor now, in the caller's thread, and logs the advice. */
    public static List<Advice> adviseAll() {
        List<Advice> all = new ArrayList<>();
        for (DatabaseAdvisor advisor : BY_DATABASE.values()) {
            Advice advice = runAndLog(advisor);
            if (advice != null) {
                all.add(advice);
            }
        }
        return all;
    }

    /** The latest advice of every database (background or on demand); databases not yet advised are left out. */
    public static List<Advice> lastAdvice() {
        List<Advice> all = new ArrayList<>();
        for (DatabaseAdvisor advisor : BY_DATABASE.values()) {
            Advice advice = advisor.last();
            if (advice != null) {
                all.add(advice);
            }
        }
        return all;
    }

    /** Waits until every advice line is written. */
    public static void flush() {
        LOGS.values().forEach(SlowQueryLogFile::flush);
    }

    /** A pool was closed: its database's advisor stops when no pool of it remains. */
    public static void forgetPool(String poolName) {
        BY_DATABASE.entrySet().removeIf(entry -> {
            if (entry.getValue().removePool(poolName)) {
                stop(entry.getValue());
                return true;
            }
            return false;
        });
    }

    /** Stops every advisor and closes the advice logs (shutdown, tests). */
    public static void closeAll() {
        for (DatabaseAdvisor advisor : BY_DATABASE.values()) {
            stop(advisor);
        }
        BY_DATABASE.clear();
        LOGS.values().forEach(SlowQueryLogFile::close);
        LOGS.clear();
    }

    private static void stop(DatabaseAdvisor advisor) {
        ScheduledFuture<?> future = SCHEDULES.remove(advisor);
        if (future != null) {
            future.cancel(false);
        }
        advisor.close();
    }
}
