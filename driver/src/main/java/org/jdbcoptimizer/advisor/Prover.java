package org.jdbcoptimizer.advisor;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Plan;

/**
 * Asks the planner what a statement's plan is today and what it would be with a candidate index
 * (step 5). One instance serves one advisor run on one connection and one thread; it never leaves
 * a real index behind.
 */
interface Prover extends AutoCloseable {

    /** False for the heuristic fallback, which cannot plan with an index that does not exist. */
    boolean proves();

    /** The statement's plan today, with its observed parameters. */
    Plan plan(ObservedShape shape) throws SQLException;

    /**
     * The plans of {@code shapes} with the candidate in place; null when this prover cannot try
     * indexes. Shapes whose EXPLAIN fails are left out of {@link Trial#plans()}.
     *
     * @throws SQLException when the candidate itself cannot be tried (the index cannot be defined)
     */
    Trial trial(Candidate candidate, List<ObservedShape> shapes) throws SQLException;

    @Override
    void close();

    /**
     * The outcome of trying one candidate.
     *
     * @param planIndexName  how plans name the candidate (HypoPG: {@code <oid>btree_...})
     * @param estimatedBytes its estimated size, or -1
     * @param plans          by fingerprint id
     */
    record Trial(String planIndexName, long estimatedBytes, Map<Long, Plan> plans) {
    }
}
