package org.jdbcoptimizer.advisor;

import java.util.List;

/** A statement to measure, with its label and its parameter values. */
record IndexImpactStatement(String label, String sql, List<Object> parameters) {
}
