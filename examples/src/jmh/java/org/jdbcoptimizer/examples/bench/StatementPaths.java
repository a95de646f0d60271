package org.jdbcoptimizer.examples.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jdbcoptimizer.OptimizerDataSource;
import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.analyze.ShapeStats;

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
 *       of 1 h, so nothing is slow and nothing is EXPLAINed.</li>
 * </ul>
 *
 * <p>Closing an {@link Opened} first checks that the path did its work (the optimizer recorded the
 * statements, or none with analysis off), so a misconfigured path fails the run instead of being
 * measured.
 */
final class StatementPaths {

    static final List<String> NAMES = List.of("pgjdbc", "optimizer-pool", "optimizer-analysis");

    private StatementPaths() {
    }

    /** Opens the named path's connection; the caller closes the result. */
    static Opened open(String name) throws Exception {
        return switch (name) {
            case "pgjdbc" -> new Opened(BenchDatabase.rawConnection(), () -> { }, () -> { });
            case "optimizer-pool" -> optimizer("bench-pool-only", "&optimizer.analysis=false", null);
            case "optimizer-analysis" -> {
                Path directory = Files.createTempDirectory("bench-optimizer-");
                String log = directory.resolve("slow.jsonl").toString();
                yield optimizer("bench-analysis", "&optimizer.slowLog.threshold=1h&optimizer.slowLog.file="
                        + URLEncoder.encode(log, StandardCharsets.UTF_8), directory);
            }
            default -> throw new IllegalArgumentException("unknown path '" + name + "'; expected one of " + NAMES);
        };
    }

    /**
     * The optimizer's DataSource with one connection borrowed. With a log directory, analysis is on and
     * must have recorded statements; without one it is off and must have recorded none.
     */
    private static Opened optimizer(String poolName, String options, Path logDirectory) throws Exception {
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

    private static void deleteTree(Path directory) throws IOException {
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
