package org.jdbcoptimizer.jdbc;

import java.sql.CallableStatement;

/** The {@link CallableStatement} the application holds; see {@link OptimizerStatement}. */
public final class OptimizerCallableStatement extends DelegatingCallableStatement {

    OptimizerCallableStatement(CallableStatement delegate, OptimizerConnection connection, String sql) {
        super(delegate, connection, sql);
    }
}
