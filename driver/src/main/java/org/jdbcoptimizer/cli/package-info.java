/**
 * The driver jar's command line, {@code java -jar jdbc-optimizer.jar <command>}: {@code report}
 * over a slow-query log, and friends.
 */
package org.jdbcoptimizer.cli;
