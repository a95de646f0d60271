package org.jdbcoptimizer.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.OptimizerDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wrappers' own cost per statement, without a network in the way: the same prepared point
 * SELECT as {@link StatementBenchmark}, on an in-memory SQLite database (a few microseconds per
 * statement, steady), raw sqlite-jdbc against the optimizer with pooling only and with statement
 * analysis on, and against p6spy (logging every statement to a file) and datasource-proxy (with
 * its slow-query listener) over the same driver. The difference in nanoseconds is what the optimizer adds to every statement; set
 * against the PostgreSQL round trip of {@link StatementBenchmark} (whose run-to-run spread on a
 * small shared machine is larger than the overhead itself), it gives the relative overhead there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WrapperOverheadBenchmark {

    @Param({"sqlite-jdbc", "optimizer-pool", "optimizer-analysis", "p6spy", "datasource-proxy"})
    public String driver;

    private Connection connection;
    private Path logDirectory;
    private int nextId;

    @Setup
    public void connect() throws Exception {
        logDirectory = Files.createTempDirectory("wrapper-overhead");
        String options = "optimizer.pool.name=overhead&optimizer.slowLog.threshold=1h&optimizer.slowLog.file="
                + logDirectory.resolve("slow.jsonl");
        switch (driver) {
            case "sqlite-jdbc" -> connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            case "optimizer-pool" -> connection = DriverManager.getConnection(
                    "jdbc:optimizer:sqlite::memory:?optimizer.analysis=false&" + options);
            case "optimizer-analysis" -> connection = DriverManager.getConnection(
                    "jdbc:optimizer:sqlite::memory:?" + options);
            case "p6spy" -> connection = p6spy();
            case "datasource-proxy" -> {
                org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
                sqlite.setUrl("jdbc:sqlite::memory:");
                connection = net.ttddyy.dsproxy.support.ProxyDataSourceBuilder.create("overhead", sqlite)
                        .logSlowQueryBySlf4j(1, TimeUnit.SECONDS).build().getConnection();
            }
            default -> throw new IllegalArgumentException("unknown driver " + driver);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table bench_items (id integer primary key, name text not null)");
            statement.execute("with recursive g(n) as (select 1 union all select n + 1 from g where n < "
                    + BenchItems.ROWS + ") insert into bench_items select n, 'item ' || n from g");
        }
    }

    /** p6spy logging every statement to a file in the temporary directory, as in AnalysisOverheadBenchmark. */
    private Connection p6spy() throws Exception {
        java.util.Properties options = new java.util.Properties();
        options.setProperty("appender", "com.p6spy.engine.spy.appender.FileLogger");
        options.setProperty("logfile", logDirectory.resolve("spy.log").toString());
        options.setProperty("jmx", "false");
        Path file = logDirectory.resolve("spy.properties");
        try (var out = Files.newOutputStream(file)) {
            options.store(out, "WrapperOverheadBenchmark");
        }
        System.setProperty("spy.properties", file.toString());
        return new com.p6spy.engine.spy.P6SpyDriver().connect("jdbc:p6spy:sqlite::memory:", new java.util.Properties());
    }

    @TearDown
    public void disconnect() throws Exception {
        connection.close();
        OptimizerDriver.closePools();
        try (var files = Files.walk(logDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public int prepareExecuteClose() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BenchItems.SELECT)) {
            nextId = BenchItems.next(nextId);
            return BenchItems.readOne(select, nextId);
        }
    }
}
