/** The shop demo on embedded SQLite: schema, data, a concurrent workload, and one printed section per scenario. */
package org.jdbcoptimizer.examples.demo;
