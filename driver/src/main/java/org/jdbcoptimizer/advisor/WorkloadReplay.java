package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jdbcoptimizer.dialect.Database;

/**
 * Runs a {@link WorkloadFile} on one connection, as an application would, and measures each shape.
 * Through a {@code jdbc:optimizer:} connection the optimizer sees every statement (statistics,
 * predicates, advice); through a plain one it measures the database alone.
 *
 * <p>Parameter values are drawn first (each shape's params query, once, not timed). The executions
 * are then interleaved, round by round in workload order, each shape until its runs are done, so a
 * shape's time is not helped by having the cache to itself. Every execution prepares its statement,
 * binds the parameter row {@code i mod rows}, reads every row and closes: the time from prepare to
 * close is what the shape is charged. The connection's auto-commit mode is left as it is (writes
 * commit one by one in the default auto-commit). Not thread-safe; one replay per connection.
 */
public final class WorkloadReplay {

    private final WorkloadFile workload;
    private final double factor;

    /**
     * @param factor multiplies every shape's runs (at least one run each); 1 for the file's counts
     * @throws IllegalArgumentException when factor is not positive
     */
    public WorkloadReplay(WorkloadFile workload, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("runs factor must be positive, got " + factor);
        }
        this.workload = workload;
        this.factor = factor;
    }

    /**
     * Replays the workload once.
     *
     * @throws SQLException when a params query or a statement fails; the message names the shape
     */
    public WorkloadRun run(Connection connection) throws SQLException {
        Database database = WorkloadParameters.database(connection);
        List<WorkloadShape> shapes = workload.shapes();
        List<List<List<Object>>> parameters = new ArrayList<>();
        for (WorkloadShape shape : shapes) {
            parameters.add(WorkloadParameters.draw(connection, shape, database));
        }
        int[] done = new int[shapes.size()];
        long[] nanos = new long[shapes.size()];
        long[] rows = new long[shapes.size()];
        long start = System.nanoTime();
        boolean more = true;
        while (more) {
            more = false;
            for (int s = 0; s < shapes.size(); s++) {
                WorkloadShape shape = shapes.get(s);
                if (done[s] >= shape.runs(factor)) {
                    continue;
                }
                List<List<Object>> rowsOfParams = parameters.get(s);
                List<Object> values = rowsOfParams.get(done[s] % rowsOfParams.size());
                long before = System.nanoTime();
                rows[s] += execute(connection, "shape " + shape.name(), shape.sql(), values);
                nanos[s] += System.nanoTime() - before;
                done[s]++;
                more |= done[s] < shape.runs(factor);
            }
        }
        long wall = System.nanoTime() - start;
        List<WorkloadTiming> timings = new ArrayList<>();
        for (int s = 0; s < shapes.size(); s++) {
            WorkloadShape shape = shapes.get(s);
            timings.add(new WorkloadTiming(shape.name(), shape.expectation(database), done[s], nanos[s], rows[s]));
        }
        return new WorkloadRun(timings, wall);
    }

    /** Runs one execution, reading every row; returns the rows read or changed. */
    static long execute(Connection connection, String label, String sql, List<?> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            WorkloadParameters.bind(statement, values);
            if (!statement.execute()) {
                return Math.max(0, statement.getUpdateCount());
            }
            long read = 0;
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    read++;
                }
            }
            return read;
        } catch (SQLException e) {
            throw new SQLException(label + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
