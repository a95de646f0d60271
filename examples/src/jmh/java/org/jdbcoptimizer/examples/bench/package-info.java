/**
 * Benchmarks against a real PostgreSQL, each comparing the optimizer with its peer in the same run:
 * JMH benchmarks, and the idle-connection memory probe. See docs/BENCHMARKS.md for goals and commands.
 */
package org.jdbcoptimizer.examples.bench;
