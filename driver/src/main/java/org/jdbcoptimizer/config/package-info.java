/** Reads, merges and validates the optimizer's options from URL, properties, files and environment. */
package org.jdbcoptimizer.config;
