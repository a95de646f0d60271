package org.jdbcoptimizer.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;

/**
 * Stands in for the driver's statement of a cacheable query until something needs the real one,
 * so that a query answered from the cache never creates, binds and closes a pgjdbc statement it
 * does not run.
 *
 * <p>The stand-in answers what it knows without the driver: it is open or closed, its result set
 * type and concurrency, and the defaults of the settings nobody changed (no max rows, no timeout,
 * no warnings before anything ran). It keeps the last value bound to each parameter, but only
 * through a setter that the driver cannot refuse for that value: an immutable value of a plain type,
 * at an index the driver has already accepted for this text on this connection ({@link
 * PreparedText#acceptedParameters()}). Anything else (another setter, a setting, an execution, a
 * metadata call) creates the real statement, binds the kept values in it, and from then on the
 * wrapper talks to the real statement directly. A bind the driver would reject therefore still
 * fails where the application made it.
 *
 * <p>Only for PostgreSQL: pgjdbc's prepareStatement sends nothing to the server, so creating it
 * later changes nothing the application can see, whereas SQLite compiles the text at prepare time
 * and reports its errors there.
 *
 * <p>Not thread-safe, like the statement it stands for.
 */
final class PendingStatement implements InvocationHandler {

    /** Creates the real statement, with the variant of prepareStatement the application called. */
    @FunctionalInterface
    interface Preparer {
        PreparedStatement prepare(Connection physical) throws SQLException;
    }

    /** Two-argument setters whose value the driver binds as given: it only checks the index. */
    private static final Set<String> VALUE_SETTERS = Set.of("setInt", "setLong", "setShort", "setByte",
            "setBoolean", "setDouble", "setFloat", "setString", "setBigDecimal");
    /** Values setObject binds without a conversion that could fail, and that nobody can change after. */
    private static final Set<Class<?>> PLAIN_OBJECTS = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Boolean.class, Double.class, Float.class, String.class, BigDecimal.class);
    private static final Method[] NO_SETTERS = new Method[0];

    private final Connection physical;
    private final Preparer preparer;
    private final PreparedText text;
    private final int resultSetType;
    private final int resultSetConcurrency;
    private final PreparedStatement standIn;
    private OptimizerStatement owner;
    /** Per parameter index - 1, the last deferred setter and its arguments; null once real. */
    private Method[] setters = NO_SETTERS;
    private Object[][] arguments = new Object[0][];
    private PreparedStatement real;
    private boolean closed;

    PendingStatement(Connection physical, PreparedText text, int resultSetType, int resultSetConcurrency,
                     Preparer preparer) {
        this.physical = physical;
        this.text = text;
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.preparer = preparer;
        this.standIn = (PreparedStatement) Proxy.newProxyInstance(PendingStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, this);
    }

    /** The object to give the wrapper as its delegate. */
    PreparedStatement standIn() {
        return standIn;
    }

    /** The wrapper whose delegate becomes the real statement once it exists. */
    void ownedBy(OptimizerStatement statement) {
        this.owner = statement;
    }

    /** True once the real statement exists: what is bound from then on, the driver has accepted. */
    boolean isReal() {
        return real != null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return real != null ? real.toString() : "pending statement [" + text.sql + "]";
            default:
                break;
        }
        if (real == null) {
            switch (name) {
                case "isClosed":
                    return closed;
                case "close":
                    closed = true;
                    return null;
                case "getResultSetType":
                    return resultSetType;
                case "getResultSetConcurrency":
                    return resultSetConcurrency;
                case "getMaxRows":
                case "getQueryTimeout":
                    return 0; // a setter of these creates the real statement: here they are the defaults
                case "getWarnings":
                    return null; // nothing ran on it yet
                case "clearWarnings":
                    return null;
                case "clearParameters":
                    Arrays.fill(setters, null);
                    Arrays.fill(arguments, null);
                    return null;
                default:
                    if (defer(method, args)) {
                        return null;
                    }
            }
        }
        try {
            return method.invoke(real(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Keeps a bind the driver would accept as it is; false when the real statement must take it. */
    private boolean defer(Method method, Object[] args) {
        if (args == null || args.length != 2 || !(args[0] instanceof Integer)) {
            return false;
        }
        int index = (Integer) args[0];
        if (index < 1 || index > text.acceptedParameters()) {
            return false;
        }
        String name = method.getName();
        boolean plain = name.equals("setObject") ? args[1] != null && PLAIN_OBJECTS.contains(args[1].getClass())
                : VALUE_SETTERS.contains(name);
        if (!plain) {
            return false;
        }
        if (index > setters.length) {
            setters = Arrays.copyOf(setters, text.acceptedParameters());
            arguments = Arrays.copyOf(arguments, text.acceptedParameters());
        }
        setters[index - 1] = method;
        arguments[index - 1] = args;
        return true;
    }

    /** The real statement, created now if it was not yet, with the kept values bound in it. */
    private PreparedStatement real() throws Throwable {
        if (real != null) {
            return real;
        }
        if (closed) {
            throw new SQLException("Statement is closed", ClosedObjects.STATEMENT_CLOSED_STATE);
        }
        PreparedStatement created = preparer.prepare(physical);
        try {
            for (int i = 0; i < setters.length; i++) {
                if (setters[i] != null) {
                    setters[i].invoke(created, arguments[i]);
                }
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            try {
                created.close();
            } catch (SQLException closeFailure) {
                cause.addSuppressed(closeFailure);
            }
            throw cause;
        }
        real = created;
        setters = null;
        arguments = null;
        owner.delegate = created; // the wrapper now calls the driver without this stand-in
        return created;
    }
}
