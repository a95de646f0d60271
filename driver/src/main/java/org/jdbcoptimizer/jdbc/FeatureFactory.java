package org.jdbcoptimizer.jdbc;

import java.sql.SQLException;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;

/**
 * Creates the features the wrappers report to: the statement analysis and the result cache.
 * Supplied by the public API classes, which see every package, so that this package need not
 * depend on {@code analyze} and {@code cache} below it.
 */
public interface FeatureFactory {

    /** No features: wrappers do no timing and no caching. */
    FeatureFactory NONE = new FeatureFactory() {
        @Override
        public ExecutionListener listener(OptimizerConfig config, Database database, ConnectionPool pool,
                                          String poolName, String targetUrl, ConnectionFactory connections) {
            return null;
        }

        @Override
        public QueryCache cache(OptimizerConfig config, Database database, String databaseId, String scope,
                                String poolName, ConnectionFactory connections) {
            return null;
        }
    };

    /**
     * @param pool        the endpoint's pool (for its metrics), or null when unpooled
     * @param poolName    the pool's name, or a name for the unpooled endpoint
     * @param targetUrl   the real driver's URL, or {@code jdbc:unknown:} for a wrapped DataSource
     * @param connections opens connections to the same database (for EXPLAIN, off the application's pool)
     * @return the listener, or null when the configuration turns analysis off
     */
    ExecutionListener listener(OptimizerConfig config, Database database, ConnectionPool pool, String poolName,
                               String targetUrl, ConnectionFactory connections);

    /**
     * @param databaseId identifies the database (every connection to it shares one cache, so that a
     *                   write through any of them invalidates for all)
     * @param scope      identifies database and user: results are shared only within one scope
     * @param connections opens connections to the database (the invalidation bus listens on one)
     * @return the cache, or null when the configuration turns it off
     * @throws SQLException when a cache option is malformed
     */
    QueryCache cache(OptimizerConfig config, Database database, String databaseId, String scope, String poolName,
                     ConnectionFactory connections) throws SQLException;
}
