package org.jdbcoptimizer.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexImpact;
import org.jdbcoptimizer.advisor.IndexImpactResult;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.WorkloadExpectation;
import org.jdbcoptimizer.advisor.WorkloadFile;
import org.jdbcoptimizer.advisor.WorkloadReplay;
import org.jdbcoptimizer.advisor.WorkloadRun;
import org.jdbcoptimizer.advisor.WorkloadScript;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.examples.advisor.ShopWorkloadFiles;

/**
 * Section 4: the shipped advisor workload (src/workload/shop), scaled down, through
 * {@code jdbc:optimizer:sqlite:}; the advisor's suggestions from {@link OptimizerDriver#advise()};
 * the index impact utility on the first one; then every suggestion applied and the workload
 * re-run, with the measured speed-up. The workload's database is a file of its own next to the
 * demo's shop, because its schema is the advisor's richer shop.
 */
final class IndexAdviceScenario implements DemoSection {

    static final String FILE = "advice-shop.db";
    static final String POOL_NAME = "demo-advice";
    /** The advisor ignores shapes under advisor.minTime in total (default 100 ms); the demo's run is short. */
    static final String MIN_TIME = "10ms";

    private final double scale;
    private final double runs;
    private Outcome outcome;

    /** What the section measured, for the test. */
    record Outcome(WorkloadRun before, WorkloadRun after, List<IndexSuggestion> suggestions,
            List<IndexImpactResult> impact) {
        double speedUp() {
            return (double) before.totalNanos() / after.totalNanos();
        }
    }

    IndexAdviceScenario(double scale, double runs) {
        this.scale = scale;
        this.runs = runs;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public String title() {
        return "Index advice: suggestions from the statements the application ran, applied and measured";
    }

    @Override
    public void run(ShopDatabase shop, PrintStream out) throws Exception {
        Path file = shop.sibling(FILE);
        String plainUrl = "jdbc:sqlite:" + file;
        WorkloadFile workload = ShopWorkloadFiles.workload();
        load(file, out);
        String url = "jdbc:optimizer:sqlite:" + file + "?optimizer.pool.name=" + POOL_NAME
                + "&optimizer.advisor.minTime=" + MIN_TIME + "&" + ShopDatabase.slowLogParameter(shop.sibling("advice-slow.jsonl"))
                + "&optimizer.advisor.file=" + java.net.URLEncoder.encode(shop.sibling("advice.jsonl").toString(),
                        java.nio.charset.StandardCharsets.UTF_8);
        out.printf("   The advisor's shop workload (src/workload/shop/workload.sql: %d statement shapes, %d of them"
                + " missing an index)%n", workload.shapes().size(),
                workload.shapes(WorkloadExpectation.MISSING, Database.SQLITE).size());
        out.printf("   through jdbc:optimizer:sqlite:%s?optimizer.advisor.minTime=%s&...%n", Display.path(file), MIN_TIME);
        WorkloadRun before = replay(url, workload);
        out.printf("   before: %s for %,d executions%n", Units.duration(before.totalNanos()), before.executions());

        List<IndexSuggestion> suggestions = new ArrayList<>();
        for (Advice advice : OptimizerDriver.advise()) {
            suggestions.addAll(advice.suggestions());
        }
        OptimizerDriver.closePools();
        out.println();
        out.println("   OptimizerDriver.advise() suggests:");
        for (IndexSuggestion s : suggestions) {
            out.printf("     %s%n       serves %d shape(s), %s -> %s%s%n", s.ddl(), s.shapes().size(), s.nodeBefore(),
                    s.nodeAfter(), s.proven() ? "" : " (unproven)");
        }
        List<IndexImpactResult> impact = List.of();
        if (!suggestions.isEmpty()) {
            impact = impactOfFirst(plainUrl, suggestions.get(0).ddl(), workload, out);
        }
        try (Connection connection = DriverManager.getConnection(plainUrl); Statement statement = connection.createStatement()) {
            for (IndexSuggestion s : suggestions) {
                statement.execute(s.ddl());
            }
            statement.execute("analyze");
        }
        WorkloadRun after = replay(url, workload);
        OptimizerDriver.closePools();
        outcome = new Outcome(before, after, suggestions, impact);
        out.println();
        out.printf("   After applying the %d suggestion(s), the same workload again:%n", suggestions.size());
        out.printf("     %-36s %12s %12s%n", "", "before", "after");
        for (WorkloadExpectation e : WorkloadExpectation.values()) {
            out.printf("     %-36s %12s %12s%n", "shapes expected " + e.word(), Units.duration(before.totalNanos(e)),
                    Units.duration(after.totalNanos(e)));
        }
        out.printf("     %-36s %12s %12s%n", "whole workload", Units.duration(before.totalNanos()),
                Units.duration(after.totalNanos()));
        out.printf(Locale.ROOT, "   Measured speed-up of the workload: %.1fx%n", outcome.speedUp());
    }

    /** The index impact utility on the first suggestion: each shape it changes, with and without it. */
    private static List<IndexImpactResult> impactOfFirst(String plainUrl, String ddl, WorkloadFile workload,
            PrintStream out) throws SQLException {
        List<IndexImpactResult> results;
        try (Connection connection = DriverManager.getConnection(plainUrl)) {
            results = IndexImpact.ofWorkload(connection, ddl, workload, 3);
        }
        out.println();
        out.println("   The index impact utility on the first (built in a transaction, measured, rolled back):");
        for (IndexImpactResult r : results) {
            if (r.indexUsed()) {
                out.printf(Locale.ROOT, "     %-22s without %10s  %s%n", r.label(), Units.duration(r.nanosBefore().orElseThrow()),
                        r.accessBefore());
                out.printf(Locale.ROOT, "     %-22s with    %10s  %s  (%.1fx)%n", "", Units.duration(r.nanosAfter().orElseThrow()),
                        r.accessAfter(), r.ratio());
            }
        }
        out.println("     (the same from the command line: java -jar driver/target/jdbc-optimizer-0.1.0-SNAPSHOT.jar"
                + " impact --url ... --index \"...\" --workload src/workload/shop/workload.sql)");
        return results;
    }

    private WorkloadRun replay(String url, WorkloadFile workload) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return new WorkloadReplay(workload, runs).run(connection);
        }
    }

    private void load(Path file, PrintStream out) throws SQLException {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            WorkloadScript.run(connection, ShopWorkloadFiles.script("schema", Database.SQLITE), scale);
            WorkloadScript.run(connection, ShopWorkloadFiles.script("data", Database.SQLITE), scale);
        }
        out.printf("   Loaded src/workload/shop at scale %s (%s orders) in %s%n", scale,
                Units.count(WorkloadScript.sizes(ShopWorkloadFiles.script("data", Database.SQLITE), scale).get("orders")),
                Units.duration(System.nanoTime() - start));
    }
}
