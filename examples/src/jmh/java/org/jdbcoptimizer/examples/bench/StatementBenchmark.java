package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.OptimizerDataSource;
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
 * Latency of a prepared point SELECT on a raw pgjdbc connection against the same SELECT through the
 * optimizer's wrappers (pooling only: the connection is borrowed once, in setup). What differs is the
 * wrappers' cost per statement; the round trip to PostgreSQL is in both and dominates.
 *
 * <p>SampleTime mode: JMH reports percentiles, and the goal is stated on the median (p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatementBenchmark {

    static final String SELECT = "select id, name from bench_items where id = ?";
    static final int ROWS = 10_000;

    /** Which connection: both run in the same JMH invocation, one after the other. */
    @Param({"pgjdbc", "optimizer"})
    public String driver;

    private OptimizerDataSource optimizer;
    private Connection connection;
    private PreparedStatement prepared;
    private int nextId;

    /** The table, created once per run by whichever thread gets here first. */
    @State(Scope.Benchmark)
    public static class Table {
        @Setup
        public void create() throws SQLException {
            try (Connection connection = BenchDatabase.rawConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists bench_items (id integer primary key, name text not null)");
                statement.execute("insert into bench_items (id, name) select g, 'item-' || g"
                        + " from generate_series(1, " + ROWS + ") g on conflict (id) do nothing");
                statement.execute("analyze bench_items");
            }
        }
    }

    @Setup
    public void connect(Table table) throws SQLException {
        switch (driver) {
            case "pgjdbc" -> connection = BenchDatabase.rawConnection();
            case "optimizer" -> {
                optimizer = new OptimizerDataSource(BenchDatabase.optimizerUrl("optimizer.pool.name=bench-statement"));
                connection = optimizer.getConnection();
            }
            default -> throw new IllegalArgumentException("driver must be pgjdbc or optimizer, got " + driver);
        }
        prepared = connection.prepareStatement(SELECT);
    }

    @TearDown
    public void disconnect() throws SQLException {
        prepared.close();
        connection.close();
        if (optimizer != null) {
            optimizer.close();
        }
    }

    /** The realistic shape: what an application does per request (and what most ORMs emit). */
    @Benchmark
    public int prepareExecuteClose() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            return readOne(select);
        }
    }

    /** The statement prepared once in setup and executed again: isolates the execute path. */
    @Benchmark
    public int executePrepared() throws SQLException {
        return readOne(prepared);
    }

    private int readOne(PreparedStatement select) throws SQLException {
        nextId = nextId % ROWS + 1;
        select.setInt(1, nextId);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("bench_items has no row " + nextId);
            }
            return row.getInt(1) + row.getString(2).length();
        }
    }
}
