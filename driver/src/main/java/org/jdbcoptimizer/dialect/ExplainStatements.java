package org.jdbcoptimizer.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * What both dialects do around their EXPLAIN statement: bind the parameters, set the timeout, and
 * turn everything that goes wrong into an {@link SQLException}.
 *
 * <p>Why wrap runtime exceptions: drivers are not always tidy (sqlite-jdbc throws
 * ArrayIndexOutOfBoundsException for a parameter index past the last marker), and a parse failure
 * of the answer is an IllegalArgumentException. Callers swallow SQLException by contract; a
 * RuntimeException would escape them and could reach the application.
 */
final class ExplainStatements {

    private ExplainStatements() {
    }

    static void prepare(PreparedStatement statement, List<?> parameters, ExplainOptions options)
            throws SQLException {
        if (options.timeoutSeconds() > 0) {
            statement.setQueryTimeout(options.timeoutSeconds());
        }
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /** An SQLException naming the EXPLAIN that failed, with the original as cause. */
    static SQLException failure(String explainSql, RuntimeException cause) {
        return new SQLException("EXPLAIN failed (" + cause + "): " + explainSql, cause);
    }
}
