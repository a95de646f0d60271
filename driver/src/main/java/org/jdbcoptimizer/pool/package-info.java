/** The optimizer's own connection pool: borrowing, returning, retiring and statistics of physical connections. */
package org.jdbcoptimizer.pool;
