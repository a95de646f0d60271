package org.jdbcoptimizer.dialect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An execution plan as the database reported it: the tree of {@link PlanNode}s and the raw text it
 * was parsed from (for the slow-query log). Immutable and thread-safe.
 *
 * <p>A PostgreSQL plan has exactly one root. A SQLite plan may have several: {@code EXPLAIN QUERY
 * PLAN} lists one top-level row per loop of the join and per temporary b-tree.
 */
public final class Plan {

    private final Database database;
    private final List<PlanNode> roots;
    private final String raw;
    private final double planningMillis;
    private final double executionMillis;

    Plan(Database database, List<PlanNode> roots, String raw, double planningMillis, double executionMillis) {
        this.database = Objects.requireNonNull(database, "database");
        this.roots = List.copyOf(roots);
        this.raw = Objects.requireNonNull(raw, "raw");
        this.planningMillis = planningMillis;
        this.executionMillis = executionMillis;
    }

    public Database database() {
        return database;
    }

    /**
     * The top-level nodes: one for PostgreSQL; for SQLite possibly several, or none for a statement
     * SQLite has no plan for (DDL).
     */
    public List<PlanNode> roots() {
        return roots;
    }

    /** Every node, depth first, parents before children. */
    public List<PlanNode> nodes() {
        List<PlanNode> out = new ArrayList<>();
        for (PlanNode root : roots) {
            out.addAll(root.flatten());
        }
        return out;
    }

    /**
     * The text the database returned: PostgreSQL's JSON document; for SQLite one line per row,
     * {@code id|parent|detail}. {@link ExplainDialect#parse(String)} reads it back.
     */
    public String raw() {
        return raw;
    }

    /** The planner's total cost of the whole statement (PostgreSQL); empty for SQLite. */
    public OptionalDouble totalCost() {
        return roots.size() == 1 ? roots.get(0).totalCost() : OptionalDouble.empty();
    }

    /** True when the plan carries measured rows and loops, i.e. it came from EXPLAIN ANALYZE. */
    public boolean analyzed() {
        return nodes().stream().anyMatch(n -> n.actualLoops().isPresent());
    }

    /** "Planning Time" in milliseconds (PostgreSQL, ANALYZE only). */
    public OptionalDouble planningMillis() {
        return Double.isNaN(planningMillis) ? OptionalDouble.empty() : OptionalDouble.of(planningMillis);
    }

    /** "Execution Time" in milliseconds (PostgreSQL, ANALYZE only). */
    public OptionalDouble executionMillis() {
        return Double.isNaN(executionMillis) ? OptionalDouble.empty() : OptionalDouble.of(executionMillis);
    }

    /** The relations (tables, or aliases where SQLite prints them) the plan reads, in plan order. */
    public Set<String> relations() {
        Set<String> out = new LinkedHashSet<>();
        for (PlanNode node : nodes()) {
            node.relationName().ifPresent(out::add);
        }
        return out;
    }

    /** An indented outline, one node per line, for logs and reports. */
    public String outline() {
        StringBuilder out = new StringBuilder();
        for (PlanNode root : roots) {
            outline(root, 0, out);
        }
        return out.toString();
    }

    private static void outline(PlanNode node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(node.describe());
        node.estimatedRows().ifPresent(rows -> out.append(" (rows=").append(Math.round(rows)).append(')'));
        if (node.actualLoops().isPresent() && node.actualRows().isPresent()) {
            out.append(" (actual rows=").append(Math.round(node.actualRows().getAsDouble()))
                    .append(" loops=").append(node.actualLoops().getAsLong()).append(')');
        }
        out.append('\n');
        for (PlanNode child : node.children()) {
            outline(child, depth + 1, out);
        }
    }

    @Override
    public String toString() {
        return outline();
    }
}
