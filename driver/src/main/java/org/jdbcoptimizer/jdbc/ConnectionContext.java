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

    public ConnectionContext(OptimizerConfig config, Database database) {
        this.config = config;
        this.database = database;
    }

    public OptimizerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }
}
