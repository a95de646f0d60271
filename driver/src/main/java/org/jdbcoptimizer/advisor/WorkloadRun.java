package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.Optional;

/**
 * The measurements of one {@link WorkloadReplay}: per shape, in workload order.
 *
 * @param timings    one per shape
 * @param wallNanos  from the first execution to the last, parameter queries excluded
 */
public record WorkloadRun(List<WorkloadTiming> timings, long wallNanos) {

    public WorkloadRun {
        timings = List.copyOf(timings);
    }

    /** The time spent in the workload's statements: the sum over shapes (what a speed-up compares). */
    public long totalNanos() {
        return timings.stream().mapToLong(WorkloadTiming::totalNanos).sum();
    }

    /** The sum over the shapes the author expects this of. */
    public long totalNanos(WorkloadExpectation expectation) {
        return timings.stream().filter(t -> t.expectation() == expectation).mapToLong(WorkloadTiming::totalNanos)
                .sum();
    }

    /** Executions of every shape. */
    public int executions() {
        return timings.stream().mapToInt(WorkloadTiming::executions).sum();
    }

    public Optional<WorkloadTiming> timing(String shape) {
        return timings.stream().filter(t -> t.shape().equals(shape)).findFirst();
    }
}
