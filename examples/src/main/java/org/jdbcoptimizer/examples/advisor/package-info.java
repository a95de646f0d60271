/** The index advisor's quality measurement on the shipped shop workload (command advisor-quality). */
package org.jdbcoptimizer.examples.advisor;
