package org.jdbcoptimizer.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbcoptimizer.sql.SqlInfo;

/**
 * The statistics of every statement shape seen through one pool, bounded in memory.
 *
 * <p>Design: a Caffeine cache keyed by fingerprint id, at most {@code maxShapes} entries. Its
 * eviction (W-TinyLFU) keeps the shapes that are executed often and drops the one-off ones, so a
 * workload of unique texts (literals inlined in every query) cannot grow memory without bound;
 * the fingerprint already folds literals, so that case is rare. A prepared statement looks its
 * shape up once per physical connection, at its first prepare, and records into the same object
 * afterwards; a shape evicted meanwhile is marked retired, so that its holders look it up again.
 *
 * <p>Thread-safe.
 */
public final class StatementStatistics {

    private final String poolName;
    private final Cache<Long, StatementStats> shapes;
    private final Lints lints;

    public StatementStatistics(String poolName, int maxShapes, Lints lints) {
        this.poolName = poolName;
        this.lints = lints;
        this.shapes = Caffeine.newBuilder().maximumSize(maxShapes)
                .<Long, StatementStats>evictionListener((id, stats, cause) -> stats.retire())
                .build();
    }

    /** The statistics of a statement's shape, created on first sight. */
    public StatementStats statsFor(SqlInfo info) {
        return shapes.get(info.fingerprintId(), id -> new StatementStats(info, lints.fromText(info)));
    }

    /** Every shape, slowest in total first. */
    public List<ShapeStats> snapshot() {
        List<ShapeStats> result = new ArrayList<>();
        for (StatementStats stats : shapes.asMap().values()) {
            ShapeStats snapshot = stats.snapshot(poolName);
            if (snapshot.calls() > 0) {
                result.add(snapshot);
            }
        }
        result.sort(Comparator.comparingLong(ShapeStats::totalNanos).reversed());
        return result;
    }

    /** Every shape that ran at least once, with its statement and parameter sample, slowest in total first. */
    public List<ObservedShape> observed() {
        List<ObservedShape> result = new ArrayList<>();
        for (StatementStats stats : shapes.asMap().values()) {
            ShapeStats snapshot = stats.snapshot(poolName);
            if (snapshot.calls() > 0) {
                result.add(new ObservedShape(snapshot, stats.info(), stats.sampledParameters(),
                        stats.sameTextAlways()));
            }
        }
        result.sort(Comparator.comparingLong((ObservedShape shape) -> shape.stats().totalNanos()).reversed());
        return result;
    }

    public String poolName() {
        return poolName;
    }

    /** Shapes currently tracked (for tests of the bound). */
    public long size() {
        shapes.cleanUp();
        return shapes.estimatedSize();
    }
}
