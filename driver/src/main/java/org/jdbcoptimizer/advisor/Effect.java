package org.jdbcoptimizer.advisor;

import java.util.List;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.dialect.PlanNode;

/**
 * What a candidate index does to one statement's plan, and whether that is proof enough.
 *
 * @param costBefore the statement's total cost today (NaN without costs)
 * @param costAfter  with the index (NaN without costs or when unproven)
 * @param nodeBefore the node on the table today
 * @param nodeAfter  the node that uses the index, or null
 * @param serves     PostgreSQL: the index is in the plan and the cost at least halves; SQLite: a
 *                   SCAN became a SEARCH using it (or its sort went away); heuristic: the table is
 *                   read by a sequential scan today
 */
record Effect(double costBefore, double costAfter, String nodeBefore, String nodeAfter, boolean serves) {

    /** The required gain: the statement's cost with the index at most half of today's. */
    static final double MAX_COST_RATIO = 0.5;

    /** Compares plans taken without and with the candidate. */
    static Effect of(Database database, String table, Plan before, Plan after, String planIndexName) {
        PlanNode used = null;
        for (PlanNode node : after.nodes()) {
            if (node.indexName().filter(name -> name.equals(planIndexName) || name.contains(planIndexName)).isPresent()) {
                used = node;
                break;
            }
        }
        PlanNode old = used == null ? onTable(before.nodes(), table, null) : sameRelation(before.nodes(), used, table);
        String oldText = old == null ? null : old.describe();
        if (database == Database.SQLITE) {
            boolean scanBefore = old != null && old.nodeType().equals("SCAN");
            boolean searchAfter = used != null && used.nodeType().equals("SEARCH");
            boolean sortGone = used != null && tempTrees(after.nodes()) < tempTrees(before.nodes());
            return new Effect(Double.NaN, Double.NaN, oldText, used == null ? null : used.describe(),
                    used != null && ((scanBefore && searchAfter) || sortGone));
        }
        double costBefore = before.totalCost().orElse(Double.NaN);
        double costAfter = after.totalCost().orElse(Double.NaN);
        boolean cheaper = costAfter <= costBefore * MAX_COST_RATIO;
        return new Effect(costBefore, costAfter, oldText, used == null ? null : used.describe(), used != null && cheaper);
    }

    /** Without a trial: plausible where the table is read by a sequential scan today. */
    static Effect heuristic(String table, Plan before) {
        PlanNode scan = onTable(before.nodes(), table, "Seq Scan");
        PlanNode any = scan != null ? scan : onTable(before.nodes(), table, null);
        return new Effect(before.totalCost().orElse(Double.NaN), Double.NaN, any == null ? null : any.describe(), null,
                scan != null);
    }

    private static PlanNode onTable(List<PlanNode> nodes, String table, String type) {
        for (PlanNode node : nodes) {
            if (node.relationName().filter(table::equalsIgnoreCase).isPresent()
                    && (type == null || node.nodeType().equals(type))) {
                return node;
            }
        }
        return null;
    }

    /** The node of today's plan that reads the relation the index node reads (same alias). */
    private static PlanNode sameRelation(List<PlanNode> nodes, PlanNode used, String table) {
        for (PlanNode node : nodes) {
            if (node.relationName().equals(used.relationName()) && node.alias().equals(used.alias())) {
                return node;
            }
        }
        return onTable(nodes, table, null);
    }

    private static long tempTrees(List<PlanNode> nodes) {
        return nodes.stream().filter(n -> n.nodeType().startsWith("USE TEMP B-TREE")).count();
    }
}
