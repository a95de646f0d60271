package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * Throughput of borrowing a connection and giving it back ({@code getConnection()} then
 * {@code close()}), our pool against HikariCP, both with 10 connections kept open to the same
 * PostgreSQL. Like HikariCP's own benchmark it runs no statement: it measures the pool, not the
 * database. Thread counts come from the command line ({@code -t 1}, {@code -t 4}, {@code -t 8}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolCycleBenchmark {

    static final int POOL_SIZE = 10;

    /** Which pool: both run in the same JMH invocation, one after the other. */
    @Param({"optimizer", "hikari"})
    public String pool;

    private DataSource dataSource;
    private AutoCloseable closer;

    @Setup
    public void openPool() throws Exception {
        switch (pool) {
            case "optimizer" -> {
                OptimizerDataSource optimizer = new OptimizerDataSource(BenchDatabase.optimizerUrl(
                        "optimizer.pool.name=bench-optimizer&optimizer.pool.maxSize=" + POOL_SIZE
                                + "&optimizer.pool.minIdle=" + POOL_SIZE));
                dataSource = optimizer;
                closer = optimizer;
                optimizer.getConnection().close(); // the pool starts with the first borrow
                PoolFill.await(pool, POOL_SIZE, () -> optimizer.poolStats().values().iterator().next().idle());
            }
            case "hikari" -> {
                HikariConfig config = new HikariConfig();
                config.setPoolName("bench-hikari");
                config.setJdbcUrl(BenchDatabase.postgresUrl());
                config.setMaximumPoolSize(POOL_SIZE);
                config.setMinimumIdle(POOL_SIZE);
                HikariDataSource hikari = new HikariDataSource(config);
                dataSource = hikari;
                closer = hikari;
                PoolFill.await(pool, POOL_SIZE, () -> hikari.getHikariPoolMXBean().getIdleConnections());
            }
            default -> throw new IllegalArgumentException("pool must be optimizer or hikari, got " + pool);
        }
    }

    @TearDown
    public void closePool() throws Exception {
        closer.close();
    }

    @Benchmark
    public Connection cycle() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }
}
