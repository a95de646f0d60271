/** What differs per database: URL forms, connection defaults, and later EXPLAIN syntax and catalog queries. */
package org.jdbcoptimizer.dialect;
