package org.jdbcoptimizer.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One step of an execution plan, as the database reported it: immutable and thread-safe.
 *
 * <p>PostgreSQL nodes carry the fields of {@code EXPLAIN (FORMAT JSON)} under their usual names
 * ("Seq Scan", "Hash Join", ...). SQLite nodes are the rows of {@code EXPLAIN QUERY PLAN}: the node
 * type is the leading keyword of the detail ({@code SCAN}, {@code SEARCH}, {@code USE TEMP B-TREE},
 * or the whole detail for anything else), the relation is the table <em>or its alias</em> as SQLite
 * prints it, and SQLite reports no rows or costs.
 *
 * <p>Every value the plan may lack is optional; an absent number means "not reported", never zero.
 * Row counts follow PostgreSQL's convention: {@link #actualRows()} and
 * {@link #rowsRemovedByFilter()} are averages per loop, so a total is the value times
 * {@link #actualLoops()}.
 */
public final class PlanNode {

    private final String nodeType;
    private final String detail;
    private final String relationName;
    private final String alias;
    private final String indexName;
    private final String parentRelationship;
    private final String joinType;
    private final String filter;
    private final String indexCondition;
    private final String joinCondition;
    private final String sortMethod;
    private final String sortSpaceType;
    private final double estimatedRows;
    private final double actualRows;
    private final long actualLoops;
    private final double rowsRemovedByFilter;
    private final double startupCost;
    private final double totalCost;
    private final long sortSpaceUsedKb;
    private final long hashBatches;
    private final long originalHashBatches;
    private final long diskUsageKb;
    private final long tempWrittenBlocks;
    private final List<PlanNode> children;

    private PlanNode(Builder b) {
        this.nodeType = b.nodeType;
        this.detail = b.detail;
        this.relationName = b.relationName;
        this.alias = b.alias;
        this.indexName = b.indexName;
        this.parentRelationship = b.parentRelationship;
        this.joinType = b.joinType;
        this.filter = b.filter;
        this.indexCondition = b.indexCondition;
        this.joinCondition = b.joinCondition;
        this.sortMethod = b.sortMethod;
        this.sortSpaceType = b.sortSpaceType;
        this.estimatedRows = b.estimatedRows;
        this.actualRows = b.actualRows;
        this.actualLoops = b.actualLoops;
        this.rowsRemovedByFilter = b.rowsRemovedByFilter;
        this.startupCost = b.startupCost;
        this.totalCost = b.totalCost;
        this.sortSpaceUsedKb = b.sortSpaceUsedKb;
        this.hashBatches = b.hashBatches;
        this.originalHashBatches = b.originalHashBatches;
        this.diskUsageKb = b.diskUsageKb;
        this.tempWrittenBlocks = b.tempWrittenBlocks;
        this.children = List.copyOf(b.children);
    }

    /** "Seq Scan", "Nested Loop", ... (PostgreSQL); "SCAN", "SEARCH", ... (SQLite). Never null. */
    public String nodeType() {
        return nodeType;
    }

    /** SQLite's detail text ("SEARCH t USING INDEX t_v (v=?)"); empty for PostgreSQL. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> relationName() {
        return Optional.ofNullable(relationName);
    }

    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public Optional<String> indexName() {
        return Optional.ofNullable(indexName);
    }

    /** "Outer", "Inner", "SubPlan", "InitPlan", "Member" (PostgreSQL). */
    public Optional<String> parentRelationship() {
        return Optional.ofNullable(parentRelationship);
    }

    /** "Inner", "Left", "Semi", "Anti", ... on join nodes (PostgreSQL). */
    public Optional<String> joinType() {
        return Optional.ofNullable(joinType);
    }

    /** The "Filter" expression: rows read and then discarded. */
    public Optional<String> filter() {
        return Optional.ofNullable(filter);
    }

    /** "Index Cond" or, on bitmap heap scans, "Recheck Cond"; SQLite's "(v=?)" of a SEARCH. */
    public Optional<String> indexCondition() {
        return Optional.ofNullable(indexCondition);
    }

    /** "Hash Cond", "Merge Cond" or "Join Filter". */
    public Optional<String> joinCondition() {
        return Optional.ofNullable(joinCondition);
    }

    /** "quicksort", "top-N heapsort", "external merge", "external sort". */
    public Optional<String> sortMethod() {
        return Optional.ofNullable(sortMethod);
    }

    /** "Memory" or "Disk". */
    public Optional<String> sortSpaceType() {
        return Optional.ofNullable(sortSpaceType);
    }

    /** The planner's rows per loop ("Plan Rows"). */
    public OptionalDouble estimatedRows() {
        return optional(estimatedRows);
    }

    /** Rows per loop, measured (ANALYZE only). */
    public OptionalDouble actualRows() {
        return optional(actualRows);
    }

    /** Times the node ran (ANALYZE only); 0 when it never ran. */
    public OptionalLong actualLoops() {
        return optional(actualLoops);
    }

    /** Rows per loop read and discarded by the filter (ANALYZE only). */
    public OptionalDouble rowsRemovedByFilter() {
        return optional(rowsRemovedByFilter);
    }

    public OptionalDouble startupCost() {
        return optional(startupCost);
    }

    public OptionalDouble totalCost() {
        return optional(totalCost);
    }

    public OptionalLong sortSpaceUsedKb() {
        return optional(sortSpaceUsedKb);
    }

    /** "Hash Batches" of a Hash node, or "HashAgg Batches" of a hashed aggregate (ANALYZE only). */
    public OptionalLong hashBatches() {
        return optional(hashBatches);
    }

    public OptionalLong originalHashBatches() {
        return optional(originalHashBatches);
    }

    /** "Disk Usage" in kB of a hashed aggregate that spilled (ANALYZE only). */
    public OptionalLong diskUsageKb() {
        return optional(diskUsageKb);
    }

    /** "Temp Written Blocks" (ANALYZE with BUFFERS only). */
    public OptionalLong tempWrittenBlocks() {
        return optional(tempWrittenBlocks);
    }

    /** The inputs of this node, outer before inner; unmodifiable. */
    public List<PlanNode> children() {
        return children;
    }

    /** This node and all below it, depth first, parents before children. */
    public List<PlanNode> flatten() {
        List<PlanNode> out = new ArrayList<>();
        addTo(out);
        return out;
    }

    private void addTo(List<PlanNode> out) {
        out.add(this);
        for (PlanNode child : children) {
            child.addTo(out);
        }
    }

    /**
     * One line naming the node the way EXPLAIN's text format does: "Seq Scan on orders o",
     * "Index Scan using orders_pkey on orders", "Hash Join"; for SQLite the detail itself.
     */
    public String describe() {
        if (detail != null) {
            return detail;
        }
        StringBuilder out = new StringBuilder(nodeType);
        if (indexName != null) {
            out.append(" using ").append(indexName);
        }
        if (relationName != null) {
            out.append(" on ").append(relationName);
            if (alias != null && !alias.equals(relationName)) {
                out.append(' ').append(alias);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static OptionalLong optional(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static Builder builder(String nodeType) {
        return new Builder(nodeType);
    }

    /** Filled in by the parsers; absent numbers stay NaN (rows, costs) or -1 (counts). */
    static final class Builder {
        private final String nodeType;
        String detail;
        String relationName;
        String alias;
        String indexName;
        String parentRelationship;
        String joinType;
        String filter;
        String indexCondition;
        String joinCondition;
        String sortMethod;
        String sortSpaceType;
        double estimatedRows = Double.NaN;
        double actualRows = Double.NaN;
        long actualLoops = -1;
        double rowsRemovedByFilter = Double.NaN;
        double startupCost = Double.NaN;
        double totalCost = Double.NaN;
        long sortSpaceUsedKb = -1;
        long hashBatches = -1;
        long originalHashBatches = -1;
        long diskUsageKb = -1;
        long tempWrittenBlocks = -1;
        final List<PlanNode> children = new ArrayList<>();

        private Builder(String nodeType) {
            this.nodeType = nodeType;
        }

        PlanNode build() {
            return new PlanNode(this);
        }
    }
}
