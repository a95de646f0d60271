package org.jdbcoptimizer.examples.advisor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.advisor.WorkloadExpectation;
import org.jdbcoptimizer.advisor.WorkloadFile;
import org.jdbcoptimizer.advisor.WorkloadPlans;
import org.jdbcoptimizer.advisor.WorkloadReplay;
import org.jdbcoptimizer.advisor.WorkloadRun;
import org.jdbcoptimizer.advisor.WorkloadShape;
import org.jdbcoptimizer.dialect.Plan;

/**
 * Applies one set of indexes to a loaded shop, re-runs the workload, checks the quality rules, and
 * drops the indexes again so the next set starts from the same schema.
 */
final class QualityMeasurement {

    private final QualityTarget target;
    private final WorkloadFile workload;
    private final double runs;
    private final String optimizerUrl;

    QualityMeasurement(QualityTarget target, WorkloadFile workload, double runs, String optimizerUrl) {
        this.target = target;
        this.workload = workload;
        this.runs = runs;
        this.optimizerUrl = optimizerUrl;
    }

    /** Replays the workload through the optimizer's URL: a short warm-up, not counted, then the measured run. */
    WorkloadRun replay() throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(optimizerUrl)) {
            if (target.database() == org.jdbcoptimizer.dialect.Database.POSTGRESQL) {
                try (Statement statement = connection.createStatement()) {
                    // pg_qualstats samples 1% of statements by default; it must see all of them to compare.
                    statement.execute("set pg_qualstats.sample_rate = 1");
                }
            }
            new WorkloadReplay(workload, Math.min(runs, 0.1)).run(connection);
            return new WorkloadReplay(workload, runs).run(connection);
        }
    }

    IndexSetResult apply(String source, List<String> ddl) throws SQLException {
        Map<String, IndexCatalog.Index> existing;
        List<String> failed = new ArrayList<>();
        try (Connection connection = target.plain()) {
            existing = IndexCatalog.read(connection, target.database());
            try (Statement statement = connection.createStatement()) {
                for (String sql : ddl) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        failed.add(sql + ": " + e.getMessage());
                    }
                }
            }
        }
        target.analyze();
        List<String> created = new ArrayList<>();
        List<String> redundant = new ArrayList<>();
        List<String> lowCardinality = new ArrayList<>();
        List<String> served = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Connection connection = target.plain()) {
            for (IndexCatalog.Index index : IndexCatalog.read(connection, target.database()).values()) {
                if (existing.containsKey(index.name())) {
                    continue;
                }
                created.add(index.name());
                existing.values().stream().filter(e -> e.covers(index.table(), index.columns())).findFirst()
                        .ifPresent(e -> redundant.add(index.name() + " (" + index.columns() + ") vs " + e.name()));
                if (index.columns().size() == 1 && !index.partial()
                        && distinct(connection, index.table(), index.columns().get(0)) <= 10) {
                    lowCardinality.add(index.name() + " (" + index.columns().get(0) + ")");
                }
            }
            Map<String, Plan> plans = WorkloadPlans.explain(connection, workload);
            Set<String> names = new HashSet<>();
            created.forEach(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
            for (WorkloadShape shape : workload.shapes(WorkloadExpectation.MISSING, target.database())) {
                missing.add(shape.name());
                if (WorkloadPlans.indexesUsed(plans.get(shape.name())).stream().anyMatch(names::contains)) {
                    served.add(shape.name());
                }
            }
        }
        WorkloadRun after = replay();
        drop(created);
        return new IndexSetResult(source, ddl, created, after, served, missing, redundant, lowCardinality, failed);
    }

    private void drop(List<String> created) throws SQLException {
        for (String name : created) {
            target.execute("drop index " + (target.schema() == null ? "\"" + name + "\"" : target.schema() + ".\"" + name + "\""));
        }
        target.analyze();
    }

    private static long distinct(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(distinct " + column + ") from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
