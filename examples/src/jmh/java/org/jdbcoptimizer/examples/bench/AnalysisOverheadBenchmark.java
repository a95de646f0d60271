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
 * What statement analysis (timing and per-shape statistics) adds to a prepared point SELECT, against
 * the tools applications use to find slow statements, all in one run on the same PostgreSQL: raw
 * pgjdbc, the optimizer without and with analysis, p6spy and datasource-proxy ({@link StatementPaths}
 * says exactly how each is set up). Every call prepares, binds, executes, reads the row and closes, on
 * one connection opened in setup: the shape an application (or an ORM) runs per request.
 *
 * <p>SampleTime mode: JMH reports percentiles, and the goals are stated on the median (p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisOverheadBenchmark {

    /** Which path to PostgreSQL: all run in the same JMH invocation, one after the other, each in its own fork. */
    @Param({"pgjdbc", "optimizer-pool", "optimizer-analysis", "p6spy", "datasource-proxy"})
    public String driver;

    private StatementPaths.Opened opened;
    private Connection connection;
    private int nextId;

    @Setup
    public void connect(BenchItems table) throws Exception {
        opened = StatementPaths.open(driver);
        connection = opened.connection();
    }

    /** Fails the run when the path did not do what it is measured for (see {@link StatementPaths}). */
    @TearDown
    public void disconnect() throws Exception {
        opened.close();
    }

    @Benchmark
    public int prepareExecuteClose() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BenchItems.SELECT)) {
            nextId = BenchItems.next(nextId);
            return BenchItems.readOne(select, nextId);
        }
    }
}
