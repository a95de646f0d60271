/**
 * The Java agent: instruments the real drivers' {@code connect} and their DataSources'
 * {@code getConnection} so that an unchanged application's connections pass through the optimizer.
 */
package org.jdbcoptimizer.agent;
