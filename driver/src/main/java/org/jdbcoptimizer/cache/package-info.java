/**
 * The result cache: captured SELECT results ({@link org.jdbcoptimizer.cache.CachedResult}) and the
 * read-only cursors that serve them ({@link org.jdbcoptimizer.cache.CachedResultSet}) as the driver would.
 */
package org.jdbcoptimizer.cache;
