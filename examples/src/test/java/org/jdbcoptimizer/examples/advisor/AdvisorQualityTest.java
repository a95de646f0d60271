package org.jdbcoptimizer.examples.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index advisor on the shipped shop workload (src/workload/shop), at a tenth of its size, on
 * the real PostgreSQL (with HypoPG) and SQLite: the quality rules of docs/ADVISOR.md, checked on
 * the databases' own catalogs and plans after applying the suggestions and re-running the workload.
 * Timings are measured (docs/ADVISOR.md), never asserted.
 */
class AdvisorQualityTest {

    private static final String SCHEMA = "advisor_quality_test";
    /** A tenth of the shop runs a tenth as long: the advisor's default minTime (100 ms a shape) would skip most. */
    private static final String SMALL_SHOP = "optimizer.advisor.minTime=5ms";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void cleanUp() throws Exception {
        OptimizerDriver.closePools();
        try (Connection connection = DriverManager.getConnection(postgresUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static String postgresUrl() {
        String url = System.getenv("JDBCOPT_TEST_PG_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }

    @Test
    void postgresEveryMissingIndexShapeIsServedByProvenSuggestions() throws Exception {
        AdvisorQuality.DatabaseReport report = quality().measure(QualityTarget.postgres(postgresUrl(), SCHEMA, dir)
                .withOptions(SMALL_SHOP), 0.1, 0.5);
        assertRules(report);
    }

    @Test
    void sqliteEveryMissingIndexShapeIsServedByProvenSuggestions() throws Exception {
        AdvisorQuality.DatabaseReport report = quality().measure(QualityTarget.sqlite(dir.resolve("shop.db"), dir)
                .withOptions(SMALL_SHOP), 0.1, 0.5);
        assertRules(report);
    }

    private AdvisorQuality quality() {
        return new AdvisorQuality(new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private void assertRules(AdvisorQuality.DatabaseReport report) {
        String log = output.toString(StandardCharsets.UTF_8);
        System.out.println(log); // the measurement's own account, in the test report
        IndexSetResult advised = report.sets().get(0);
        assertEquals("jdbc-optimizer advise()", advised.source());
        assertFalse(advised.created().isEmpty(), log);
        assertEquals(advised.missingShapes(), advised.missingServed(),
                "every shape expected to miss an index reads through a suggested one after it is applied:\n" + log);
        assertEquals(java.util.List.of(), advised.redundant(), "no suggestion duplicates an existing index:\n" + log);
        assertEquals(java.util.List.of(), advised.lowCardinality(), "no lone low-cardinality column:\n" + log);
        assertEquals(java.util.List.of(), advised.failed(), "every suggestion runs as written:\n" + log);
        assertFalse(log.contains("proven false"), "every suggestion is proven by the planner:\n" + log);
        assertTrue(log.contains("reviews_by_customer") && log.contains("PREFIX_REDUNDANT"),
                "the planted redundant index is reported:\n" + log);
        assertEquals(report.before().executions(), advised.after().executions(), "the workload was re-run in full");
    }
}
