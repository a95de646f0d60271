package org.jdbcoptimizer;

import org.jdbcoptimizer.analyze.Analyses;
import org.jdbcoptimizer.jdbc.ListenerFactory;
import org.jdbcoptimizer.metrics.OptimizerMetrics;

/** Wires the features below the wrappers (analysis, metrics) into the endpoints the public API creates. */
final class Features {

    static final ListenerFactory LISTENERS = (config, database, pool, poolName, targetUrl, connections) ->
            Analyses.forPool(config, database, pool, poolName, targetUrl, connections,
                    p -> OptimizerMetrics.forPool(p, poolName));

    private Features() {
    }
}
