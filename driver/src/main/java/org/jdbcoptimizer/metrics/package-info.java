/** Micrometer meters for statements and pools, used only when the application has Micrometer. */
package org.jdbcoptimizer.metrics;
