package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.dialect.PlanFinding.Kind;
import org.junit.jupiter.api.Test;

/** The analyzer's rules on captured and hand-written plans; the live counterparts are in PostgresPlanAnalyzerTest. */
class PlanAnalyzerTest {

    private final PlanAnalyzer analyzer = new PlanAnalyzer();

    @Test
    void aSelectiveSeqScanIsReportedWithItsCounts() {
        List<PlanFinding> findings = analyzer.analyze(PlanResources.postgres("seq-scan-selective-analyze.json"));
        assertEquals(1, findings.size(), findings::toString);
        PlanFinding finding = findings.get(0);
        assertEquals(Kind.SEQ_SCAN_SELECTIVE, finding.kind());
        assertEquals("Seq Scan on sample_orders", finding.node());
        assertEquals(Optional.of("sample_orders"), finding.relation());
        assertEquals(Map.of("rowsRead", 50_000L, "rowsReturned", 10L, "rowsRemovedByFilter", 49_990L,
                "removedPercent", 100L, "loops", 1L), finding.numbers());
        assertEquals(List.of("rowsRead", "rowsReturned", "rowsRemovedByFilter", "removedPercent", "loops"),
                List.copyOf(finding.numbers().keySet()));
    }

    @Test
    void aSortOnDiskIsASortSpill() {
        List<PlanFinding> findings = analyzer.analyze(PlanResources.postgres("sort-spill-analyze.json"));
        assertEquals(List.of(Kind.SORT_SPILL), kinds(findings));
        assertEquals(Map.of("sortSpaceUsedKb", 1432L, "tempWrittenBlocks", 599L, "rows", 50_000L),
                findings.get(0).numbers());
    }

    @Test
    void aHashInBatchesIsAHashSpill() {
        List<PlanFinding> findings = analyzer.analyze(PlanResources.postgres("hash-spill-analyze.json"));
        assertEquals(List.of(Kind.HASH_SPILL), kinds(findings));
        assertEquals("Hash", findings.get(0).node());
        assertEquals(Map.of("hashBatches", 4L, "originalHashBatches", 4L, "tempWrittenBlocks", 12L),
                findings.get(0).numbers());
    }

    @Test
    void aNestedLoopOverManyEstimatedRowsIsLargeAndItsLargeUnfilteredSideLacksAnIndex() {
        List<PlanFinding> findings = analyzer.analyze(PlanResources.postgres("nested-loop-estimates.json"));
        assertEquals(List.of(Kind.NESTED_LOOP_LARGE, Kind.JOIN_WITHOUT_INDEX), kinds(findings));
        assertEquals("Nested Loop (inner: Seq Scan on sample_customers c)", findings.get(0).node());
        assertEquals(Optional.of("sample_customers"), findings.get(0).relation());
        assertEquals(Map.of("loops", 50_000L), findings.get(0).numbers());
        // 1,111 customers are matched against all 50,000 orders: an index on orders.customer_id is the fix.
        assertEquals("Seq Scan on sample_orders o", findings.get(1).node());
        assertEquals(Optional.of("sample_orders"), findings.get(1).relation());
        assertEquals(Map.of("tableRowsRead", 50_000L, "otherSideRows", 1_111L), findings.get(1).numbers());
    }

    @Test
    void aHashJoinAgainstALargeUnindexedTableNeedsASmallOtherSide() {
        List<PlanFinding> small = analyzer.analyze(hashJoin(20, 200_000, ""));
        assertEquals(List.of(Kind.JOIN_WITHOUT_INDEX), kinds(small));
        assertEquals(Optional.of("o"), small.get(0).relation());
        assertEquals(Map.of("tableRowsRead", 200_000L, "otherSideRows", 20L), small.get(0).numbers());
        assertEquals(List.of(), analyzer.analyze(hashJoin(150_000, 200_000, "")), "two large inputs");
    }

    @Test
    void aFilteredScanWithoutAnalyzeNeedsTheTableSizeFromTheCatalog() {
        Plan plan = hashJoin(20, 2_000, ", \"Filter\": \"(o.state = 'x')\"");
        assertEquals(List.of(), analyzer.analyze(plan), "the plan alone does not say how large o is");
        PlanContext sizes = new PlanContext(Set.of(), Map.of("O", 300_000.0));
        List<PlanFinding> findings = analyzer.analyze(plan, sizes);
        assertEquals(List.of(Kind.JOIN_WITHOUT_INDEX, Kind.SEQ_SCAN_SELECTIVE), kinds(findings));
        assertEquals(Map.of("tableRowsRead", 300_000L, "otherSideRows", 20L), findings.get(0).numbers());
        assertEquals(Map.of("tableRows", 300_000L, "estimatedRows", 2_000L, "removedPercent", 99L),
                findings.get(1).numbers());
    }

    private static Plan hashJoin(int outerRows, int scanRows, String scanFilter) {
        return PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Hash Cond": "(o.c = c.id)",
                  "Plan Rows": 20, "Plans": [
                    {"Node Type": "Index Scan", "Parent Relationship": "Outer", "Relation Name": "c",
                     "Index Name": "c_pkey", "Plan Rows": %d},
                    {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": %d, "Plans": [
                       {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "o",
                        "Plan Rows": %d%s}]}]}}]
                """.formatted(outerRows, scanRows, scanRows, scanFilter));
    }

    @Test
    void misestimatesAreReportedWhereTheyStart() {
        Plan plan = PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Plan Rows": 300, "Actual Rows": 60000,
                  "Actual Loops": 1, "Plans": [
                    {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "a",
                     "Plan Rows": 250, "Actual Rows": 50000, "Actual Loops": 1, "Filter": "(x = y)",
                     "Rows Removed by Filter": 0},
                    {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": 20000, "Actual Rows": 20000,
                     "Actual Loops": 1, "Hash Batches": 1, "Original Hash Batches": 1, "Plans": [
                       {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "b",
                        "Plan Rows": 20000, "Actual Rows": 20000, "Actual Loops": 1}]}]}}]
                """);
        List<PlanFinding> findings = analyzer.analyze(plan);
        assertEquals(List.of(Kind.ESTIMATE_OFF), kinds(findings));
        assertEquals("Seq Scan on a", findings.get(0).node());
        assertEquals(Map.of("estimatedRows", 250L, "actualRows", 50_000L, "factor", 200L, "loops", 1L),
                findings.get(0).numbers());
    }

    @Test
    void fewerRowsUnderALimitOrTinyCountsAreNoMisestimate() {
        Plan limited = PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Limit", "Plan Rows": 10, "Actual Rows": 10, "Actual Loops": 1, "Plans": [
                  {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "a",
                   "Plan Rows": 50000, "Actual Rows": 10, "Actual Loops": 1}]}}]
                """);
        assertEquals(List.of(), analyzer.analyze(limited));
        Plan overEstimated = PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "a", "Plan Rows": 50000, "Actual Rows": 10,
                  "Actual Loops": 1}}]
                """);
        assertEquals(List.of(Kind.ESTIMATE_OFF), kinds(analyzer.analyze(overEstimated)));
        Plan tiny = PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "a", "Plan Rows": 1, "Actual Rows": 900,
                  "Actual Loops": 1}}]
                """);
        assertEquals(List.of(), analyzer.analyze(tiny));
    }

    @Test
    void otherDatabasesHaveNoRules() {
        assertEquals(List.of(), analyzer.analyze(new Plan(Database.OTHER, List.of(), "", Double.NaN, Double.NaN)));
    }

    @Test
    void thresholdsOutOfRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnalyzerThresholds(10_000, 1.5, 10, 1_000, 10_000));
        assertEquals("AnalyzerThresholds.selectiveFraction=1.5 is out of range; it must be between 0 and 1, exclusive",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerThresholds(0, 0.9, 10, 1_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerThresholds(1, 0.9, 1, 1_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerThresholds(1, 0.9, 10, -1, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new AnalyzerThresholds(1, 0.9, 10, 1_000, 0));
        assertEquals(AnalyzerThresholds.DEFAULTS, new PlanAnalyzer().thresholds());
    }

    static List<Kind> kinds(List<PlanFinding> findings) {
        return findings.stream().map(PlanFinding::kind).toList();
    }
}
