package org.jdbcoptimizer.examples.advisor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.WorkloadFile;
import org.jdbcoptimizer.advisor.WorkloadRun;
import org.jdbcoptimizer.dialect.Database;

/**
 * {@code advisor-quality}: the index advisor measured on the shipped shop workload. For each
 * database: load the shop, replay the workload through {@code jdbc:optimizer:}, ask
 * {@link OptimizerDriver#advise()}, apply every suggestion, replay again and compare; check the
 * quality rules; on PostgreSQL do the same with {@code pg_qualstats_index_advisor()} (fed by the
 * same replay) and with the workload's hand-written reference indexes. Prints everything measured.
 */
public final class AdvisorQuality {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar jdbc-optimizer-examples.jar advisor-quality [--pg URL | --no-pg] [--sqlite FILE | --no-sqlite]",
            "                                                             [--scale X] [--runs X]",
            "  --pg URL      plain pgjdbc URL, default jdbc:postgresql://127.0.0.1:5432/test?user=postgres;",
            "                the shop goes into schema advisor_quality (dropped and recreated); needs HypoPG",
            "                and pg_qualstats (shared_preload_libraries) installed",
            "  --sqlite FILE SQLite file to (re)create, default target/advisor/shop.db",
            "  --scale X     data size factor, default 1 (about a million rows)",
            "  --runs X      executions factor of every shape, default 1");

    private final PrintStream out;

    AdvisorQuality(PrintStream out) {
        this.out = out;
    }

    public static int run(String[] args) throws Exception {
        String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        Path sqlite = Path.of("target", "advisor", "shop.db");
        double scale = 1;
        double runs = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--pg" -> pg = value(args, ++i);
                    case "--no-pg" -> pg = null;
                    case "--sqlite" -> sqlite = Path.of(value(args, ++i));
                    case "--no-sqlite" -> sqlite = null;
                    case "--scale" -> scale = positive(value(args, ++i));
                    case "--runs" -> runs = positive(value(args, ++i));
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        AdvisorQuality quality = new AdvisorQuality(System.out);
        Path output = Path.of("target", "advisor");
        List<DatabaseReport> reports = new ArrayList<>();
        if (pg != null) {
            reports.add(quality.measure(QualityTarget.postgres(pg, "advisor_quality", output), scale, runs));
        }
        if (sqlite != null) {
            reports.add(quality.measure(QualityTarget.sqlite(sqlite, output), scale, runs));
        }
        new QualityPrinter(System.out).summary(reports);
        return 0;
    }

    DatabaseReport measure(QualityTarget target, double scale, double runs) throws SQLException {
        WorkloadFile workload = ShopWorkloadFiles.workload();
        out.printf("%s: loading the shop at scale %s ...%n", target.label(), scale);
        long start = System.nanoTime();
        target.load(scale);
        out.printf("  loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
        OptimizerDriver.closePools();
        String url = target.optimizerUrl("advisor-quality-" + target.database().name().toLowerCase(Locale.ROOT));
        QualityMeasurement measurement = new QualityMeasurement(target, workload, runs, url);
        if (target.database() == Database.POSTGRESQL) {
            target.execute("create extension if not exists hypopg", "create extension if not exists pg_qualstats",
                    "select pg_qualstats_reset()");
        }
        out.println("  replaying the workload through " + url.replaceAll("\\?.*", "?..."));
        WorkloadRun before = measurement.replay();
        out.printf("  before: %.2f s in %,d executions%n", before.totalNanos() / 1e9, before.executions());

        start = System.nanoTime();
        List<Advice> advice = OptimizerDriver.advise();
        long adviseNanos = System.nanoTime() - start;
        List<String> optimizerDdl = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Advice a : advice) {
            a.suggestions().stream().map(IndexSuggestion::ddl).forEach(optimizerDdl::add);
            a.notChecked().forEach(notes::add);
            a.suggestions().forEach(s -> out.printf("  suggested: %s  (%d shapes, proven %s)%n", s.ddl(),
                    s.shapes().size(), s.proven()));
            a.existingIndexes().forEach(f -> out.println("  existing index finding: " + f));
        }
        notes.forEach(n -> out.println("  not checked: " + n));
        OptimizerDriver.closePools();

        List<IndexSetResult> sets = new ArrayList<>();
        sets.add(measurement.apply("jdbc-optimizer advise()", optimizerDdl));
        if (target.database() == Database.POSTGRESQL) {
            List<String> returned = qualstats(target);
            List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(returned));
            // It may return the same CREATE INDEX more than once; only distinct ones are applied.
            out.printf("  pg_qualstats_index_advisor() returned %d CREATE INDEX statements, %d distinct%n",
                    returned.size(), distinct.size());
            sets.add(measurement.apply("pg_qualstats_index_advisor()", distinct));
        }
        sets.add(measurement.apply("hand-written reference", workload.referenceIndexes()));
        OptimizerDriver.closePools();
        return new DatabaseReport(target.label(), workload, before, adviseNanos, sets);
    }

    /** pg_qualstats' suggestions, from the quals it sampled during the replay (its default thresholds). */
    private static List<String> qualstats(QualityTarget target) throws SQLException {
        List<String> ddl = new ArrayList<>();
        try (Connection connection = target.plain(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select json_array_elements_text(pg_qualstats_index_advisor() -> 'indexes')")) {
            while (rs.next()) {
                ddl.add(rs.getString(1));
            }
        }
        return ddl;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static double positive(String value) {
        try {
            double x = Double.parseDouble(value);
            if (x > 0) {
                return x;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("expected a positive number, got '" + value + "'");
    }

    /** What one database measured. */
    record DatabaseReport(String database, WorkloadFile workload, WorkloadRun before, long adviseNanos,
            List<IndexSetResult> sets) {
    }
}
