package org.jdbcoptimizer.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.p6spy.engine.spy.P6SpyDriver;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.listener.SlowQueryListener;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jdbcoptimizer.OptimizerDataSource;
import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ways a statement benchmark reaches the same PostgreSQL, by the name JMH passes as a parameter.
 * Each opens one connection that the benchmark keeps for its whole run, so only the cost per statement
 * differs between them:
 *
 * <ul>
 *   <li>{@code pgjdbc}: a physical connection from {@code org.postgresql.Driver}, nothing in between;</li>
 *   <li>{@code optimizer-pool}: borrowed from an {@link OptimizerDataSource} with
 *       {@code optimizer.analysis=false}: the optimizer's wrappers, no statement analysis;</li>
 *   <li>{@code optimizer-analysis}: the same with analysis at its defaults (timing, per-shape
 *       statistics, N+1 tracking, lints), the slow-query log in a temporary directory and a threshold
 *       of 1 h, so nothing is slow and nothing is EXPLAINed (the result cache is off, its default);</li>
 *   <li>{@code optimizer-cache}: the same with the result cache on ({@code optimizer.cache=true}) and
 *       a TTL of 1 h, so that no entry expires during a run;</li>
 *   <li>{@code p6spy}: p6spy's driver ({@code jdbc:p6spy:postgresql://...}), logging every statement
 *       through its {@code FileLogger} to a file in a temporary directory;</li>
 *   <li>{@code datasource-proxy}: datasource-proxy's {@link ProxyDataSource} over a
 *       {@link PGSimpleDataSource} with its SLF4J slow-query listener at 1 s, so every statement is timed
 *       and none is logged.</li>
 * </ul>
 *
 * <p>Closing an {@link Opened} first checks that the path did its work (the optimizer recorded the
 * statements, the result cache exists exactly when it is on, p6spy wrote the statements,
 * datasource-proxy's listener was on the connection), so a misconfigured peer fails the run instead
 * of being measured as cheap.
 */
final class StatementPaths {

    static final List<String> NAMES = List.of("pgjdbc", "optimizer-pool", "optimizer-analysis", "optimizer-cache",
            "p6spy", "datasource-proxy");

    private StatementPaths() {
    }

    /** Opens the named path's connection; the caller closes the result. */
    static Opened open(String name) throws Exception {
        return switch (name) {
            case "pgjdbc" -> new Opened(BenchDatabase.rawConnection(), () -> { }, () -> { });
            case "optimizer-pool" -> optimizer("bench-pool-only", "&optimizer.analysis=false", null, false);
            case "optimizer-analysis" -> {
                Path directory = Files.createTempDirectory("bench-optimizer-");
                yield optimizer("bench-analysis", "&" + quietSlowLog(directory), directory, false);
            }
            case "optimizer-cache" -> {
                Path directory = Files.createTempDirectory("bench-optimizer-");
                yield optimizer("bench-cache", "&" + quietSlowLog(directory)
                        + "&optimizer.cache=true&optimizer.cache.ttl=1h", directory, true);
            }
            case "p6spy" -> p6spy();
            case "datasource-proxy" -> datasourceProxy();
            default -> throw new IllegalArgumentException("unknown path '" + name + "'; expected one of " + NAMES);
        };
    }

    /**
     * Statement analysis at its defaults, but quiet: the slow-query log goes to {@code directory} and
     * the threshold is 1 h, so no statement is logged or EXPLAINed during a run.
     */
    static String quietSlowLog(Path directory) {
        String log = directory.resolve("slow.jsonl").toString();
        return "optimizer.slowLog.threshold=1h&optimizer.slowLog.file=" + URLEncoder.encode(log, StandardCharsets.UTF_8);
    }

    /**
     * The optimizer's DataSource with one connection borrowed. With a log directory, analysis is on and
     * must have recorded statements; without one it is off and must have recorded none. The result
     * cache must exist exactly when {@code cache} is true (what it served is the benchmark's to check).
     */
    private static Opened optimizer(String poolName, String options, Path logDirectory, boolean cache)
            throws Exception {
        OptimizerDataSource dataSource = new OptimizerDataSource(
                BenchDatabase.optimizerUrl("optimizer.pool.name=" + poolName + options));
        boolean analysis = logDirectory != null;
        Check check = () -> {
            long calls = OptimizerDriver.statementStats().stream()
                    .filter(shape -> shape.poolName().equals(poolName)).mapToLong(ShapeStats::calls).sum();
            if (analysis != (calls > 0)) {
                throw new IllegalStateException(poolName + ": analysis " + (analysis ? "on" : "off")
                        + " but the optimizer recorded " + calls + " statements");
            }
            if (cache == OptimizerDriver.cacheStats().isEmpty()) {
                throw new IllegalStateException(poolName + ": the result cache should be " + (cache ? "on" : "off")
                        + " but the optimizer has " + OptimizerDriver.cacheStats().size() + " caches");
            }
        };
        // closePools() also writes out and closes the analysis' log, which the DataSource's close() leaves open.
        Cleanup cleanup = () -> {
            dataSource.close();
            OptimizerDriver.closePools();
            if (analysis) {
                deleteTree(logDirectory);
            }
        };
        return new Opened(dataSource.getConnection(), check, cleanup);
    }

    /**
     * p6spy configured by a {@code spy.properties} of our own (named by the {@code spy.properties}
     * system property, read when p6spy first loads), so a spy.properties elsewhere cannot change it.
     * Connected through its driver, as its documentation shows: each log line carries the connection's
     * URL, and a {@code PGSimpleDataSource} under {@code P6DataSource} would report every pgjdbc
     * property in it, over a kilobyte more to write per statement than an application's URL.
     */
    private static Opened p6spy() throws Exception {
        Path directory = Files.createTempDirectory("bench-p6spy-");
        Path log = directory.resolve("spy.log");
        Properties options = new Properties();
        options.setProperty("appender", "com.p6spy.engine.spy.appender.FileLogger");
        options.setProperty("logfile", log.toString());
        options.setProperty("jmx", "false"); // no MBeans: not part of what is measured
        Path file = directory.resolve("spy.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            options.store(out, "AnalysisOverheadBenchmark: p6spy logs every statement to " + log);
        }
        System.setProperty("spy.properties", file.toString());
        String url = "jdbc:p6spy:" + BenchDatabase.postgresUrl().substring("jdbc:".length());
        Connection connection = new P6SpyDriver().connect(url, new Properties());
        if (connection == null) {
            throw new IllegalStateException("p6spy's driver did not accept " + url.replaceAll("(?i)password=[^&]*",
                    "password=***"));
        }
        Check check = () -> {
            if (!firstLine(log).contains("bench_items")) {
                throw new IllegalStateException("p6spy wrote no statement to " + log);
            }
        };
        return new Opened(connection, check, () -> deleteTree(directory));
    }

    /**
     * datasource-proxy with the slow-query listener its builder adds. That listener schedules a task
     * per statement, run after the threshold to log the statement if it is still running; its executor
     * thread is a daemon that nothing stops, so we stop it.
     */
    private static Opened datasourceProxy() throws Exception {
        ProxyDataSource dataSource = ProxyDataSourceBuilder.create("bench", postgresDataSource())
                .logSlowQueryBySlf4j(1, TimeUnit.SECONDS)
                .build();
        SlowQueryListener listener = null;
        for (QueryExecutionListener each : dataSource.getProxyConfig().getQueryListener().getListeners()) {
            if (each instanceof SlowQueryListener slow) {
                listener = slow;
            }
        }
        if (listener == null) {
            throw new IllegalStateException("datasource-proxy's builder added no SlowQueryListener");
        }
        Connection connection = dataSource.getConnection();
        Check check = () -> {
            if (!(connection instanceof ProxyJdbcObject)) {
                throw new IllegalStateException("datasource-proxy returned an unproxied " + connection.getClass());
            }
        };
        SlowQueryListener started = listener;
        return new Opened(connection, check, () -> started.getExecutor().shutdownNow());
    }

    private static PGSimpleDataSource postgresDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(BenchDatabase.postgresUrl());
        return dataSource;
    }

    /** The file's first line, or "" when it is missing or empty (the whole file can be tens of megabytes). */
    private static String firstLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        }
    }

    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Throws when a path did not do the work it is measured for. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Releases what a path needed besides its connection. */
    @FunctionalInterface
    interface Cleanup {
        void run() throws Exception;
    }

    /** A path's open connection; {@link #close()} checks the path's work, then releases everything. */
    static final class Opened implements AutoCloseable {

        private final Connection connection;
        private final Check check;
        private final Cleanup cleanup;

        Opened(Connection connection, Check check, Cleanup cleanup) {
            this.connection = connection;
            this.check = check;
            this.cleanup = cleanup;
        }

        Connection connection() {
            return connection;
        }

        /**
         * @throws IllegalStateException when the path did not do its work; everything is released anyway
         */
        @Override
        public void close() throws Exception {
            try {
                check.run();
            } finally {
                try {
                    connection.close();
                } finally {
                    cleanup.run();
                }
            }
        }
    }
}
