/**
 * Understands SQL text once per distinct statement: tokens, statement kind, fingerprint,
 * tables read and written, predicates and optimizer hints, behind {@link org.jdbcoptimizer.sql.SqlAnalyzer}.
 */
package org.jdbcoptimizer.sql;
