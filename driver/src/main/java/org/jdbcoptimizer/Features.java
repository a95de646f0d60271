package org.jdbcoptimizer;

import java.lang.System.Logger.Level;

import org.jdbcoptimizer.analyze.Analyses;
import org.jdbcoptimizer.jdbc.ListenerFactory;
import org.jdbcoptimizer.metrics.OptimizerMetrics;
import org.jdbcoptimizer.util.Log;

/** Wires the features below the wrappers (analysis, metrics) into the endpoints the public API creates. */
final class Features {

    private static final Log LOG = Log.of(Features.class);

    /**
     * The analysis of an endpoint. If it cannot be set up (a bug of ours, a broken classpath), the
     * application still gets its connections, unanalysed, and the failure is logged once.
     */
    static final ListenerFactory LISTENERS = (config, database, pool, poolName, targetUrl, connections) -> {
        try {
            return Analyses.forPool(config, database, pool, poolName, targetUrl, connections,
                    p -> OptimizerMetrics.forPool(p, poolName));
        } catch (RuntimeException | LinkageError e) {
            LOG.once("analysis-setup-" + poolName, Level.WARNING, poolName,
                    "statement analysis is off for this pool: it could not be set up", e);
            return null;
        }
    };

    private Features() {
    }
}
