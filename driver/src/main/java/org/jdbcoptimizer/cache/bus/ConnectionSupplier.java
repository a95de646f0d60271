package org.jdbcoptimizer.cache.bus;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new physical connection to the cached database, for the PostgreSQL bus's dedicated
 * listener connection. Called from the bus's own thread, again after each connection loss; the
 * bus owns and closes every connection it gets.
 */
@FunctionalInterface
public interface ConnectionSupplier {

    /**
     * @return a new open connection, not shared with anyone else
     * @throws SQLException when the database cannot be reached; the bus retries with backoff
     */
    Connection get() throws SQLException;
}
