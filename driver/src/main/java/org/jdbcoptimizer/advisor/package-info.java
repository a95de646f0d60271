/**
 * The index advisor: turns the statement shapes the application really runs into a short, ranked
 * list of index suggestions proven with the database's planner, plus findings about existing
 * indexes and predicates no B-tree can serve. It never creates an index.
 */
package org.jdbcoptimizer.advisor;
