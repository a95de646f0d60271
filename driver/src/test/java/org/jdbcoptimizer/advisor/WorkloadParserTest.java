package org.jdbcoptimizer.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.testing.WorkloadFixture;
import org.junit.jupiter.api.Test;

class WorkloadParserTest {

    @Test
    void theShippedShopWorkloadHasEveryKindOfShape() {
        WorkloadFile workload = WorkloadFixture.workload();

        assertTrue(workload.shapes().size() >= 15, "15+ shapes: " + workload.shapes().size());
        assertEquals(8, workload.shapes(WorkloadExpectation.MISSING).size());
        assertTrue(workload.shapes(WorkloadExpectation.SERVED).size() >= 4);
        assertTrue(workload.shapes(WorkloadExpectation.UNINDEXABLE).size() >= 3);
        assertTrue(workload.shapes(WorkloadExpectation.WRITE).size() >= 2);
        for (WorkloadShape missing : workload.shapes(WorkloadExpectation.MISSING)) {
            assertEquals(1, missing.referenceIndexes().size(), missing.name() + " names the index that serves it");
        }
        assertEquals(8, workload.referenceIndexes().size());
        WorkloadShape orders = workload.shape("orders_of_customer").orElseThrow();
        assertEquals(150, orders.runs());
        assertEquals("select id from customers where id % 101 = 1", orders.paramsQuery(Database.SQLITE).orElseThrow());
        assertTrue(orders.sql().endsWith("limit 20"), "the final semicolon is dropped: " + orders.sql());
    }

    @Test
    void readsEveryDirectiveAndScalesRuns() {
        WorkloadFile workload = WorkloadFile.parse("""
                -- prose before the first block is ignored
                -- shape: a
                -- expect: missing  orders by customer
                -- some prose: with a colon
                -- runs: 10
                -- params: select 1
                -- params.postgresql: select 2
                -- reference: create index i on t (c)
                select *
                  from t where c = ?;
                -- shape: b
                -- expect: write
                -- runs: 3
                insert into t values ('?');
                """, "test.sql");

        WorkloadShape a = workload.shape("a").orElseThrow();
        assertEquals(WorkloadExpectation.MISSING, a.expectation());
        assertEquals("orders by customer", a.reason());
        assertEquals("select *\n  from t where c = ?", a.sql());
        assertEquals("select 1", a.paramsQuery(Database.SQLITE).orElseThrow());
        assertEquals("select 2", a.paramsQuery(Database.POSTGRESQL).orElseThrow());
        assertEquals(List.of("create index i on t (c)"), a.referenceIndexes());
        assertEquals(1, a.runs(0.01), "never below one run");
        assertEquals(5, a.runs(0.5));
        assertEquals(0, WorkloadParameters.markers(workload.shape("b").orElseThrow().sql()), "a quoted ? is no marker");
    }

    @Test
    void namesTheLineOfEveryMistake() {
        Map<String, String> mistakes = Map.of(
                "-- shape: a\n-- runs: 1\nselect 1;\n", "test.sql:1: shape a (line 1) lacks '-- expect",
                "-- shape: a\n-- expect: served\nselect 1;\n", "lacks '-- runs: <n>'",
                "-- shape: a\n-- expect: served\n-- runs: 1\nselect ?;\n", "has ? markers but no '-- params",
                "-- shape: a\n-- expect: sometimes\n", "test.sql:2: expect must be missing, served, unindexable or write",
                "-- shape: a\n-- expect: served\n-- runs: x\n", "test.sql:3: runs must be a whole number",
                "-- shape: a\n-- expect: served\n-- runs: 1\nselect 1\n", "does not end with ';'",
                "-- shape: a\n-- expect: served\n-- runs: 1\nselect 1;\n-- shape: a\n", "test.sql:5: a second shape named 'a'",
                "select 1;\n", "test.sql:1: a statement outside a shape block",
                "-- nothing\n", "no shapes");
        mistakes.forEach((text, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadFile.parse(text, "test.sql"));
            assertTrue(e.getMessage().contains(message), e.getMessage() + " should contain " + message);
        });
    }

    @Test
    void scriptSizesScaleAndUnknownPlaceholdersFail() {
        String script = "-- size: orders 200000\n-- size: tiny 10\nselect ${orders}, ${tiny};\n";

        assertEquals(Map.of("orders", 2000L, "tiny", 1L), WorkloadScript.sizes(script, 0.01));
        assertEquals(List.of("select 2000, 1"), WorkloadScript.statements(WorkloadScript.substitute(script,
                WorkloadScript.sizes(script, 0.01))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkloadScript.substitute("select ${nope}", Map.of()));
        assertTrue(e.getMessage().contains("${nope}"), e.getMessage());
    }
}
