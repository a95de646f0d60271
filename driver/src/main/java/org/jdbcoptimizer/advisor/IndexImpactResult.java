package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.dialect.PlanNode;

/**
 * One statement with and without one index, as {@link IndexImpact} measured it. On PostgreSQL the
 * numbers are the planner's costs with a hypothetical index (HypoPG: nothing is built or run); on
 * SQLite they are measured times, the index having been built in a transaction that was rolled
 * back.
 *
 * @param label       the shape's name, or "statement"
 * @param sql         the statement
 * @param parameters  the values bound to its markers
 * @param database    where it was measured
 * @param indexName   the name the database gave the index (HypoPG's, or the one in the DDL)
 * @param before      the plan without the index
 * @param after       the plan with it
 * @param costBefore  the planner's total cost without it (PostgreSQL)
 * @param costAfter   the planner's total cost with it (PostgreSQL)
 * @param nanosBefore the median execution time without it (SQLite)
 * @param nanosAfter  the median execution time with it (SQLite)
 */
public record IndexImpactResult(String label, String sql, List<Object> parameters, Database database,
        String indexName, Plan before, Plan after, OptionalDouble costBefore, OptionalDouble costAfter,
        OptionalLong nanosBefore, OptionalLong nanosAfter) {

    public IndexImpactResult {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    /** True when the plan with the index reads through it. */
    public boolean indexUsed() {
        return after.nodes().stream().anyMatch(n -> n.indexName().filter(indexName::equalsIgnoreCase).isPresent());
    }

    /**
     * How many times cheaper (PostgreSQL, cost) or faster (SQLite, time) the statement is with the
     * index: above 1 helps, below 1 hurts (a write maintaining the index).
     */
    public double ratio() {
        if (costBefore.isPresent() && costAfter.isPresent()) {
            return costBefore.getAsDouble() / Math.max(costAfter.getAsDouble(), 1e-9);
        }
        if (nanosBefore.isPresent() && nanosAfter.isPresent()) {
            return (double) nanosBefore.getAsLong() / Math.max(nanosAfter.getAsLong(), 1);
        }
        return Double.NaN;
    }

    /** How the plan without the index reads its tables, e.g. "Seq Scan on orders". */
    public String accessBefore() {
        return access(before);
    }

    /** How the plan with the index reads its tables, e.g. "Index Scan using ... on orders". */
    public String accessAfter() {
        return access(after);
    }

    /** The plan's nodes that read a table (scans and searches), in plan order, joined by "; ". */
    static String access(Plan plan) {
        String scans = plan.nodes().stream().filter(n -> n.relationName().isPresent() || n.detail().isPresent())
                .filter(n -> !n.nodeType().startsWith("USE TEMP B-TREE"))
                .map(PlanNode::describe).collect(Collectors.joining("; "));
        return scans.isEmpty() ? plan.roots().stream().map(PlanNode::describe).collect(Collectors.joining("; "))
                : scans;
    }
}
