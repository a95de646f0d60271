package org.jdbcoptimizer.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.jdbcoptimizer.OptimizerDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on a small shop in a real SQLite file. */
class DemoTest {

    private static final ShopSize SMALL = new ShopSize(20, 5, 50, 100);
    /**
     * Large enough that a customer list of section 2 (30 customers x 10,000 orders read) takes
     * milliseconds, ten times its 1 ms threshold here, while an indexed lookup takes microseconds.
     */
    private static final ShopSize MEDIUM = new ShopSize(300, 5, 50, 10_000);

    @TempDir
    Path directory;

    @Test
    void loadsEveryTableWithTheRequestedRows() throws SQLException {
        ShopDatabase shop = ShopDatabase.create(directory.resolve("shop.db"), SMALL, quiet());

        try (Connection connection = DriverManager.getConnection(shop.plainUrl());
             Statement statement = connection.createStatement()) {
            assertEquals(20, count(statement, "customers"));
            assertEquals(5, count(statement, "categories"));
            assertEquals(50, count(statement, "products"));
            assertEquals(100, count(statement, "orders"));
            assertTrue(count(statement, "order_items") >= 100, "every order has at least one line");
        }
    }

    @Test
    void recreatesTheDatabaseOnEveryRun() throws SQLException {
        Path file = directory.resolve("shop.db");
        ShopDatabase.create(file, SMALL, quiet());
        ShopDatabase shop = ShopDatabase.create(file, SMALL, quiet());

        try (Connection connection = DriverManager.getConnection(shop.plainUrl());
             Statement statement = connection.createStatement()) {
            assertEquals(100, count(statement, "orders"));
        }
    }

    @Test
    void poolSectionComparesBothModesWithoutFailures() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DemoSettings settings = new DemoSettings(directory.resolve("shop.db"), SMALL, 4, 50, 5);

        new Demo(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("1. Connection pool"), output);
        assertTrue(Pattern.compile("failed requests\\s+0\\s+0").matcher(output).find(), output);
        assertTrue(Pattern.compile("getConnection calls \\(borrows\\)\\s+200\\b").matcher(output).find(), output);
        assertTrue(Pattern.compile("physical connections opened\\s+[1-4]\\s+200\\b").matcher(output).find(), output);
        assertTrue(output.contains("3. Result cache"), output);
        assertTrue(output.contains("4. Index advice"), output);
    }

    @Test
    void cacheSectionServesHitsAndShowsAPriceChangedOnAnotherConnection() throws Exception {
        ShopDatabase shop = ShopDatabase.create(directory.resolve("shop.db"), SMALL, quiet());
        CacheScenario scenario = new CacheScenario(new DemoSettings(shop.file(), SMALL, 4, 100, 5));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        try {
            scenario.run(shop, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        } finally {
            OptimizerDriver.closePools();
        }

        String output = buffer.toString(StandardCharsets.UTF_8);
        CacheScenario.Outcome outcome = scenario.outcome();
        assertEquals(0, outcome.uncached().failed(), output);
        assertEquals(0, outcome.cached().failed(), output);
        assertTrue(outcome.stats().hits() > 0, output);
        assertTrue(outcome.stats().stores() > 0, output);
        FreshnessProof freshness = outcome.freshness();
        assertEquals("the cache", freshness.steps().get(1).answeredBy(), output);
        assertTrue(freshness.freshAfter(), output);
        assertEquals(freshness.priceSet(), freshness.steps().get(2).cents(), output);
        assertEquals(freshness.priceSet(), freshness.steps().get(1).cents() + FreshnessProof.RAISE_CENTS, output);
        assertEquals("the database (a miss)", freshness.steps().get(2).answeredBy(), output);
        assertEquals("the cache", freshness.steps().get(3).answeredBy(), output);
        assertTrue(Pattern.compile("hits \\(answered from memory\\)\\s+[1-9][0-9,]*\\b").matcher(output).find(), output);
        assertTrue(output.contains("showed the new price"), output);
        try (Connection connection = DriverManager.getConnection(shop.plainUrl());
             Statement statement = connection.createStatement();
             ResultSet price = statement.executeQuery("select price_cents from products where id = "
                     + freshness.productId())) {
            price.next();
            assertEquals(freshness.priceSet(), price.getLong(1), "the database holds the price the back office set");
        }
    }

    @Test
    void slowQuerySectionLogsThePlanFindingTheNPlusOneAndTheLint() throws Exception {
        ShopDatabase shop = ShopDatabase.create(directory.resolve("shop.db"), MEDIUM, quiet());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        try {
            new SlowQueryScenario().run(shop, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        } finally {
            OptimizerDriver.closePools();
        }

        String log = Files.readString(shop.sibling(SlowQueryScenario.LOG_FILE));
        assertTrue(log.contains("\"kind\":\"SQLITE_SCAN\",\"node\":\"SCAN orders\""), log);
        assertTrue(log.contains("\"event\":\"nPlusOne\""), log);
        assertTrue(log.contains("\"callSite\":\"org.jdbcoptimizer.examples.demo.BackOffice.linesOf("), log);
        assertTrue(log.contains("\"kind\":\"SELECT_STAR\""), log);
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("plan: SQLITE_SCAN | SCAN orders"), output);
        assertTrue(output.contains("N+1: 1 burst of up to 30 calls"), output);
        assertTrue(output.contains("lint: SELECT_STAR"), output);
    }

    @Test
    void indexAdviceSectionAppliesProvenSuggestionsAndMeasuresTheSpeedUp() throws Exception {
        ShopDatabase shop = ShopDatabase.create(directory.resolve("shop.db"), SMALL, quiet());
        IndexAdviceScenario scenario = new IndexAdviceScenario(0.1, 0.3);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        try {
            scenario.run(shop, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        } finally {
            OptimizerDriver.closePools();
        }

        String output = buffer.toString(StandardCharsets.UTF_8);
        IndexAdviceScenario.Outcome outcome = scenario.outcome();
        assertTrue(outcome.suggestions().size() >= 4, output);
        assertTrue(outcome.suggestions().stream().allMatch(s -> s.proven()), output);
        assertTrue(outcome.suggestions().stream().anyMatch(s -> s.ddl().contains("order_items") && s.columns().equals(List.of("order_id"))),
                output);
        // The plans, not the timings, are asserted (a test never asserts a timing; docs/ADVISOR.md measures them).
        assertTrue(outcome.impact().stream().anyMatch(r -> r.indexUsed()), output);
        assertEquals(outcome.before().executions(), outcome.after().executions(), output);
        assertTrue(output.contains("Measured speed-up of the workload: "), output);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + shop.sibling(IndexAdviceScenario.FILE));
             Statement statement = connection.createStatement()) {
            assertEquals(outcome.suggestions().size() + 5, count(statement, "sqlite_master where type = 'index'"),
                    "the suggestions were applied beside the 5 existing indexes (4 declared, the primary key of inventory)");
        }
    }

    @Test
    void slowQueryThresholdFollowsTheRowsTheSlowPageReads() {
        assertEquals(20, SlowQueryScenario.thresholdMillis(ShopSize.DEMO), "200 customers a city x 20,000 orders");
        assertEquals(1, SlowQueryScenario.thresholdMillis(SMALL), "never below 1 ms, the option's unit");
    }

    @Test
    void splitsTheSchemaIntoStatements() {
        List<String> statements = ShopSchema.statements("-- comment\ncreate table a (x int);\n\ncreate index i\n on a (x);\n");

        assertEquals(List.of("create table a (x int)", "create index i\n on a (x)"), statements);
    }

    @Test
    void rejectsUnknownArguments() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DemoSettings.parse(new String[] {"--treads", "4"}));
        assertTrue(e.getMessage().contains("--treads"), e.getMessage());
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
