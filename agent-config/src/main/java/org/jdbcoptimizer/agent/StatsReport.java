package org.jdbcoptimizer.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.AgentConnections;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.cache.CacheStats;
import org.jdbcoptimizer.cache.Caches;
import org.jdbcoptimizer.util.Json;

/**
 * Writes the statistics of the wrapped connections to a JSON file when the JVM exits
 * ({@code agent.report}): what an unchanged application cannot ask the optimizer for itself.
 * Written to a temporary file and moved into place, so a reader never sees half a report.
 *
 * <pre>{"statements":[{"pool":..., "fingerprint":..., "fingerprintId":..., "kind":..., "calls":...,
 *   "errors":..., "totalMs":..., "meanMs":..., "maxMs":..., "rows":..., "slowCalls":...}, ...],
 *  "caches":{"jdbc:postgresql://...":{"hits":..., "misses":..., "loads":..., "stores":...,
 *   "invalidations":..., "entries":..., "bytes":...}}}</pre>
 */
final class StatsReport implements Runnable {

    private final Path file;

    StatsReport(Path file) {
        this.file = file;
    }

    @Override
    public void run() {
        try {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("statements", statements());
            report.put("caches", caches());
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, Json.write(report) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println(OptimizerAgent.PREFIX + ": cannot write the report " + file + ": " + e);
        }
    }

    private static List<Object> statements() {
        List<Object> shapes = new ArrayList<>();
        for (ShapeStats stats : AgentConnections.statementStats()) {
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("pool", stats.poolName());
            shape.put("fingerprint", stats.fingerprint());
            shape.put("fingerprintId", stats.fingerprintId());
            shape.put("kind", String.valueOf(stats.kind()));
            shape.put("calls", stats.calls());
            shape.put("errors", stats.errors());
            shape.put("totalMs", stats.totalNanos() / 1e6);
            shape.put("meanMs", stats.meanNanos() / 1e6);
            shape.put("maxMs", stats.maxNanos() / 1e6);
            shape.put("rows", stats.rows());
            shape.put("slowCalls", stats.slowCalls());
            shapes.add(shape);
        }
        return shapes;
    }

    private static Map<String, Object> caches() {
        Map<String, Object> caches = new LinkedHashMap<>();
        for (Map.Entry<String, CacheStats> entry : Caches.stats().entrySet()) {
            CacheStats stats = entry.getValue();
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("hits", stats.hits());
            cache.put("misses", stats.misses());
            cache.put("loads", stats.loads());
            cache.put("stores", stats.stores());
            cache.put("invalidations", stats.invalidations());
            cache.put("entries", stats.entries());
            cache.put("bytes", stats.bytes());
            caches.put(entry.getKey(), cache);
        }
        return caches;
    }
}
