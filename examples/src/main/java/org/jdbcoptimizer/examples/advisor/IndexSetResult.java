package org.jdbcoptimizer.examples.advisor;

import java.util.List;

import org.jdbcoptimizer.advisor.WorkloadRun;

/**
 * One set of indexes applied to the shop and measured.
 *
 * @param source          who suggested them
 * @param ddl             the statements applied
 * @param created         the index names they created
 * @param after           the workload re-run with them
 * @param missingServed   the shapes expected to miss an index whose plan now reads through one of them
 * @param missingShapes   the shapes expected to miss an index
 * @param redundant       created indexes that equal or are a prefix of an index that existed before
 * @param lowCardinality  created single-column indexes on a column with at most ten distinct values
 * @param failed          statements the database refused, with its message
 */
record IndexSetResult(String source, List<String> ddl, List<String> created, WorkloadRun after,
        List<String> missingServed, List<String> missingShapes, List<String> redundant, List<String> lowCardinality,
        List<String> failed) {
}
