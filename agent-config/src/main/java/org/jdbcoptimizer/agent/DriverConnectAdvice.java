package org.jdbcoptimizer.agent;

import java.sql.Connection;
import java.util.Properties;

import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of a real driver's {@code connect(String, Properties)}. The code is copied
 * into the driver's class, so it may only call public code visible from the driver's class loader:
 * {@link AgentHooks}, on the system class path with the agent jar. {@code suppress} makes any
 * throwable of ours (a class that cannot be found, a bug) leave the driver's result untouched.
 */
final class DriverConnectAdvice {

    private DriverConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object driver, @Advice.Argument(0) String url, @Advice.Argument(1) Properties info,
                     @Advice.Return(readOnly = false) Connection connection) {
        connection = AgentHooks.driverConnected(driver, url, info, connection);
    }
}
