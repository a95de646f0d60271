package org.jdbcoptimizer.advisor;

import java.util.Locale;

/**
 * What an index advisor should make of one statement shape of a {@link WorkloadFile}: the workload's
 * author's claim, which the advisor's quality measurement checks.
 */
public enum WorkloadExpectation {
    /** Its best index does not exist: an advisor should suggest one that the planner then uses. */
    MISSING,
    /** A primary key or an existing index already serves it (or its table is too small to need one). */
    SERVED,
    /** No plain B-tree column index can serve it (a leading-wildcard LIKE, a function on the column, ...). */
    UNINDEXABLE,
    /** A write: an advisor should count it as the cost of every index on its table. */
    WRITE;

    /** The word used in a workload file: {@code missing}, {@code served}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WorkloadExpectation ofWord(String word) {
        for (WorkloadExpectation expectation : values()) {
            if (expectation.word().equals(word)) {
                return expectation;
            }
        }
        return null;
    }
}
