package org.jdbcoptimizer.pool;

import java.sql.Connection;
import java.sql.SQLException;

/** Makes one new physical connection: through the real {@code Driver}, or a wrapped {@code DataSource}. */
public interface ConnectionFactory {

    /**
     * Opens a physical connection.
     *
     * @throws SQLException as the real driver reported it
     */
    Connection connect() throws SQLException;

    /** What this factory connects to, for messages: the redacted URL, never a password. */
    String describe();
}
