package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PostgresPlanParserTest {

    @Test
    void readsAnAnalyzedSeqScanWithItsFilterCounts() {
        String raw = PlanResources.text("seq-scan-selective-analyze.json");
        Plan plan = PostgresPlanParser.parse(raw);

        assertEquals(Database.POSTGRESQL, plan.database());
        assertEquals(raw, plan.raw());
        assertTrue(plan.analyzed());
        assertEquals(OptionalDouble.of(944.0), plan.totalCost());
        assertTrue(plan.executionMillis().isPresent());
        assertTrue(plan.planningMillis().isPresent());
        PlanNode scan = plan.roots().get(0);
        assertEquals("Seq Scan", scan.nodeType());
        assertEquals(Optional.of("sample_orders"), scan.relationName());
        assertEquals(Optional.of("(customer_id = 42)"), scan.filter());
        assertEquals(OptionalDouble.of(10), scan.estimatedRows());
        assertEquals(OptionalDouble.of(10), scan.actualRows());
        assertEquals(OptionalLong.of(1), scan.actualLoops());
        assertEquals(OptionalDouble.of(49_990), scan.rowsRemovedByFilter());
        assertEquals(OptionalDouble.of(0), scan.startupCost());
        assertEquals(OptionalLong.of(0), scan.tempWrittenBlocks());
        assertEquals(Optional.empty(), scan.indexName());
        assertEquals(Optional.empty(), scan.detail());
        assertEquals("Seq Scan on sample_orders", scan.describe());
        assertEquals(Set.of("sample_orders"), plan.relations());
    }

    @Test
    void readsSortMethodSpaceAndTempBlocks() {
        PlanNode sort = PlanResources.postgres("sort-spill-analyze.json").roots().get(0);
        assertEquals("Sort", sort.nodeType());
        assertEquals(Optional.of("external merge"), sort.sortMethod());
        assertEquals(Optional.of("Disk"), sort.sortSpaceType());
        assertEquals(OptionalLong.of(1432), sort.sortSpaceUsedKb());
        assertEquals(OptionalLong.of(599), sort.tempWrittenBlocks());
        assertEquals(1, sort.children().size());
        assertEquals(Optional.of("Outer"), sort.children().get(0).parentRelationship());
    }

    @Test
    void readsAHashJoinWithItsBatches() {
        Plan plan = PlanResources.postgres("hash-spill-analyze.json");
        PlanNode join = plan.roots().get(0);
        assertEquals("Hash Join", join.nodeType());
        assertEquals(Optional.of("Inner"), join.joinType());
        assertEquals(Optional.of("(o.customer_id = c.id)"), join.joinCondition());
        PlanNode hash = join.children().get(1);
        assertEquals("Hash", hash.nodeType());
        assertEquals(Optional.of("Inner"), hash.parentRelationship());
        assertEquals(OptionalLong.of(4), hash.hashBatches());
        assertEquals(OptionalLong.of(4), hash.originalHashBatches());
        assertEquals("Seq Scan on sample_customers c", hash.children().get(0).describe());
        assertEquals(List.of("Hash Join", "Seq Scan", "Hash", "Seq Scan"),
                plan.nodes().stream().map(PlanNode::nodeType).toList());
    }

    @Test
    void anEstimateOnlyPlanHasNoMeasurements() {
        Plan plan = PlanResources.postgres("nested-loop-estimates.json");
        assertFalse(plan.analyzed());
        assertEquals(OptionalDouble.empty(), plan.executionMillis());
        PlanNode loop = plan.roots().get(0);
        assertEquals("Nested Loop", loop.nodeType());
        assertEquals(Optional.of("(c.id = o.customer_id)"), loop.joinCondition());
        assertEquals(OptionalDouble.empty(), loop.actualRows());
        assertEquals(OptionalLong.empty(), loop.actualLoops());
        assertEquals(OptionalDouble.of(834_161.28), plan.totalCost());
        assertEquals("""
                Nested Loop (rows=11108)
                  Seq Scan on sample_orders o (rows=50000)
                  Materialize (rows=1111)
                    Seq Scan on sample_customers c (rows=1111)
                """, plan.outline());
    }

    @Test
    void readsIndexScansAndConditions() {
        Plan plan = PostgresPlanParser.parse("""
                [{"Plan": {"Node Type": "Bitmap Heap Scan", "Relation Name": "t", "Alias": "t",
                  "Recheck Cond": "(v = 7)", "Plan Rows": 10, "Total Cost": 40.5,
                  "Plans": [{"Node Type": "Bitmap Index Scan", "Parent Relationship": "Outer",
                             "Index Name": "t_v", "Index Cond": "(v = 7)", "Plan Rows": 10}]}}]
                """);
        PlanNode heap = plan.roots().get(0);
        assertEquals(Optional.of("(v = 7)"), heap.indexCondition());
        PlanNode index = heap.children().get(0);
        assertEquals(Optional.of("t_v"), index.indexName());
        assertEquals("Bitmap Index Scan using t_v", index.describe());
    }

    @Test
    void refusesTextThatIsNotAPlan() {
        for (String bad : List.of("[]", "{}", "[{}]", "[{\"Plan\": 1}]", "[{\"Plan\": {}}]",
                "[{\"Plan\": {\"Node Type\": 3}}]", "[{\"Plan\": {\"Node Type\": \"Result\", \"Plans\": {}}}]",
                "[{\"Plan\": {\"Node Type\": \"Result\", \"Plan Rows\": \"many\"}}]", "not json", "Seq Scan on t")) {
            assertThrows(IllegalArgumentException.class, () -> PostgresPlanParser.parse(bad), bad);
        }
    }
}
