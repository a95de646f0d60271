package org.jdbcoptimizer.dialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.jdbcoptimizer.dialect.PlanFinding.Kind;

/**
 * The PostgreSQL checks of {@link PlanAnalyzer}, one method per {@link Kind}.
 *
 * <p>Row arithmetic follows EXPLAIN: "Actual Rows" and "Rows Removed by Filter" are per loop, and
 * so is "Plan Rows". A scan's input per loop is therefore actual + removed with ANALYZE; without it
 * the plan holds only the estimated output, and the table's size must come from the catalog
 * ({@link PlanContext#tableRows()}), or from the estimate itself when the scan has no filter.
 */
final class PostgresPlanRules {

    private static final Set<String> JOINS = Set.of("Nested Loop", "Hash Join", "Merge Join");
    /** Nodes that only buffer or reorder their single input; the join really reads what is below them. */
    private static final Set<String> PASS_THROUGH = Set.of("Hash", "Materialize", "Memoize", "Sort");
    /** Above these, a node may stop before reading all its rows, so "fewer rows than estimated" is expected. */
    private static final Set<String> EARLY_STOP_JOIN_TYPES = Set.of("Semi", "Anti");

    private final AnalyzerThresholds limits;
    private final PlanContext context;
    private final List<PlanFinding> findings;

    PostgresPlanRules(AnalyzerThresholds limits, PlanContext context, List<PlanFinding> findings) {
        this.limits = limits;
        this.context = context;
        this.findings = findings;
    }

    void check(PlanNode root) {
        for (PlanNode node : root.flatten()) {
            selectiveSeqScan(node);
            sortSpill(node);
            hashSpill(node);
            nestedLoop(node);
            joinWithoutIndex(node);
        }
        misestimates(root, false);
    }

    private void selectiveSeqScan(PlanNode node) {
        if (!isSeqScan(node) || node.filter().isEmpty()) {
            return;
        }
        if (node.actualLoops().isPresent()) {
            double returned = node.actualRows().orElse(0);
            double removed = node.rowsRemovedByFilter().orElse(0);
            double read = returned + removed;
            if (node.actualLoops().getAsLong() > 0 && read >= limits.largeScanRows()
                    && removed >= read * limits.selectiveFraction()) {
                add(Kind.SEQ_SCAN_SELECTIVE, node, percent(removed, read) + "% of the " + Math.round(read)
                        + " rows read were discarded by the filter " + node.filter().get(),
                        numbers("rowsRead", read, "rowsReturned", returned, "rowsRemovedByFilter", removed,
                                "removedPercent", percent(removed, read), "loops", node.actualLoops().getAsLong()));
            }
            return;
        }
        OptionalDouble tableRows = node.relationName().map(context::rowsOf).orElse(OptionalDouble.empty());
        OptionalDouble estimated = node.estimatedRows();
        if (tableRows.isPresent() && estimated.isPresent() && tableRows.getAsDouble() >= limits.largeScanRows()) {
            double table = tableRows.getAsDouble();
            double removed = Math.max(0, table - estimated.getAsDouble());
            if (removed >= table * limits.selectiveFraction()) {
                add(Kind.SEQ_SCAN_SELECTIVE, node, "the filter " + node.filter().get() + " is estimated to keep "
                        + Math.round(estimated.getAsDouble()) + " of about " + Math.round(table) + " rows",
                        numbers("tableRows", table, "estimatedRows", estimated.getAsDouble(),
                                "removedPercent", percent(removed, table)));
            }
        }
    }

    private void sortSpill(PlanNode node) {
        boolean external = node.sortMethod().map(m -> m.startsWith("external")).orElse(false);
        boolean disk = node.sortSpaceType().map("Disk"::equals).orElse(false);
        if (external || disk) {
            Map<String, Number> numbers = new LinkedHashMap<>();
            node.sortSpaceUsedKb().ifPresent(kb -> numbers.put("sortSpaceUsedKb", kb));
            node.tempWrittenBlocks().ifPresent(blocks -> numbers.put("tempWrittenBlocks", blocks));
            node.actualRows().ifPresent(rows -> numbers.put("rows", rows));
            add(Kind.SORT_SPILL, node, "the sort used " + node.sortMethod().orElse("disk")
                    + " on disk; it did not fit in work_mem", numbers);
        }
    }

    private void hashSpill(PlanNode node) {
        long batches = node.hashBatches().orElse(0);
        long original = node.originalHashBatches().orElse(0);
        long disk = node.diskUsageKb().orElse(0);
        if (batches > 1 || original > 1 || disk > 0) {
            Map<String, Number> numbers = numbers("hashBatches", batches);
            node.originalHashBatches().ifPresent(b -> numbers.put("originalHashBatches", b));
            node.diskUsageKb().ifPresent(kb -> numbers.put("diskUsageKb", kb));
            node.tempWrittenBlocks().ifPresent(blocks -> numbers.put("tempWrittenBlocks", blocks));
            add(Kind.HASH_SPILL, node, "the hash table did not fit in work_mem and was split into " + batches
                    + " batches on disk", numbers);
        }
    }

    private void nestedLoop(PlanNode node) {
        if (!node.nodeType().equals("Nested Loop") || node.children().size() != 2) {
            return;
        }
        PlanNode outer = node.children().get(0);
        PlanNode inner = node.children().get(1);
        OptionalDouble loops = inner.actualLoops().isPresent()
                ? OptionalDouble.of(inner.actualLoops().getAsLong()) : outer.estimatedRows();
        if (loops.isPresent() && loops.getAsDouble() >= limits.nestedLoopMinLoops()) {
            String measured = inner.actualLoops().isPresent() ? "ran" : "is estimated to run";
            add(Kind.NESTED_LOOP_LARGE, "Nested Loop (inner: " + unwrap(inner).describe() + ")",
                    relationBelow(inner), "the inner side " + measured + " " + Math.round(loops.getAsDouble())
                            + " times, once per outer row",
                    numbers("loops", loops.getAsDouble()));
        }
    }

    /**
     * A join where one side is a Seq Scan of a large table and the other side is small: an index on
     * the large table's join column would let PostgreSQL look up the few matching rows instead. A
     * join of two large inputs is left alone; reading everything is then the right plan. When both
     * sides qualify, the larger table is reported.
     */
    private void joinWithoutIndex(PlanNode node) {
        if (!JOINS.contains(node.nodeType()) || node.children().size() != 2) {
            return;
        }
        PlanNode best = null;
        double bestRows = 0;
        double bestOtherRows = 0;
        for (int side = 0; side < 2; side++) {
            PlanNode scan = unwrap(node.children().get(side));
            OptionalDouble rows = isSeqScan(scan) ? rowsReadPerLoop(scan) : OptionalDouble.empty();
            if (rows.isEmpty() || rows.getAsDouble() < limits.largeScanRows() || rows.getAsDouble() <= bestRows) {
                continue;
            }
            OptionalDouble otherRows = matchedRows(node, 1 - side);
            if (otherRows.isPresent() && otherRows.getAsDouble() <= rows.getAsDouble() * (1 - limits.selectiveFraction())) {
                best = scan;
                bestRows = rows.getAsDouble();
                bestOtherRows = otherRows.getAsDouble();
            }
        }
        if (best != null) {
            add(Kind.JOIN_WITHOUT_INDEX, best, node.nodeType() + " reads all " + Math.round(bestRows) + " rows of "
                    + best.relationName().orElse("?") + " to match " + Math.round(bestOtherRows)
                    + " rows; no index serves " + node.joinCondition().orElse("the join condition"),
                    numbers("tableRowsRead", bestRows, "otherSideRows", bestOtherRows));
        }
    }

    /**
     * Reports the lowest nodes whose estimate is off: an error below propagates to every node above,
     * and the place to fix is where it starts. Returns whether this subtree reported one.
     */
    private boolean misestimates(PlanNode node, boolean mayStopEarly) {
        boolean childStops = mayStopEarly || node.nodeType().equals("Limit") || node.nodeType().equals("Merge Join")
                || node.joinType().map(EARLY_STOP_JOIN_TYPES::contains).orElse(false);
        boolean below = false;
        for (PlanNode child : node.children()) {
            // A SubPlan or InitPlan (EXISTS, scalar subquery) and the inner side of a Nested Loop
            // (Inner Unique: one match ends the scan) may also stop early.
            boolean subPlan = child.parentRelationship().map(r -> r.endsWith("Plan")).orElse(false);
            boolean innerOfLoop = node.nodeType().equals("Nested Loop")
                    && child.parentRelationship().map("Inner"::equals).orElse(false);
            below |= misestimates(child, childStops || subPlan || innerOfLoop);
        }
        if (below || node.actualLoops().orElse(0) == 0 || node.actualRows().isEmpty()
                || node.estimatedRows().isEmpty()) {
            return below;
        }
        double actual = node.actualRows().getAsDouble();
        double estimated = node.estimatedRows().getAsDouble();
        if (Math.max(actual, estimated) < limits.misestimateMinRows() || (actual < estimated && mayStopEarly)) {
            return false;
        }
        double factor = Math.max(actual, estimated) / Math.max(1, Math.min(actual, estimated));
        if (factor < limits.misestimateFactor()) {
            return false;
        }
        add(Kind.ESTIMATE_OFF, node, "estimated " + Math.round(estimated) + " rows, got " + Math.round(actual)
                + " (" + (actual > estimated ? "under" : "over") + "-estimated " + Math.round(factor) + "x)",
                numbers("estimatedRows", estimated, "actualRows", actual, "factor", factor,
                        "loops", node.actualLoops().getAsLong()));
        return true;
    }

    private OptionalDouble rowsReadPerLoop(PlanNode scan) {
        if (scan.actualLoops().orElse(0) > 0) {
            return OptionalDouble.of(scan.actualRows().orElse(0) + scan.rowsRemovedByFilter().orElse(0));
        }
        OptionalDouble catalog = scan.relationName().map(context::rowsOf).orElse(OptionalDouble.empty());
        if (catalog.isPresent() || scan.filter().isPresent()) {
            return catalog;
        }
        return scan.estimatedRows(); // without a filter, the scan's output is the whole table
    }

    /**
     * How many rows one side of a join brings to be matched: its rows per loop. Not known for the
     * inner side of a Nested Loop that is parameterized by the outer row (an index lookup per outer
     * row, possibly behind a Memoize): there the rows per loop are one lookup's, and that side
     * already uses an index. A Materialize or an unparameterized scan yields the same rows each loop.
     */
    private static OptionalDouble matchedRows(PlanNode join, int side) {
        PlanNode node = join.children().get(side);
        boolean rescannedAsIs = node.nodeType().equals("Materialize") || isSeqScan(node);
        if (join.nodeType().equals("Nested Loop") && side == 1 && !rescannedAsIs) {
            return OptionalDouble.empty();
        }
        return node.actualLoops().orElse(0) > 0 ? node.actualRows() : node.estimatedRows();
    }

    private static PlanNode unwrap(PlanNode node) {
        PlanNode current = node;
        while (PASS_THROUGH.contains(current.nodeType()) && current.children().size() == 1) {
            current = current.children().get(0);
        }
        return current;
    }

    private static String relationBelow(PlanNode node) {
        for (PlanNode n : node.flatten()) {
            if (n.relationName().isPresent()) {
                return n.relationName().get();
            }
        }
        return null;
    }

    private static boolean isSeqScan(PlanNode node) {
        return node.nodeType().equals("Seq Scan") || node.nodeType().equals("Parallel Seq Scan");
    }

    private void add(Kind kind, PlanNode node, String detail, Map<String, Number> numbers) {
        add(kind, node.describe(), node.relationName().orElse(null), detail, numbers);
    }

    private void add(Kind kind, String description, String relation, String detail, Map<String, Number> numbers) {
        Map<String, Number> evidence = new LinkedHashMap<>();
        numbers.forEach((name, value) -> evidence.put(name, wholeAsLong(value)));
        findings.add(new PlanFinding(kind, description, relation, detail, evidence));
    }

    /** Whole numbers become Long so that reports print them without ".0". */
    private static Number wholeAsLong(Number value) {
        double d = value.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) Math.round(d) : value;
    }

    private static long percent(double part, double whole) {
        return whole <= 0 ? 0 : Math.round(100 * part / whole);
    }

    /** Name/value pairs, in order. */
    private static Map<String, Number> numbers(Object... pairs) {
        Map<String, Number> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Number) pairs[i + 1]);
        }
        return out;
    }
}
