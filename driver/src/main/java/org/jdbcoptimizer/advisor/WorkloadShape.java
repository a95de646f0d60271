package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jdbcoptimizer.dialect.Database;

/**
 * One statement shape of a {@link WorkloadFile}: its SQL with {@code ?} markers, how many times a replay
 * runs it, and where its parameter values come from. Immutable.
 *
 * @param name              unique within the workload
 * @param expectation       what an index advisor should make of it
 * @param reason            the author's one-line explanation of the expectation
 * @param expectationByDatabase where one database differs (SQLite's skip-scan may serve what
 *                          PostgreSQL cannot)
 * @param runs              executions per replay at factor 1, at least 1
 * @param sql               the statement, without its final semicolon
 * @param paramsQuery       the query whose rows supply the parameters on any database; empty when
 *                          the statement has none or every database has its own
 * @param paramsByDatabase  per-database overrides of {@code paramsQuery}
 * @param referenceIndexes  hand-written {@code CREATE INDEX} statements that serve the shape
 * @param line              where the block starts in the workload file (1-based), for messages
 */
public record WorkloadShape(String name, WorkloadExpectation expectation, String reason,
        Map<Database, WorkloadExpectation> expectationByDatabase, int runs, String sql,
        Optional<String> paramsQuery, Map<Database, String> paramsByDatabase, List<String> referenceIndexes,
        int line) {

    public WorkloadShape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(sql, "sql");
        paramsByDatabase = Map.copyOf(paramsByDatabase);
        expectationByDatabase = Map.copyOf(expectationByDatabase);
        referenceIndexes = List.copyOf(referenceIndexes);
        if (runs < 1) {
            throw new IllegalArgumentException("shape " + name + ": runs must be at least 1, got " + runs);
        }
    }

    /** What an advisor should make of it on {@code database}: its override, else the common one. */
    public WorkloadExpectation expectation(Database database) {
        return expectationByDatabase.getOrDefault(database, expectation);
    }

    /** The query supplying parameters on {@code database}: its override, else the common one. */
    public Optional<String> paramsQuery(Database database) {
        String specific = paramsByDatabase.get(database);
        return specific != null ? Optional.of(specific) : paramsQuery;
    }

    /** Executions in a replay scaled by {@code factor}: never fewer than one. */
    public int runs(double factor) {
        return (int) Math.max(1, Math.round(runs * factor));
    }
}
