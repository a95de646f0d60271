package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Plan;

/**
 * No way to plan with an index that does not exist (PostgreSQL without HypoPG): today's plans
 * only, so a candidate counts as plausible where the table is read by a sequential scan.
 */
final class HeuristicProver implements Prover {

    private final Connection connection;
    private final ShapeExplainer explainer;

    HeuristicProver(Connection connection, ShapeExplainer explainer) {
        this.connection = connection;
        this.explainer = explainer;
    }

    @Override
    public boolean proves() {
        return false;
    }

    @Override
    public Plan plan(ObservedShape shape) throws SQLException {
        return explainer.explain(connection, shape);
    }

    @Override
    public Trial trial(Candidate candidate, List<ObservedShape> shapes) {
        return null;
    }

    @Override
    public void close() {
    }
}
