package org.jdbcoptimizer.examples.demo;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a workload request gets its connection: a pool, or a new physical connection each time. */
@FunctionalInterface
interface ConnectionSource {

    /** A connection the caller closes when the request is done. */
    Connection open() throws SQLException;
}
