package org.jdbcoptimizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.jdbcoptimizer.testing.WorkloadFixture;
import org.junit.jupiter.api.Test;

class ImpactCommandTest {

    @Test
    void printsAStatementWithAndWithoutTheIndexOnSqlite() throws Exception {
        Path file = WorkloadFixture.sqlite(0.02);

        CliRun run = CliRun.run("impact", "--url", "jdbc:sqlite:" + file, "--index",
                "create index orders_customer on orders (customer_id)", "--sql",
                "select id from orders where customer_id = ?", "--param", "7", "--repeat", "3");

        assertEquals(Main.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("SCAN orders"), run.out());
        assertTrue(run.out().contains("INDEX orders_customer (customer_id=?)"), run.out());
        assertTrue(run.out().contains("the plan uses the index"), run.out());
        assertTrue(run.out().contains("params [7]"), run.out());
    }

    @Test
    void measuresEveryShapeOfAWorkloadFile() throws Exception {
        Path file = WorkloadFixture.sqlite(0.02);

        CliRun run = CliRun.run("impact", "--url", "jdbc:sqlite:" + file, "--index",
                "create index reviews_product on reviews (product_id)", "--workload",
                WorkloadFixture.DIRECTORY.resolve("workload.sql").toString(), "--repeat", "1");

        assertEquals(Main.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("latest_reviews: select"), run.out());
        assertTrue(run.out().matches("(?s).*\\n[1-9] of 20 statements use the index\\..*"), run.out());
    }

    @Test
    void explainsWrongArguments() {
        assertUsage("--url is required", "impact", "--index", "create index on t (c)", "--sql", "select 1");
        assertUsage("--index is required", "impact", "--url", "jdbc:sqlite::memory:", "--sql", "select 1");
        assertUsage("either --sql", "impact", "--url", "jdbc:sqlite::memory:", "--index", "create index on t (c)");
        assertUsage("--param goes with --sql", "impact", "--url", "u", "--index", "i", "--workload", "w", "--param", "1");
        assertUsage("--repeat needs a whole number", "impact", "--url", "u", "--index", "i", "--sql", "s", "--repeat", "0");
        assertUsage("unknown option --sqll", "impact", "--sqll", "s");
        assertUsage("--sql needs a value", "impact", "--sql");
    }

    @Test
    void refusesWhatIsNotACreateIndexAndAMissingDriver() {
        CliRun notAnIndex = CliRun.run("impact", "--url", "jdbc:sqlite::memory:", "--index", "drop table orders",
                "--sql", "select 1");
        assertEquals(Main.FAILED, notAnIndex.exitCode());
        assertTrue(notAnIndex.err().contains("must be a CREATE INDEX statement"), notAnIndex.err());

        CliRun noDriver = CliRun.run("impact", "--url", "jdbc:nosuchdb://x", "--index", "create index on t (c)",
                "--sql", "select 1");
        assertEquals(Main.FAILED, noDriver.exitCode());
        assertTrue(noDriver.err().contains("JDBC driver on the classpath"), noDriver.err());
    }

    private static void assertUsage(String message, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }
}
