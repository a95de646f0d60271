package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.sql.SqlStatementKind;
import org.jdbcoptimizer.sql.TableRef;

/**
 * The observed workload of one database, merged over the pools that reach it: the shapes worth
 * advising on (step 1: ranked by total time, above the minimum calls and time) and the writes per
 * table (for step 6's write overhead).
 */
final class Workload {

    private final List<ObservedShape> ranked;
    private final List<ObservedShape> all;
    private final Map<String, Writes> writes;
    private final double seconds;

    /** Writes observed on one table: statements executed and their total time. */
    record Writes(long statements, long totalNanos) {
        double meanNanos() {
            return statements == 0 ? 0 : (double) totalNanos / statements;
        }
    }

    private Workload(List<ObservedShape> ranked, List<ObservedShape> all, Map<String, Writes> writes, double seconds) {
        this.ranked = ranked;
        this.all = all;
        this.writes = writes;
        this.seconds = seconds;
    }

    /**
     * @param shapes     every shape of every pool of the database (the same shape may come from several pools)
     * @param seconds    how long the workload has been observed
     */
    static Workload of(List<ObservedShape> shapes, long minCalls, long minNanos, double seconds) {
        Map<Long, ObservedShape> merged = new LinkedHashMap<>();
        for (ObservedShape shape : shapes) {
            merged.merge(shape.info().fingerprintId(), shape, Workload::merge);
        }
        List<ObservedShape> all = new ArrayList<>(merged.values());
        all.sort(Comparator.comparingLong((ObservedShape s) -> s.stats().totalNanos()).reversed());
        List<ObservedShape> ranked = new ArrayList<>();
        Map<String, Writes> writes = new HashMap<>();
        for (ObservedShape shape : all) {
            ShapeStats stats = shape.stats();
            if (isWrite(stats.kind())) {
                long statements = stats.batchedStatements() + Math.max(0, stats.calls() - stats.batches());
                for (TableRef table : shape.info().tablesWritten()) {
                    writes.merge(table.name(), new Writes(statements, stats.totalNanos()),
                            (a, b) -> new Writes(a.statements + b.statements, a.totalNanos + b.totalNanos));
                }
            }
            if (stats.calls() >= minCalls && stats.totalNanos() >= minNanos && advisable(stats.kind())) {
                ranked.add(shape);
            }
        }
        return new Workload(ranked, all, writes, Math.max(1, seconds));
    }

    private static ObservedShape merge(ObservedShape a, ObservedShape b) {
        ShapeStats x = a.stats();
        ShapeStats y = b.stats();
        ShapeStats sum = new ShapeStats(x.poolName(), x.fingerprint(), x.fingerprintId(), x.kind(), x.calls() + y.calls(),
                x.errors() + y.errors(), x.totalNanos() + y.totalNanos(),
                (x.totalNanos() + y.totalNanos()) / Math.max(1, x.calls() + y.calls()), Math.min(x.minNanos(), y.minNanos()),
                Math.max(x.maxNanos(), y.maxNanos()), x.p50Nanos(), x.p95Nanos(), x.p99Nanos(), x.rows() + y.rows(),
                x.batches() + y.batches(), x.batchedStatements() + y.batchedStatements(), x.slowCalls() + y.slowCalls(),
                x.lints());
        return new ObservedShape(sum, a.info(), a.parameters().isEmpty() ? b.parameters() : a.parameters(),
                a.sameTextAlways() && b.sameTextAlways() && a.info().text().equals(b.info().text()));
    }

    private static boolean isWrite(SqlStatementKind kind) {
        return kind == SqlStatementKind.INSERT || kind == SqlStatementKind.UPDATE || kind == SqlStatementKind.DELETE
                || kind == SqlStatementKind.MERGE;
    }

    /** Statements an index can speed up: reads and the WHERE of updates and deletes. */
    private static boolean advisable(SqlStatementKind kind) {
        return kind == SqlStatementKind.QUERY || kind == SqlStatementKind.UPDATE || kind == SqlStatementKind.DELETE;
    }

    /** Shapes above the thresholds, most total time first. */
    List<ObservedShape> ranked() {
        return ranked;
    }

    /** Every shape observed, merged across pools. */
    List<ObservedShape> all() {
        return all;
    }

    Writes writes(String table) {
        return writes.getOrDefault(table, new Writes(0, 0));
    }

    double writesPerSecond(String table) {
        return writes(table).statements() / seconds;
    }
}
