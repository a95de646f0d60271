package org.jdbcoptimizer.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.testing.WorkloadFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped shop workload on the real PostgreSQL (with HypoPG), ten times smaller than the full
 * shop, in a schema of its own.
 */
class WorkloadPostgresTest {

    private static final String SCHEMA = "workload_test";
    private static final double SCALE = 0.1;
    private static String url;
    private final WorkloadFile workload = WorkloadFixture.workload();

    @BeforeAll
    static void load() throws SQLException {
        url = WorkloadFixture.postgres(SCHEMA, SCALE);
    }

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void aReplayThroughTheOptimizerRunsEveryShape() throws SQLException {
        WorkloadRun run;
        try (Connection connection = DriverManager.getConnection("jdbc:optimizer:" + url.substring("jdbc:".length())
                + "&optimizer.pool.name=workload-pg")) {
            run = new WorkloadReplay(workload, 0.05).run(connection);
        }

        for (WorkloadShape shape : workload.shapes()) {
            WorkloadTiming timing = run.timing(shape.name()).orElseThrow();
            assertEquals(shape.runs(0.05), timing.executions(), shape.name());
            assertTrue(timing.rows() > 0, shape.name() + " reads or writes rows");
        }
        assertTrue(OptimizerDriver.statementStats().stream().filter(s -> s.poolName().equals("workload-pg"))
                .anyMatch(s -> s.fingerprint().contains("from inventory where product_id = ?")));
    }

    @Test
    void hypopgShowsTheCostOfAStatementWithAndWithoutAnIndexAndLeavesNothingBehind() throws SQLException {
        String sql = workload.shape("orders_of_customer").orElseThrow().sql();
        try (Connection connection = DriverManager.getConnection(url)) {
            IndexImpactResult result = IndexImpact.ofStatement(connection,
                    "create index concurrently on orders (customer_id, created_at)", sql, List.of(42L), 1);

            assertTrue(result.indexUsed(), result.accessAfter());
            assertTrue(result.accessBefore().contains("Seq Scan on orders"), result.accessBefore());
            assertTrue(result.costAfter().getAsDouble() * 10 < result.costBefore().getAsDouble(),
                    result.costBefore() + " -> " + result.costAfter());
            assertTrue(result.nanosBefore().isEmpty(), "nothing is run on PostgreSQL");
            assertEquals(0, count(connection, "select count(*) from public.hypopg_list_indexes"), "hypothetical index dropped");
            assertEquals(0, count(connection, "select count(*) from pg_indexes where schemaname = '" + SCHEMA
                    + "' and indexdef like '%customer_id, created_at%'"), "no real index built");
        }
    }

    @Test
    void hypopgOverTheWorkloadShowsWhichShapesUseTheIndexWithAStringParameterSentUntyped() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            List<IndexImpactResult> results = IndexImpact.ofWorkload(connection,
                    "create index on order_items (order_id)", workload, 1);
            IndexImpactResult byCreated = IndexImpact.ofStatement(connection,
                    "create index on orders (created_at) where status = 'pending'",
                    workload.shape("recent_pending_orders").orElseThrow().sql(), List.of("2024-11-01 00:00:00"), 1);

            assertTrue(results.stream().filter(r -> r.label().equals("items_of_order")).allMatch(IndexImpactResult::indexUsed));
            assertFalse(results.stream().filter(r -> r.label().equals("product_by_id")).anyMatch(IndexImpactResult::indexUsed));
            assertTrue(byCreated.indexUsed(), byCreated.accessAfter());
        }
    }

    @Test
    void theReferenceIndexesServeEveryMissingShape() throws SQLException {
        String copy = WorkloadFixture.postgres(SCHEMA + "_refs", SCALE);
        try (Connection connection = DriverManager.getConnection(copy)) {
            List<String> names = new ArrayList<>();
            for (String ddl : workload.referenceIndexes()) {
                WorkloadFixture.execute(connection, ddl);
                names.add(ddl.split("\\s+")[2].toLowerCase());
            }
            WorkloadFixture.execute(connection, "analyze");
            Map<String, Plan> after = WorkloadPlans.explain(connection, workload);

            for (WorkloadShape shape : workload.shapes(WorkloadExpectation.MISSING, Database.POSTGRESQL)) {
                Set<String> used = new HashSet<>(WorkloadPlans.indexesUsed(after.get(shape.name())));
                used.retainAll(names);
                assertFalse(used.isEmpty(), shape.name() + " uses a reference index: " + after.get(shape.name()));
            }
        } finally {
            WorkloadFixture.dropPostgres(SCHEMA + "_refs");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return WorkloadSqliteTest.count(statement, sql);
        }
    }
}
