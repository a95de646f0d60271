package org.jdbcoptimizer.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;

/**
 * The back office ({@link BackOffice}) through {@code jdbc:optimizer:sqlite:} with a slow-query log:
 * one slow page, one N+1 and one {@code SELECT *}. Then what the optimizer made of them: its
 * per-shape statistics ({@link OptimizerDriver#statementStats()}) and the {@code report} command on
 * the log, with the plan findings, the N+1 and its call site, and the lint with its fix.
 *
 * <p>Everything printed comes from this run: the statistics are read from the driver, the report is
 * the driver's own command run on the log this run wrote (deleted first, so no earlier run shows).
 */
final class SlowQueryScenario implements DemoSection {

    static final String POOL_NAME = "demo-analysis";
    static final String LOG_FILE = "slow.jsonl";
    /** Cities whose customer list is shown: three executions of the slow shape. */
    static final List<String> CITIES = List.of("Berlin", "Lisbon", "Oslo");
    /** Orders loaded with their lines one by one; above the N+1 threshold of 10 (the default). */
    static final int LATEST_ORDERS = 30;
    /**
     * Per row the slow page reads, for the threshold. SQLite reads a row of this shape in tens of
     * nanoseconds (about 35 ns on the 2-core reference machine), so at 5 ns a row the threshold stays
     * several times under the slow page even on a much faster machine, and thousands of times over an
     * indexed lookup (a handful of rows, microseconds).
     */
    static final long NANOS_PER_ROW_READ = 5;
    /** The report's width: its widest lines (plan finding, N+1 call site, lint fix) fit whole. */
    static final int REPORT_WIDTH = 160;

    @Override
    public String title() {
        return "Slow-query log, plan findings and N+1";
    }

    @Override
    public void run(ShopDatabase shop, PrintStream out) throws Exception {
        Path log = shop.sibling(LOG_FILE);
        deleteLogs(log);
        long rowsRead = BackOffice.customersOfCityRowsRead(shop.size());
        long thresholdMillis = thresholdMillis(shop.size());
        String url = shop.optimizerUrl("optimizer.pool.name=" + POOL_NAME + "&" + ShopDatabase.slowLogParameter(log)
                + "&optimizer.slowLog.threshold=" + thresholdMillis + "ms");

        out.printf("   The shop's back office through jdbc:optimizer:sqlite:%s with%n", Display.path(shop.file()));
        out.printf("     optimizer.pool.name=%s%n", POOL_NAME);
        out.printf("     optimizer.slowLog.file=%s%n", Display.path(log));
        out.printf("     optimizer.slowLog.threshold=%dms%n", thresholdMillis);
        out.printf("   The threshold comes from the data size: one customer list (a.) reads about %s rows,%n",
                Units.count(rowsRead));
        out.printf("   which would take %d ms at %d ns a row (SQLite needs more); an indexed lookup reads a few rows.%n",
                thresholdMillis, NANOS_PER_ROW_READ);
        out.println("   Every other option is at its default (N+1 threshold 10, one EXPLAIN per shape per 5 minutes).");
        out.println();
        out.printf("     a. customers of a city with their paid orders, for %s (orders.customer_id has no index)%n",
                String.join(", ", CITIES));
        out.printf("     b. the %d latest orders, then each order's lines with a query of its own (an N+1)%n",
                LATEST_ORDERS);
        out.println("     c. a customer's profile, read with SELECT *");
        out.println();

        try (Connection connection = DriverManager.getConnection(url)) {
            BackOffice office = new BackOffice(connection);
            for (String city : CITIES) {
                office.customersOfCity(city);
            }
            office.latestOrdersWithLines(LATEST_ORDERS);
            office.customerProfile(1);
        }
        // The EXPLAINs and log lines are written off the application's thread; wait for them.
        OptimizerDriver.flushAnalysis();

        AnalysisPrinter printer = new AnalysisPrinter(out, "   ");
        printer.statistics(POOL_NAME, thresholdMillis, OptimizerDriver.statementStats());
        printer.report(log, REPORT_WIDTH);
        out.println();
        out.printf("   The log is %s (JSON Lines, one event a line: docs/SLOW_QUERY_LOG.md). Report it again with%n",
                Display.path(log));
        out.printf("     java -jar driver/target/jdbc-optimizer-0.1.0-SNAPSHOT.jar report %s%n", Display.path(log));
    }

    /** Whole milliseconds (the option's unit), at least 1: {@link #NANOS_PER_ROW_READ} per row of a customer list. */
    static long thresholdMillis(ShopSize size) {
        return Math.max(1, BackOffice.customersOfCityRowsRead(size) * NANOS_PER_ROW_READ / 1_000_000);
    }

    /** The log of an earlier run and its rotated files and lock, so the report shows this run only. */
    private static void deleteLogs(Path log) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(log.getParent(), log.getFileName() + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals(log.getFileName().toString()) || name.startsWith(log.getFileName() + ".")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the old slow-query log " + log + ": " + e.getMessage(), e);
        }
    }
}
