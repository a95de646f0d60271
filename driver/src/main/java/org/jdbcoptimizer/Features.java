package org.jdbcoptimizer;

import java.lang.System.Logger.Level;

import org.jdbcoptimizer.advisor.Advisors;
import org.jdbcoptimizer.analyze.Analyses;
import org.jdbcoptimizer.cache.Caches;
import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.jdbc.FeatureFactory;
import org.jdbcoptimizer.jdbc.QueryCache;
import org.jdbcoptimizer.metrics.OptimizerMetrics;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.util.Log;

/**
 * Wires the features below the wrappers (analysis, metrics, result cache) into the endpoints the
 * public API creates. If a feature cannot be set up (a bug of ours, a broken classpath), the
 * application still gets its connections without it, and the failure is logged once; only a bad
 * option value is an error, reported at connect time like every configuration error.
 */
final class Features implements FeatureFactory {

    static final Features INSTANCE = new Features();
    private static final Log LOG = Log.of(Features.class);

    private Features() {
    }

    @Override
    public ExecutionListener listener(OptimizerConfig config, Database database, ConnectionPool pool, String poolName,
                                      String targetUrl, ConnectionFactory connections) {
        ExecutionListener listener;
        try {
            listener = Analyses.forPool(config, database, pool, poolName, targetUrl, connections,
                    p -> OptimizerMetrics.forPool(p, poolName));
        } catch (RuntimeException | LinkageError e) {
            LOG.once("analysis-setup-" + poolName, Level.WARNING, poolName,
                    "statement analysis is off for this pool: it could not be set up", e);
            return null;
        }
        if (listener != null) {
            try {
                Advisors.register(config, database, targetUrl, poolName, connections);
            } catch (RuntimeException | LinkageError e) {
                LOG.once("advisor-setup-" + poolName, Level.WARNING, poolName,
                        "the index advisor is off for this pool: it could not be set up", e);
            }
        }
        return listener;
    }

    @Override
    public QueryCache cache(OptimizerConfig config, Database database, String databaseId, String scope,
                            String poolName, ConnectionFactory connections) throws OptimizerConfigException {
        try {
            QueryCache cache = Caches.forAnyEndpoint(config, database, databaseId, scope, poolName,
                    connections::connect);
            if (cache.caches()) {
                OptimizerMetrics.forCache(databaseId, () -> Caches.statsOf(databaseId));
                Analyses.addSnapshot(poolName, "cacheStats " + databaseId,
                        () -> CacheStatsEvent.of(databaseId, Caches.statsOf(databaseId)));
            }
            return cache;
        } catch (RuntimeException | LinkageError e) {
            LOG.once("cache-setup-" + poolName, Level.WARNING, poolName,
                    "the result cache is off for this pool: it could not be set up", e);
            return null;
        }
    }
}
