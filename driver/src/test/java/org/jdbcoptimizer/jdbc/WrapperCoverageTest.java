package org.jdbcoptimizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reflective checks over every method of the wrapped java.sql interfaces: each is implemented by
 * concrete code of ours (no abstract gap, no interface default that throws), the open path runs on
 * the real driver's objects (never a reflection proxy), zero-argument getters answer as the real
 * object does, and every method of a closed wrapper throws an SQLException.
 */
class WrapperCoverageTest {

    /** The wrapped interfaces and the classes the application receives for them. */
    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(
            Connection.class, OptimizerConnection.class,
            Statement.class, OptimizerStatement.class,
            PreparedStatement.class, OptimizerPreparedStatement.class,
            CallableStatement.class, OptimizerCallableStatement.class,
            ResultSet.class, OptimizerResultSet.class,
            DatabaseMetaData.class, OptimizerDatabaseMetaData.class);

    /** Methods that JDBC allows on a closed object. */
    private static final Set<String> LIFECYCLE = Set.of("isClosed", "isValid", "close", "abort");

    private TestTarget db;

    @AfterEach
    void cleanUp() {
        OptimizerDriver.closePools();
        if (db != null) {
            db.close();
        }
    }

    private Connection open(TestTarget.Kind kind) throws SQLException {
        db = TestTarget.of(kind);
        return DriverManager.getConnection(db.url());
    }

    @Test
    void everyInterfaceMethodHasAConcreteImplementationOfOurs() throws NoSuchMethodException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Class<?>, Class<?>> entry : WRAPPERS.entrySet()) {
            Class<?> wrapper = entry.getValue();
            assertFalse(Modifier.isAbstract(wrapper.getModifiers()), wrapper + " is abstract");
            assertFalse(Proxy.isProxyClass(wrapper));
            for (Method method : entry.getKey().getMethods()) {
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Method implementation = wrapper.getMethod(method.getName(), method.getParameterTypes());
                if (Modifier.isAbstract(implementation.getModifiers())
                        || implementation.getDeclaringClass().isInterface()) {
                    missing.add(wrapper.getSimpleName() + "." + method.getName()
                            + Arrays.toString(method.getParameterTypes()) + " from " + implementation.getDeclaringClass());
                }
            }
        }
        assertTrue(missing.isEmpty(), "not implemented by our classes: " + missing);
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void openWrappersRunOnTheRealDriversObjects(TestTarget.Kind kind) throws SQLException {
        try (Connection connection = open(kind)) {
            Statement statement = connection.createStatement();
            PreparedStatement prepared = connection.prepareStatement("select 1");
            ResultSet rs = prepared.executeQuery();
            DatabaseMetaData metaData = connection.getMetaData();
            ResultSet tables = metaData.getTables(null, null, "%", null);
            List<Object> delegates = new ArrayList<>(List.of(((OptimizerConnection) connection).delegate,
                    ((OptimizerStatement) statement).delegate, ((OptimizerPreparedStatement) prepared).delegate,
                    ((OptimizerResultSet) rs).delegate, ((OptimizerDatabaseMetaData) metaData).delegate,
                    ((OptimizerResultSet) tables).delegate));
            if (db.isPostgres()) {
                delegates.add(((OptimizerCallableStatement) connection.prepareCall("select 1")).delegate);
            }
            String driverPackage = db.isPostgres() ? "org.postgresql." : "org.sqlite.";
            for (Object delegate : delegates) {
                assertFalse(Proxy.isProxyClass(delegate.getClass()), "a proxy on the open path: " + delegate);
                assertTrue(delegate.getClass().getName().startsWith(driverPackage), delegate.getClass().getName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void gettersAnswerAsTheRealObjectsDo(TestTarget.Kind kind) throws Exception {
        try (Connection connection = open(kind)) {
            Connection physical = ((OptimizerConnection) connection).lease().physical();
            compareGetters(Connection.class, connection, physical,
                    Set.of("getMetaData", "getWarnings"));

            DatabaseMetaData metaData = connection.getMetaData();
            compareGetters(DatabaseMetaData.class, metaData, ((OptimizerDatabaseMetaData) metaData).delegate,
                    Set.of("getConnection"));

            Statement statement = connection.createStatement();
            statement.setFetchSize(7);
            statement.setMaxRows(3);
            compareGetters(Statement.class, statement, ((OptimizerStatement) statement).delegate,
                    Set.of("getConnection", "getResultSet", "getGeneratedKeys", "getMoreResults", "getWarnings"));

            ResultSet rs = statement.executeQuery("select 1 as one, 'two' as two");
            assertTrue(rs.next());
            compareGetters(ResultSet.class, rs, ((OptimizerResultSet) rs).delegate,
                    Set.of("getStatement", "getWarnings"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void everyMethodOfAClosedConnectionThrowsSqlException(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        connection.close();
        assertEveryMethodThrowsSqlException(Connection.class, connection);
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void everyMethodOfAClosedStatementThrowsSqlException(TestTarget.Kind kind) throws SQLException {
        try (Connection connection = open(kind)) {
            Statement statement = connection.createStatement();
            statement.close();
            assertEveryMethodThrowsSqlException(Statement.class, statement);

            PreparedStatement prepared = connection.prepareStatement("select 1");
            prepared.close();
            assertEveryMethodThrowsSqlException(PreparedStatement.class, prepared);

            if (db.isPostgres()) {
                CallableStatement callable = connection.prepareCall("select 1");
                callable.close();
                assertEveryMethodThrowsSqlException(CallableStatement.class, callable);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void statementsOfAClosedConnectionThrowSqlException(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("select 1");
        connection.close();
        assertEveryMethodThrowsSqlException(Statement.class, statement);
        assertEveryMethodThrowsSqlException(PreparedStatement.class, prepared);
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void metaDataOfAClosedConnectionThrowsSqlException(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        DatabaseMetaData metaData = connection.getMetaData();
        connection.close();
        // The physical connection is back in the pool: a query through this object would run on
        // a connection that another borrower may be using.
        assertEveryMethodThrowsSqlException(DatabaseMetaData.class, metaData);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /**
     * Calls every non-static method (lifecycle ones excepted) with default arguments. The few that
     * declare no SQLException (DatabaseMetaData.getDriverMajorVersion, ...) must answer instead.
     */
    private static void assertEveryMethodThrowsSqlException(Class<?> iface, Object wrapper) {
        List<String> wrong = new ArrayList<>();
        for (Method method : sorted(iface.getMethods())) {
            if (Modifier.isStatic(method.getModifiers()) || LIFECYCLE.contains(method.getName())) {
                continue;
            }
            boolean canThrow = Arrays.stream(method.getExceptionTypes()).anyMatch(SQLException.class::isAssignableFrom);
            try {
                Object result = method.invoke(wrapper, defaultArguments(method));
                if (canThrow) {
                    wrong.add(signature(method) + " returned " + result);
                }
            } catch (InvocationTargetException e) {
                if (!canThrow || !(e.getCause() instanceof SQLException)) {
                    wrong.add(signature(method) + " threw " + e.getCause());
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(wrong.isEmpty(), "closed " + iface.getSimpleName() + ": " + wrong.size() + " methods did not throw"
                + " SQLException: " + String.join("\n  ", wrong));
    }

    /**
     * Compares each zero-argument get/is/supports-style method of the wrapper with the real object:
     * equal values for value types, the same class otherwise, or the same exception class.
     */
    private static void compareGetters(Class<?> iface, Object wrapper, Object real, Set<String> skip)
            throws IllegalAccessException {
        List<String> different = new ArrayList<>();
        int compared = 0;
        for (Method method : sorted(iface.getMethods())) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || skip.contains(method.getName()) || !isQuery(iface, method)
                    || WRAPPERS.containsKey(method.getReturnType())) { // ours by design, checked elsewhere
                continue;
            }
            Object expected;
            Object actual;
            try {
                expected = method.invoke(real);
            } catch (InvocationTargetException e) {
                expected = e.getCause().getClass();
            }
            try {
                actual = method.invoke(wrapper);
            } catch (InvocationTargetException e) {
                actual = e.getCause().getClass();
            }
            compared++;
            if (!sameKind(expected, actual)) {
                different.add(signature(method) + ": real " + expected + ", wrapper " + actual);
            }
        }
        assertTrue(compared > 5, "compared only " + compared + " getters of " + iface.getSimpleName());
        assertTrue(different.isEmpty(), iface.getSimpleName() + " getters differ from the real object's: "
                + String.join("\n  ", different));
    }

    /** A method that only reads: every zero-argument DatabaseMetaData method, getters elsewhere. */
    private static boolean isQuery(Class<?> iface, Method method) {
        if (iface == DatabaseMetaData.class) {
            return !method.getName().equals("hashCode") && !method.getName().equals("toString");
        }
        String name = method.getName();
        return (name.startsWith("get") || name.startsWith("is")) && !name.equals("getClass")
                && !name.equals("isClosed") && !name.equals("isValid");
    }

    private static boolean sameKind(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Class || expected instanceof Number || expected instanceof Boolean
                || expected instanceof String || expected instanceof Enum || expected instanceof Map
                || expected instanceof Properties) {
            return Objects.equals(expected, actual);
        }
        return expected.getClass() == actual.getClass();
    }

    private static Object[] defaultArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (type == boolean.class) {
                arguments[i] = false;
            } else if (type == int.class) {
                arguments[i] = 1;
            } else if (type == long.class) {
                arguments[i] = 1L;
            } else if (type == short.class) {
                arguments[i] = (short) 1;
            } else if (type == byte.class) {
                arguments[i] = (byte) 1;
            } else if (type == double.class) {
                arguments[i] = 1d;
            } else if (type == float.class) {
                arguments[i] = 1f;
            } else if (type == String.class) {
                arguments[i] = "x";
            } else if (type == Class.class) {
                arguments[i] = Object.class;
            } else if (type.isPrimitive()) {
                fail("no default for " + type);
            }
        }
        return arguments;
    }

    private static List<Method> sorted(Method[] methods) {
        List<Method> list = new ArrayList<>(List.of(methods));
        list.sort(Comparator.comparing(WrapperCoverageTest::signature));
        return list;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    @Test
    void closedStandInsAreTheOnlyProxies() {
        assertTrue(Proxy.isProxyClass(ClosedObjects.CONNECTION.getClass()));
        assertTrue(Proxy.isProxyClass(ClosedObjects.STATEMENT.getClass()));
        assertEquals(ClosedObjects.CONNECTION_CLOSED_STATE, "08003");
    }
}
