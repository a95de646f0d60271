package org.jdbcoptimizer.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.testing.TestDatabases;
import org.jdbcoptimizer.testing.WorkloadFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped shop workload on a real SQLite file, 20 times smaller than the full shop. */
class WorkloadSqliteTest {

    private static final double SCALE = 0.05;
    private static Path file;
    private final WorkloadFile workload = WorkloadFixture.workload();

    @BeforeAll
    static void load() throws SQLException {
        file = WorkloadFixture.sqlite(SCALE);
    }

    @AfterEach
    void closePools() {
        OptimizerDriver.closePools();
    }

    @Test
    void theGeneratorLoadsTheScaledShopWithRarePendingOrders() throws SQLException {
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            assertEquals(10_000, count(statement, "select count(*) from orders"));
            assertEquals(20_000, count(statement, "select count(*) from order_items"));
            assertEquals(2_000 * 4, count(statement, "select count(*) from inventory"));
            long pending = count(statement, "select count(*) from orders where status = 'pending'");
            assertTrue(pending > 0 && pending < 10_000 / 100, "pending is rare: " + pending);
            assertEquals(0, count(statement, "select count(*) from order_items i left join orders o on o.id = i.order_id"
                    + " where o.id is null"), "every line belongs to an order");
        }
    }

    @Test
    void aReplayThroughTheOptimizerRunsEveryShapeAndTheOptimizerSeesThem() throws SQLException {
        Path copy = WorkloadFixture.sqlite(SCALE); // the replay writes
        WorkloadRun run;
        try (Connection connection = DriverManager.getConnection(TestDatabases.optimizerSqliteUrl(copy,
                "optimizer.pool.name=workload-sqlite"))) {
            run = new WorkloadReplay(workload, 0.1).run(connection);
        }

        for (WorkloadShape shape : workload.shapes()) {
            WorkloadTiming timing = run.timing(shape.name()).orElseThrow();
            assertEquals(shape.runs(0.1), timing.executions(), shape.name());
            assertTrue(timing.totalNanos() > 0, shape.name());
            assertTrue(timing.rows() > 0, shape.name() + " reads or writes rows: its parameters come from the data");
        }
        assertEquals(run.totalNanos(), run.timings().stream().mapToLong(WorkloadTiming::totalNanos).sum());
        long seen = OptimizerDriver.statementStats().stream().filter(s -> s.poolName().equals("workload-sqlite"))
                .filter(s -> s.fingerprint().contains("from order_items where order_id = ?")).mapToLong(ShapeStats::calls)
                .sum();
        assertEquals(workload.shape("items_of_order").orElseThrow().runs(0.1), seen);
    }

    @Test
    void theReferenceIndexesServeEveryMissingShapeAndNothingServesThemBefore() throws SQLException {
        Path copy = WorkloadFixture.sqlite(SCALE);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            Map<String, Plan> before = WorkloadPlans.explain(connection, workload);
            List<String> names = new ArrayList<>();
            for (String ddl : workload.referenceIndexes()) {
                WorkloadFixture.execute(connection, ddl);
                names.add(ddl.split("\\s+")[2].toLowerCase());
            }
            Map<String, Plan> after = WorkloadPlans.explain(connection, workload);

            assertEquals(WorkloadExpectation.SERVED, workload.shape("stock_of_product").orElseThrow()
                    .expectation(Database.SQLITE), "SQLite skip-scans inventory's primary key");
            for (WorkloadShape shape : workload.shapes(WorkloadExpectation.MISSING, Database.SQLITE)) {
                Set<String> used = new HashSet<>(WorkloadPlans.indexesUsed(after.get(shape.name())));
                used.retainAll(names);
                assertFalse(used.isEmpty(), shape.name() + " uses a reference index: " + after.get(shape.name()));
                assertTrue(WorkloadPlans.access(before.get(shape.name())).contains("SCAN"),
                        shape.name() + " scans without it: " + before.get(shape.name()));
            }
        }
    }

    @Test
    void indexImpactTimesAStatementWithAndWithoutTheIndexAndRollsItBack() throws SQLException {
        String sql = workload.shape("orders_of_customer").orElseThrow().sql();
        try (Connection connection = plain()) {
            IndexImpactResult result = IndexImpact.ofStatement(connection,
                    "create index scratch_orders_customer on orders (customer_id, created_at)", sql, List.of(42L), 5);

            assertTrue(result.indexUsed(), result.accessAfter());
            assertEquals("scratch_orders_customer", result.indexName());
            assertTrue(result.accessBefore().contains("SCAN orders"), result.accessBefore());
            assertTrue(result.ratio() > 0, "both runs were timed: " + result.ratio()); // no timing is asserted
            assertTrue(connection.getAutoCommit(), "auto-commit restored");
            try (Statement statement = connection.createStatement()) {
                assertEquals(0, count(statement,
                        "select count(*) from sqlite_master where name = 'scratch_orders_customer'"), "rolled back");
            }
            String report = IndexImpactReport.format("create index ...", List.of(result));
            assertTrue(report.contains("the plan uses the index"), report);
        }
    }

    @Test
    void indexImpactOverTheWorkloadRollsBackItsWrites() throws SQLException {
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            long orders = count(statement, "select count(*) from orders");
            List<IndexImpactResult> results = IndexImpact.ofWorkload(connection,
                    "create index scratch_items_order on order_items (order_id)", workload, 1);

            assertEquals(workload.shapes().size(), results.size());
            assertTrue(results.stream().filter(r -> r.label().equals("items_of_order")).allMatch(IndexImpactResult::indexUsed));
            assertFalse(results.stream().filter(r -> r.label().equals("product_by_id")).anyMatch(IndexImpactResult::indexUsed));
            assertEquals(orders, count(statement, "select count(*) from orders"), "place_order's inserts rolled back");
        }
    }

    private static Connection plain() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
