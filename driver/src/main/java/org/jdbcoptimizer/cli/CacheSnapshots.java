package org.jdbcoptimizer.cli;

import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.CACHE;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.DATABASE;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.PROCESS;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.TS;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result cache's statistics from a slow-query log's {@code cacheStats} lines: the latest line of
 * each process per database (counters are cumulative per process), summed over processes for the
 * report. Not thread-safe.
 */
final class CacheSnapshots {

    private static final List<String> COUNTERS = List.of("hits", "misses", "loads", "stores", "loadMs", "sharedLoads",
            "storeHits", "evictionsBySize", "evictionsByTtl", "invalidations", "bytes", "entries");

    /** database → process → the latest line's ts and cache object. */
    private final Map<String, Map<String, Latest>> byDatabase = new TreeMap<>();

    private record Latest(String ts, Map<String, Object> cache) {
    }

    /** Adds a cacheStats line; false when it lacks the fields to be one. */
    @SuppressWarnings("unchecked")
    boolean add(Map<String, Object> event) {
        if (!(event.get(DATABASE) instanceof String database) || !(event.get(PROCESS) instanceof String process)
                || !(event.get(CACHE) instanceof Map<?, ?> cache)) {
            return false;
        }
        String ts = event.get(TS) instanceof String t ? t : "";
        Map<String, Latest> processes = byDatabase.computeIfAbsent(database, d -> new TreeMap<>());
        Latest previous = processes.get(process);
        if (previous == null || ts.compareTo(previous.ts()) >= 0) {
            processes.put(process, new Latest(ts, (Map<String, Object>) cache));
        }
        return true;
    }

    boolean isEmpty() {
        return byDatabase.isEmpty();
    }

    /**
     * The hit ratio of a statement shape, over the processes that looked it up (their mean: the
     * lines hold ratios, not counts), or null when no process cached it.
     */
    Double hitRatio(String fingerprintId) {
        double sum = 0;
        int count = 0;
        for (Map<String, Latest> processes : byDatabase.values()) {
            for (Latest latest : processes.values()) {
                if (latest.cache().get("hitRatioByFingerprint") instanceof Map<?, ?> ratios
                        && ratios.get(fingerprintId) instanceof Number ratio) {
                    sum += ratio.doubleValue();
                    count++;
                }
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** One block per database: the counters summed over its processes, and the most written tables. */
    void print(PrintStream out) {
        byDatabase.forEach((database, processes) -> {
            Map<String, Double> sums = new LinkedHashMap<>();
            Map<String, Double> writes = new TreeMap<>();
            for (Latest latest : processes.values()) {
                for (String counter : COUNTERS) {
                    if (latest.cache().get(counter) instanceof Number n) {
                        sums.merge(counter, n.doubleValue(), Double::sum);
                    }
                }
                if (latest.cache().get("invalidationsByTable") instanceof Map<?, ?> tables) {
                    tables.forEach((table, n) -> {
                        if (n instanceof Number number) {
                            writes.merge(String.valueOf(table), number.doubleValue(), Double::sum);
                        }
                    });
                }
            }
            double hits = sums.getOrDefault("hits", 0.0);
            double misses = sums.getOrDefault("misses", 0.0);
            double loads = sums.getOrDefault("loads", 0.0);
            out.printf(Locale.ROOT, "Result cache, %s (%d process%s, latest snapshot of each):%n",
                    ReportPrinter.fit(database, 120), processes.size(), processes.size() == 1 ? "" : "es");
            out.printf(Locale.ROOT, "  hit ratio %.1f%%: %s hits, %s misses; %s loads (mean %.2f ms), %s stored,"
                            + " %s shared loads, %s from the Redis store%n",
                    hits + misses == 0 ? 0 : 100 * hits / (hits + misses), ReportPrinter.count(hits),
                    ReportPrinter.count(misses), ReportPrinter.count(loads),
                    loads == 0 ? 0 : sums.getOrDefault("loadMs", 0.0) / loads, ReportPrinter.count(sums.getOrDefault("stores", 0.0)),
                    ReportPrinter.count(sums.getOrDefault("sharedLoads", 0.0)),
                    ReportPrinter.count(sums.getOrDefault("storeHits", 0.0)));
            out.printf(Locale.ROOT, "  %s invalidated, %s evicted for size, %s expired; %s entries, %.1f MiB held%n",
                    ReportPrinter.count(sums.getOrDefault("invalidations", 0.0)),
                    ReportPrinter.count(sums.getOrDefault("evictionsBySize", 0.0)),
                    ReportPrinter.count(sums.getOrDefault("evictionsByTtl", 0.0)),
                    ReportPrinter.count(sums.getOrDefault("entries", 0.0)), sums.getOrDefault("bytes", 0.0) / (1 << 20));
            if (!writes.isEmpty()) {
                StringBuilder line = new StringBuilder("  writes seen:");
                writes.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .limit(8)
                        .forEach(e -> line.append(' ').append(e.getKey()).append(' ').append(ReportPrinter.count(e.getValue())));
                out.println(ReportPrinter.fit(line.toString(), 200));
            }
        });
    }
}
