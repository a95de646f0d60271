package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

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
 * optimizer's wrappers, pooling only ({@code optimizer.analysis=false}; the connection is borrowed
 * once, in setup). What differs is the wrappers' cost per statement; the round trip to PostgreSQL is
 * in both and dominates. {@link AnalysisOverheadBenchmark} measures what statement analysis adds.
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

    /** Which connection: both run in the same JMH invocation, one after the other (see {@link StatementPaths}). */
    @Param({"pgjdbc", "optimizer-pool"})
    public String driver;

    private StatementPaths.Opened opened;
    private Connection connection;
    private PreparedStatement prepared;
    private int nextId;

    @Setup
    public void connect(BenchItems table) throws Exception {
        opened = StatementPaths.open(driver);
        connection = opened.connection();
        prepared = connection.prepareStatement(BenchItems.SELECT);
    }

    @TearDown
    public void disconnect() throws Exception {
        prepared.close();
        opened.close();
    }

    /** The realistic shape: what an application does per request (and what most ORMs emit). */
    @Benchmark
    public int prepareExecuteClose() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BenchItems.SELECT)) {
            nextId = BenchItems.next(nextId);
            return BenchItems.readOne(select, nextId);
        }
    }

    /** The statement prepared once in setup and executed again: isolates the execute path. */
    @Benchmark
    public int executePrepared() throws SQLException {
        nextId = BenchItems.next(nextId);
        return BenchItems.readOne(prepared, nextId);
    }
}
