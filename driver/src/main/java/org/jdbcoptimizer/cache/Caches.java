package org.jdbcoptimizer.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbcoptimizer.cache.bus.BusSettings;
import org.jdbcoptimizer.cache.bus.Buses;
import org.jdbcoptimizer.cache.bus.ConnectionSupplier;
import org.jdbcoptimizer.cache.bus.InvalidationBus;
import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.dialect.Database;

/**
 * Every result cache of the process: one per database, shared by all pools and users that
 * connect to it, so that a write through any connection invalidates for all.
 *
 * <p>Thread-safe.
 */
public final class Caches {

    private static final Map<String, ResultCache> BY_DATABASE = new ConcurrentHashMap<>();
    private static final Map<String, Relations> RELATIONS = new ConcurrentHashMap<>();

    private Caches() {
    }

    /**
     * The cache interceptor of an endpoint, or null when {@code optimizer.cache=false}.
     *
     * @throws OptimizerConfigException when a cache rule option is malformed
     */
    public static CacheInterceptor forEndpoint(OptimizerConfig config, Database database, String databaseId,
                                               String scope, String poolName, ConnectionSupplier connections)
            throws OptimizerConfigException {
        if (!config.get(Options.CACHE)) {
            return null;
        }
        return interceptor(config, database, databaseId, scope, poolName, connections);
    }

    /**
     * What an endpoint tells the cache: the full interceptor when its cache is on, else a write
     * tracker, so that writes through a pool without the cache still invalidate what other pools
     * of the process cached from the same database.
     */
    public static org.jdbcoptimizer.jdbc.QueryCache forAnyEndpoint(OptimizerConfig config, Database database,
            String databaseId, String scope, String poolName, ConnectionSupplier connections)
            throws OptimizerConfigException {
        if (config.get(Options.CACHE)) {
            return interceptor(config, database, databaseId, scope, poolName, connections);
        }
        return new WriteTracker(() -> BY_DATABASE.get(databaseId));
    }

    private static CacheInterceptor interceptor(OptimizerConfig config, Database database, String databaseId,
                                                String scope, String poolName, ConnectionSupplier connections)
            throws OptimizerConfigException {
        String busKind = config.get(Options.CACHE_BUS).toLowerCase(Locale.ROOT);
        if (!List.of(Buses.NONE, Buses.POSTGRES, Buses.REDIS).contains(busKind)) {
            throw new OptimizerConfigException("Invalid value '" + busKind + "' for option " + Options.CACHE_BUS.key()
                    + ": accepted " + Options.CACHE_BUS.range());
        }
        boolean store = config.get(Options.CACHE_REDIS_STORE);
        if (store && !busKind.equals(Buses.REDIS)) {
            throw new OptimizerConfigException("Option " + Options.CACHE_REDIS_STORE.key() + "=true needs "
                    + Options.CACHE_BUS.key() + "=redis (it is '" + busKind + "'): the store's results are checked"
                    + " against the Redis version counters");
        }
        ResultCache cache = BY_DATABASE.computeIfAbsent(databaseId, id -> {
            InvalidationBus bus = Buses.create(busKind, id, BusSettings.builder()
                    .redisUrl(config.get(Options.CACHE_REDIS_URL)).logPrefix(poolName).build(), connections);
            ResultCache created = new ResultCache(config.get(Options.CACHE_MAX_BYTES),
                    config.get(Options.CACHE_MAX_RESULT_BYTES), bus, store);
            bus.start(new InvalidationBus.Listener() {
                @Override
                public void invalidate(java.util.Set<String> tables) {
                    created.invalidate(tables);
                }

                @Override
                public void invalidateAll() {
                    created.invalidateAll();
                }
            });
            return created;
        });
        Relations relations = RELATIONS.computeIfAbsent(databaseId, id -> new Relations(database));
        CachePolicy policy = new CachePolicy(config.get(Options.CACHE_TTL), names(config.get(Options.CACHE_INCLUDE)),
                names(config.get(Options.CACHE_EXCLUDE)),
                durations(config.get(Options.CACHE_TABLE_TTL), Options.CACHE_TABLE_TTL),
                durations(config.get(Options.CACHE_SHAPES), Options.CACHE_SHAPES),
                new VolatileFunctions(names(config.get(Options.CACHE_SAFE_FUNCTIONS))));
        return new CacheInterceptor(poolName, scope, cache, policy, relations);
    }

    /** The statistics of every database's cache, by database. */
    public static Map<String, CacheStats> stats() {
        Map<String, CacheStats> stats = new HashMap<>();
        BY_DATABASE.forEach((id, cache) -> stats.put(id, cache.stats()));
        return stats;
    }

    /** The statistics of one database's cache; all zero when it has none (yet, or any more). */
    public static CacheStats statsOf(String databaseId) {
        ResultCache cache = BY_DATABASE.get(databaseId);
        return cache != null ? cache.stats()
                : CacheStats.EMPTY;
    }

    /** Drops every cache (tests, shutdown). */
    public static void clear() {
        for (ResultCache cache : BY_DATABASE.values()) {
            cache.invalidateAll();
            cache.bus().close();
        }
        BY_DATABASE.clear();
        RELATIONS.clear();
    }

    static Set<String> names(String list) {
        Set<String> names = new HashSet<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** Reads "name=duration,..." for a rule option; a malformed pair fails naming the option. */
    static Map<String, Duration> durations(String list, org.jdbcoptimizer.config.Option<String> option)
            throws OptimizerConfigException {
        Map<String, Duration> ttls = new HashMap<>();
        if (list == null) {
            return ttls;
        }
        List<String> bad = new ArrayList<>();
        for (String pair : list.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                ttls.put(pair.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        org.jdbcoptimizer.config.Durations.parse(pair.substring(equals + 1)));
            } catch (RuntimeException e) {
                bad.add(pair.trim());
            }
        }
        if (!bad.isEmpty()) {
            throw new OptimizerConfigException("Invalid value '" + list + "' for option " + option.key()
                    + ": cannot read " + bad + "; accepted " + option.range());
        }
        return ttls;
    }
}
