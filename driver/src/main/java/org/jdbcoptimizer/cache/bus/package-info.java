/**
 * The invalidation bus: carries the result cache's invalidations between processes that cache
 * results of the same database (PostgreSQL {@code LISTEN/NOTIFY} or Redis pub/sub with version
 * counters), and the opt-in triggers that make writes made outside the optimizer notify too.
 */
package org.jdbcoptimizer.cache.bus;
