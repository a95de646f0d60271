package org.jdbcoptimizer.dialect;

import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.util.Json;

/**
 * Turns PostgreSQL's {@code EXPLAIN (FORMAT JSON)} document into a {@link Plan}.
 *
 * <p>The document is an array holding one object with a "Plan" (the root node, children under
 * "Plans") and, with ANALYZE, "Planning Time" and "Execution Time". Fields this class does not know
 * are ignored: PostgreSQL adds fields between versions and the raw text keeps them all for the log.
 * A field of the wrong type, or a missing "Plan" or "Node Type", is an error, because then the text
 * is not what we think it is.
 */
final class PostgresPlanParser {

    private PostgresPlanParser() {
    }

    /** @throws IllegalArgumentException when the text is not an EXPLAIN JSON document */
    static Plan parse(String raw) {
        Object document = Json.parse(raw); // JsonParseException is an IllegalArgumentException
        if (!(document instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("Not an EXPLAIN (FORMAT JSON) document: expected an array"
                    + " holding one object");
        }
        if (!(top.get("Plan") instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("Not an EXPLAIN (FORMAT JSON) document: no \"Plan\" object");
        }
        return new Plan(Database.POSTGRESQL, List.of(node(root, 1)), raw,
                number(top, "Planning Time"), number(top, "Execution Time"));
    }

    private static PlanNode node(Map<?, ?> json, int depth) {
        Object type = json.get("Node Type");
        if (!(type instanceof String nodeType)) {
            throw new IllegalArgumentException("Plan node without a \"Node Type\" at depth " + depth);
        }
        PlanNode.Builder b = PlanNode.builder(nodeType);
        b.relationName = text(json, "Relation Name");
        b.alias = text(json, "Alias");
        b.indexName = text(json, "Index Name");
        b.parentRelationship = text(json, "Parent Relationship");
        b.joinType = text(json, "Join Type");
        b.filter = text(json, "Filter");
        b.indexCondition = firstText(json, "Index Cond", "Recheck Cond");
        b.joinCondition = firstText(json, "Hash Cond", "Merge Cond", "Join Filter");
        b.sortMethod = text(json, "Sort Method");
        b.sortSpaceType = text(json, "Sort Space Type");
        b.estimatedRows = number(json, "Plan Rows");
        b.actualRows = number(json, "Actual Rows");
        b.actualLoops = count(json, "Actual Loops");
        b.rowsRemovedByFilter = number(json, "Rows Removed by Filter");
        b.startupCost = number(json, "Startup Cost");
        b.totalCost = number(json, "Total Cost");
        b.sortSpaceUsedKb = count(json, "Sort Space Used");
        long hashBatches = count(json, "Hash Batches");
        b.hashBatches = hashBatches >= 0 ? hashBatches : count(json, "HashAgg Batches");
        b.originalHashBatches = count(json, "Original Hash Batches");
        b.diskUsageKb = count(json, "Disk Usage");
        b.tempWrittenBlocks = count(json, "Temp Written Blocks");
        Object plans = json.get("Plans");
        if (plans != null) {
            if (!(plans instanceof List<?> children)) {
                throw new IllegalArgumentException("\"Plans\" is not an array at depth " + depth);
            }
            for (Object child : children) {
                if (!(child instanceof Map<?, ?> childJson)) {
                    throw new IllegalArgumentException("A \"Plans\" entry is not an object at depth " + depth);
                }
                b.children.add(node(childJson, depth + 1));
            }
        }
        return b.build();
    }

    private static String firstText(Map<?, ?> json, String... keys) {
        for (String key : keys) {
            String value = text(json, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Map<?, ?> json, String key) {
        Object value = json.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("\"" + key + "\" is not a string: " + value);
    }

    private static double number(Map<?, ?> json, String key) {
        Object value = json.get(key);
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("\"" + key + "\" is not a number: " + value);
    }

    /** Counts are whole numbers in every PostgreSQL version; a fraction would be rounded. */
    private static long count(Map<?, ?> json, String key) {
        double value = number(json, key);
        return Double.isNaN(value) ? -1 : Math.round(value);
    }
}
