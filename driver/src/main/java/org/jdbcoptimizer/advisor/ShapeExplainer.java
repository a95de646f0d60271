package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.ExplainOptions;
import org.jdbcoptimizer.dialect.Plan;

/**
 * EXPLAINs an observed shape as the application ran it: its first seen text (literals included)
 * with the parameters of a recent execution bound, so the planner sees real values (a value that
 * is rare or common changes the plan). Plain EXPLAIN: nothing is executed.
 */
final class ShapeExplainer {

    private final ExplainDialect dialect;
    private final ExplainOptions options;

    ShapeExplainer(ExplainDialect dialect, int timeoutSeconds) {
        this.dialect = dialect;
        this.options = ExplainOptions.ESTIMATES.withTimeoutSeconds(timeoutSeconds);
    }

    Plan explain(Connection connection, ObservedShape shape) throws SQLException {
        if (shape.info().placeholderCount() > 0 && shape.parameters().size() < shape.info().placeholderCount()) {
            throw new SQLException("no parameter values were observed for it (streams or readers are not recorded)");
        }
        return dialect.explain(connection, shape.info().text(), shape.parameters(), options);
    }
}
