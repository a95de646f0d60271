package org.jdbcoptimizer.analyze;

import org.jdbcoptimizer.sql.SqlStatementKind;

/**
 * Where the analysis publishes per-execution measurements besides its own statistics (Micrometer,
 * when the application has it). Implementations are thread-safe and cheap: called on every
 * execution.
 */
public interface StatementMetrics {

    /** No publishing. */
    StatementMetrics NONE = (kind, nanos, failed, slow) -> { };

    void executed(SqlStatementKind kind, long nanos, boolean failed, boolean slow);
}
