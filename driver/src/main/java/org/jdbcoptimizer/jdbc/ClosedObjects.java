package org.jdbcoptimizer.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Map;

/**
 * Stand-ins that a wrapper swaps in for its real object when it is closed, so every later call
 * fails with a clear message without a closed-check on each call of the open path. Reflection
 * proxies are fine here: they only run after close, never on the hot path.
 */
final class ClosedObjects {

    /** SQLState 08003: connection does not exist. */
    static final String CONNECTION_CLOSED_STATE = "08003";
    /** SQLState HY010: function sequence error (using a closed statement). */
    static final String STATEMENT_CLOSED_STATE = "HY010";

    static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(ClosedObjects.class.getClassLoader(),
            new Class<?>[] {Connection.class}, thrower("Connection is closed", CONNECTION_CLOSED_STATE));

    /** Stands in for the DatabaseMetaData of a closed connection, whose physical connection is back in the pool. */
    static final DatabaseMetaData DATABASE_META_DATA = (DatabaseMetaData) Proxy.newProxyInstance(
            ClosedObjects.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
            thrower("Connection is closed", CONNECTION_CLOSED_STATE));

    /** Implements CallableStatement so that it stands in for every statement type. */
    static final CallableStatement STATEMENT = (CallableStatement) Proxy.newProxyInstance(
            ClosedObjects.class.getClassLoader(), new Class<?>[] {CallableStatement.class},
            thrower("Statement is closed", STATEMENT_CLOSED_STATE));

    private ClosedObjects() {
    }

    private static InvocationHandler thrower(String message, String sqlState) {
        return (proxy, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return message;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw closedException(method, message, sqlState);
            }
        };
    }

    /**
     * The exception a closed object's method throws: an SQLException of a type the method declares,
     * since a proxy that throws an undeclared checked exception makes the JDK wrap it in an
     * UndeclaredThrowableException (setClientInfo declares only SQLClientInfoException).
     */
    static Exception closedException(Method method, String message, String sqlState) {
        Class<?>[] declared = method.getExceptionTypes();
        for (Class<?> type : declared) {
            if (type == SQLException.class) {
                return new SQLException(message, sqlState);
            }
        }
        for (Class<?> type : declared) {
            if (type == SQLClientInfoException.class) {
                return new SQLClientInfoException(message, sqlState, Map.of());
            }
        }
        return new IllegalStateException(message + " (SQLState " + sqlState + ")");
    }
}
