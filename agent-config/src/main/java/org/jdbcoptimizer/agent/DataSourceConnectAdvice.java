package org.jdbcoptimizer.agent;

import java.sql.Connection;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of a DataSource's {@code getConnection()} and {@code getConnection(String,
 * String)} that return {@link Connection}; see {@link DriverConnectAdvice} for the rules inlined
 * code follows.
 */
final class DataSourceConnectAdvice {

    private DataSourceConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object dataSource, @Advice.Return(readOnly = false) Connection connection) {
        connection = AgentHooks.dataSourceConnected(dataSource, connection);
    }
}
