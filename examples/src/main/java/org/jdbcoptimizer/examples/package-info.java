/** The runnable examples jar: one entry point that dispatches to the demo, the JMH benchmarks and the memory probe. */
package org.jdbcoptimizer.examples;
