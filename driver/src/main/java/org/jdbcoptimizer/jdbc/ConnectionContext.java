package org.jdbcoptimizer.jdbc;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.dialect.Database;

/**
 * What every wrapper of one pool (or one unpooled URL) shares: the configuration and the database
 * kind; the features added by later packages hang off this object so a wrapper reaches them with
 * one field read.
 *
 * <p>Immutable and shared across threads.
 */
public final class ConnectionContext {

    private final OptimizerConfig config;
    private final Database database;
    private final ExecutionListener listener;
    private final QueryCache cache;

    /**
     * @param listener the statement analysis, or null when it is off
     * @param cache    the result cache, or null when it is off
     */
    public ConnectionContext(OptimizerConfig config, Database database, ExecutionListener listener,
                             QueryCache cache) {
        this.config = config;
        this.database = database;
        this.listener = listener;
        this.cache = cache;
    }

    public OptimizerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The result cache, or null when it is off. */
    public QueryCache cache() {
        return cache;
    }

    /** The statement analysis, or null when it is off. */
    public ExecutionListener listener() {
        return listener;
    }
}
