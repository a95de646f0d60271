package org.jdbcoptimizer.advisor;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbcoptimizer.analyze.Analyses;
import org.jdbcoptimizer.analyze.Analysis;
import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.pool.Lease;
import org.jdbcoptimizer.pool.PoolSettings;

/**
 * The advisor of one database: the pools that reach it, its own one-connection pool (opened at the
 * first run, never one of the application's connections), and the latest advice.
 *
 * <p>Concurrency: runs are serialized ({@code synchronized}), so the background run and an
 * on-demand one never share the connection; the pool names are a concurrent set because pools
 * join from application threads; the latest advice is a volatile reference.
 */
final class DatabaseAdvisor {

    private final Database database;
    private final String displayName;
    private final String inMemoryReason;
    private final AdvisorSettings settings;
    private final ConnectionFactory factory;
    private final Set<String> poolNames = ConcurrentHashMap.newKeySet();
    private final long startedNanos = System.nanoTime();
    private ConnectionPool connections;
    private volatile Advice last;
    private volatile boolean lastRunHadShapes;

    /**
     * @param inMemoryReason why a separate connection cannot see this database (a private SQLite
     *                       in-memory database), or null
     */
    DatabaseAdvisor(Database database, String displayName, String inMemoryReason, AdvisorSettings settings,
                    ConnectionFactory factory) {
        this.database = database;
        this.displayName = displayName;
        this.inMemoryReason = inMemoryReason;
        this.settings = settings;
        this.factory = factory;
    }

    void addPool(String poolName) {
        poolNames.add(poolName);
    }

    boolean removePool(String poolName) {
        poolNames.remove(poolName);
        return poolNames.isEmpty();
    }

    AdvisorSettings settings() {
        return settings;
    }

    Advice last() {
        return last;
    }

    /** The workload observed so far through this database's pools. */
    Workload workload() {
        List<ObservedShape> shapes = new ArrayList<>();
        for (Analysis analysis : Analyses.all()) {
            if (poolNames.contains(analysis.poolName())) {
                shapes.addAll(analysis.observedShapes());
            }
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return Workload.of(shapes, settings.minCalls(), settings.minNanos(), seconds);
    }

    /** Runs the advisor now; never throws: what failed is in the advice's notChecked. */
    synchronized Advice advise() {
        Workload workload = workload();
        lastRunHadShapes = !workload.ranked().isEmpty();
        Advice advice;
        if (inMemoryReason != null) {
            advice = new Advice(displayName, Instant.now(), false, List.of(), List.of(), List.of(),
                    List.of(inMemoryReason));
        } else if (workload.ranked().isEmpty()) {
            advice = new Advice(displayName, Instant.now(), database != Database.POSTGRESQL || settings.hypothetical(),
                    List.of(), List.of(), List.of(), List.of());
        } else {
            advice = adviseOnConnection(workload);
        }
        last = advice;
        return advice;
    }

    private Advice adviseOnConnection(Workload workload) {
        Lease lease = null;
        try {
            if (connections == null) {
                connections = new ConnectionPool(PoolSettings.background(displayName + "-advisor",
                        Duration.ofSeconds(settings.timeoutSeconds())), factory);
            }
            lease = connections.borrow();
            return new AdvisorRun(database, displayName, settings, lease.physical()).run(workload);
        } catch (SQLException | RuntimeException e) {
            return new Advice(displayName, Instant.now(), false, List.of(), List.of(), List.of(),
                    List.of("the advisor could not connect to the database: " + e.getMessage()));
        } finally {
            if (lease != null) {
                lease.release();
            }
        }
    }

    synchronized void close() {
        if (connections != null) {
            connections.close();
            connections = null;
        }
    }

    /** Whether the latest run had statement shapes above the thresholds to look at. */
    boolean lastRunHadShapes() {
        return lastRunHadShapes;
    }

    String displayName() {
        return displayName;
    }
}
