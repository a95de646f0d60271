package org.jdbcoptimizer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbcoptimizer.analyze.SlowQueryLogSchema;
import org.jdbcoptimizer.cache.CacheStats;
import org.jdbcoptimizer.config.OptimizerUrl;

/**
 * The slow-query log's {@code cacheStats} event: a snapshot of one database's result cache,
 * written by the analysis of each caching pool every minute and at each flush, so that the
 * {@code report} command can show the cache beside the statements (docs/SLOW_QUERY_LOG.md).
 */
final class CacheStatsEvent {

    /** {@code pid@host}, as the JVM names itself: counters are per process. */
    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    private CacheStatsEvent() {
    }

    static Map<String, Object> of(String databaseId, CacheStats stats) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(SlowQueryLogSchema.TS, Instant.now().toString());
        event.put(SlowQueryLogSchema.EVENT, SlowQueryLogSchema.EVENT_CACHE_STATS);
        event.put(SlowQueryLogSchema.DATABASE, OptimizerUrl.redact(databaseId));
        event.put(SlowQueryLogSchema.PROCESS, PROCESS);
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("hits", stats.hits());
        cache.put("misses", stats.misses());
        cache.put("hitRatio", stats.hitRatio());
        cache.put("loads", stats.loads());
        cache.put("stores", stats.stores());
        cache.put("loadMs", stats.loadNanos() / 1e6);
        cache.put("sharedLoads", stats.sharedLoads());
        cache.put("storeHits", stats.storeHits());
        cache.put("evictionsBySize", stats.evictionsBySize());
        cache.put("evictionsByTtl", stats.evictionsByTtl());
        cache.put("invalidations", stats.invalidations());
        cache.put("invalidationsByTable", new LinkedHashMap<>(stats.invalidationsByTable()));
        cache.put("bytes", stats.bytes());
        cache.put("entries", stats.entries());
        cache.put("hitRatioByFingerprint", new LinkedHashMap<>(stats.hitRatioByFingerprint()));
        event.put(SlowQueryLogSchema.CACHE, cache);
        return event;
    }
}
