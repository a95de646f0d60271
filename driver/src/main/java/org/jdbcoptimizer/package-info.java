/**
 * jdbc-optimizer's public API: {@link org.jdbcoptimizer.OptimizerDriver} for {@code jdbc:optimizer:}
 * URLs and {@link org.jdbcoptimizer.OptimizerDataSource} for applications that use a DataSource.
 */
package org.jdbcoptimizer;
