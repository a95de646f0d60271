package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.ExplainOptions;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.dialect.PlanNode;

/**
 * The plans of a workload's shapes as the database would run them now, with the first row of each
 * shape's params: what tells whether a set of indexes serves a shape (its plan reads through one).
 * EXPLAIN only, nothing is executed.
 */
public final class WorkloadPlans {

    private WorkloadPlans() {
    }

    /** Each shape's plan, by shape name in workload order. */
    public static Map<String, Plan> explain(Connection connection, WorkloadFile workload) throws SQLException {
        Database database = WorkloadParameters.database(connection);
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (WorkloadShape shape : workload.shapes()) {
            List<Object> first = WorkloadParameters.draw(connection, shape, database).get(0);
            IndexImpactStatement statement = new IndexImpactStatement("shape " + shape.name(), shape.sql(), first);
            plans.put(shape.name(), database == Database.POSTGRESQL ? IndexImpactPostgres.explain(connection, statement)
                    : ExplainDialect.forDatabase(database)
                            .orElseThrow(() -> new SQLException("no EXPLAIN for " + database))
                            .explain(connection, shape.sql(), first, ExplainOptions.ESTIMATES));
        }
        return plans;
    }

    /**
     * The named indexes a plan reads through (lower case); SQLite's rowid and primary-key
     * searches are left out, as they are not indexes one could create.
     */
    public static Set<String> indexesUsed(Plan plan) {
        Set<String> names = new LinkedHashSet<>();
        for (PlanNode node : plan.nodes()) {
            node.indexName().filter(n -> !n.endsWith("PRIMARY KEY"))
                    .ifPresent(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
        }
        return names;
    }

    /** How the plan reads its tables, e.g. "Seq Scan on orders" or "SEARCH orders USING INDEX ...". */
    public static String access(Plan plan) {
        return IndexImpactResult.access(plan);
    }
}
