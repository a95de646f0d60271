/** The JDBC wrappers the application holds: Connection, statements, result sets and metadata over the real driver's objects. */
package org.jdbcoptimizer.jdbc;
