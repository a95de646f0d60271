package org.jdbcoptimizer.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Arrays;

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
 * <p>Written as a class over the generated {@link ForwardingPreparedStatement} rather than as a
 * dynamic proxy: a hit calls it a handful of times, and a proxy's boxing and reflective dispatch
 * cost more than the rest of the hit.
 *
 * <p>Only for PostgreSQL: pgjdbc's prepareStatement sends nothing to the server, so creating it
 * later changes nothing the application can see, whereas SQLite compiles the text at prepare time
 * and reports its errors there.
 *
 * <p>Not thread-safe, like the statement it stands for.
 */
final class PendingStatement extends ForwardingPreparedStatement {

    /** Creates the real statement, with the variant of prepareStatement the application called. */
    @FunctionalInterface
    interface Preparer {
        PreparedStatement prepare(Connection physical) throws SQLException;
    }

    /** The setters whose value the driver binds as given (it only checks the index), and setObject of such a value. */
    private enum Setter { INT, LONG, SHORT, BYTE, BOOLEAN, DOUBLE, FLOAT, STRING, BIG_DECIMAL, OBJECT }

    private static final Setter[] NO_SETTERS = new Setter[0];
    private static final Object[] NO_VALUES = new Object[0];

    private final Connection physical;
    private final Preparer preparer;
    private final PreparedText text;
    private final int resultSetType;
    private final int resultSetConcurrency;
    private OptimizerStatement owner;
    /** Per parameter index - 1, the last deferred setter and its value; null once real. */
    private Setter[] setters = NO_SETTERS;
    private Object[] values = NO_VALUES;
    private PreparedStatement real;
    private boolean closed;

    PendingStatement(Connection physical, PreparedText text, int resultSetType, int resultSetConcurrency,
                     Preparer preparer) {
        this.physical = physical;
        this.text = text;
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.preparer = preparer;
    }

    /** The object to give the wrapper as its delegate. */
    PreparedStatement standIn() {
        return this;
    }

    /** The wrapper whose delegate becomes the real statement once it exists. */
    void ownedBy(OptimizerStatement statement) {
        this.owner = statement;
    }

    /** True once the real statement exists: what is bound from then on, the driver has accepted. */
    boolean isReal() {
        return real != null;
    }

    // What the stand-in answers itself while the real statement does not exist.

    @Override
    public boolean isClosed() throws SQLException {
        return real == null ? closed : real.isClosed();
    }

    @Override
    public void close() throws SQLException {
        if (real == null) {
            closed = true;
        } else {
            real.close();
        }
    }

    @Override
    public int getResultSetType() throws SQLException {
        return real == null ? resultSetType : real.getResultSetType();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return real == null ? resultSetConcurrency : real.getResultSetConcurrency();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return real == null ? 0 : real.getMaxRows(); // a setter of it creates the real statement
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return real == null ? 0 : real.getQueryTimeout(); // a setter of it creates the real statement
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return real == null ? null : real.getWarnings(); // nothing ran on it yet
    }

    @Override
    public void clearWarnings() throws SQLException {
        if (real != null) {
            real.clearWarnings();
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        if (real == null) {
            Arrays.fill(setters, null);
            Arrays.fill(values, null);
        } else {
            real.clearParameters();
        }
    }

    @Override
    public String toString() {
        return real != null ? real.toString() : "pending statement [" + text.sql + "]";
    }

    // Binds kept while the real statement does not exist.

    @Override
    public void setInt(int index, int value) throws SQLException {
        if (!defer(index, Setter.INT, value)) {
            target().setInt(index, value);
        }
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        if (!defer(index, Setter.LONG, value)) {
            target().setLong(index, value);
        }
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        if (!defer(index, Setter.SHORT, value)) {
            target().setShort(index, value);
        }
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        if (!defer(index, Setter.BYTE, value)) {
            target().setByte(index, value);
        }
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        if (!defer(index, Setter.BOOLEAN, value)) {
            target().setBoolean(index, value);
        }
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        if (!defer(index, Setter.DOUBLE, value)) {
            target().setDouble(index, value);
        }
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        if (!defer(index, Setter.FLOAT, value)) {
            target().setFloat(index, value);
        }
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        if (!defer(index, Setter.STRING, value)) {
            target().setString(index, value);
        }
    }

    @Override
    public void setBigDecimal(int index, BigDecimal value) throws SQLException {
        if (!defer(index, Setter.BIG_DECIMAL, value)) {
            target().setBigDecimal(index, value);
        }
    }

    @Override
    public void setObject(int index, Object value) throws SQLException {
        if (!(plainObject(value) && defer(index, Setter.OBJECT, value))) {
            target().setObject(index, value);
        }
    }

    /** A value setObject binds without a conversion that could fail, and that nobody can change after. */
    private static boolean plainObject(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof String
                || value instanceof Short || value instanceof Byte || value instanceof Boolean
                || value instanceof Double || value instanceof Float
                || value != null && value.getClass() == BigDecimal.class; // a subclass could be mutable
    }

    /** Keeps a bind the driver would accept as it is; false when the real statement must take it. */
    private boolean defer(int index, Setter setter, Object value) {
        if (real != null || index < 1 || index > text.acceptedParameters()) {
            return false;
        }
        if (index > setters.length) {
            setters = Arrays.copyOf(setters, text.acceptedParameters());
            values = Arrays.copyOf(values, text.acceptedParameters());
        }
        setters[index - 1] = setter;
        values[index - 1] = value;
        return true;
    }

    /** The real statement, created now if it was not yet, with the kept values bound in it. */
    @Override
    PreparedStatement target() throws SQLException {
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
                    bind(created, i + 1, setters[i], values[i]);
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                created.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        real = created;
        setters = null;
        values = null;
        owner.delegate = created; // the wrapper now calls the driver without this stand-in
        return created;
    }

    private static void bind(PreparedStatement statement, int index, Setter setter, Object value) throws SQLException {
        switch (setter) {
            case INT -> statement.setInt(index, (Integer) value);
            case LONG -> statement.setLong(index, (Long) value);
            case SHORT -> statement.setShort(index, (Short) value);
            case BYTE -> statement.setByte(index, (Byte) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case FLOAT -> statement.setFloat(index, (Float) value);
            case STRING -> statement.setString(index, (String) value);
            case BIG_DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case OBJECT -> statement.setObject(index, value);
            default -> throw new IllegalStateException("unknown setter " + setter);
        }
    }
}
