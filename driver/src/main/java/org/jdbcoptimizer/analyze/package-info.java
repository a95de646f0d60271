/**
 * Statement analysis off the application's thread: timing and per-fingerprint statistics, the
 * JSON Lines slow-query log ({@link org.jdbcoptimizer.analyze.SlowQueryLogFile}), EXPLAIN, N+1
 * detection and lints.
 */
package org.jdbcoptimizer.analyze;
