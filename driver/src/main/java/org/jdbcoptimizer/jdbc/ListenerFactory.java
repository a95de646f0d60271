package org.jdbcoptimizer.jdbc;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;

/**
 * Creates the statement analysis of an endpoint. Supplied by the public API classes, which see
 * every package, so that this package need not depend on {@code analyze} below it.
 */
@FunctionalInterface
public interface ListenerFactory {

    /** No analysis: wrappers do no timing. */
    ListenerFactory NONE = (config, database, pool, poolName, targetUrl, connections) -> null;

    /**
     * @param pool        the endpoint's pool (for its metrics), or null when unpooled
     * @param poolName    the pool's name, or a name for the unpooled endpoint
     * @param targetUrl   the real driver's URL, or {@code jdbc:unknown:} for a wrapped DataSource
     * @param connections opens connections to the same database (for EXPLAIN, off the application's pool)
     * @return the listener, or null when the configuration turns analysis off
     */
    ExecutionListener create(OptimizerConfig config, Database database, ConnectionPool pool, String poolName,
                             String targetUrl, ConnectionFactory connections);
}
