/** The runnable examples jar: one entry point that dispatches to its programs (for now, the demo). */
package org.jdbcoptimizer.examples;
