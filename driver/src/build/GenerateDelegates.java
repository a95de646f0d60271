import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes the pure-delegation base classes of the JDBC wrappers (package org.jdbcoptimizer.jdbc).
 *
 * <p>Why generated: the java.sql interfaces have about 700 methods, nearly all of which simply
 * pass the call to the real object. Writing them out by hand invites copy mistakes; generating them
 * by reflection over the JDK's own interfaces keeps them complete for the JDBC version we build on.
 * The output is committed source (no build-time bytecode rewriting), so IDEs and debuggers see it.
 *
 * <p>Behaviour lives in the hand-written subclasses (OptimizerConnection, ...). A method that
 * returns a JDBC object that must be wrapped (Statement, ResultSet, ...) is never generated, so
 * forgetting to wrap it in the hand-written class is a compile error, not a leak of the physical
 * object. Run after changing the rules below:
 *
 * <pre>java driver/src/build/GenerateDelegates.java driver/src/main/java</pre>
 */
public class GenerateDelegates {

    /** Types a wrapper must never hand out unwrapped. */
    private static final Set<Class<?>> WRAPPED_TYPES = Set.of(Connection.class, Statement.class,
            PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

    /** Methods with behaviour, written by hand in every wrapper. */
    private static final Set<String> ALWAYS_HAND_WRITTEN = Set.of("close", "isClosed", "unwrap", "isWrapperFor");

    /**
     * @param wrapResultSets a method returning ResultSet passes it through the hand-written wrapResultSet
     * @param wrapObjects    getObject passes its value through the hand-written wrapObject, because a value
     *                       can itself be a ResultSet (a PostgreSQL refcursor) that must not leak unwrapped
     */
    record Target(String className, Class<?> iface, String superClass, String delegateType,
                  Set<String> handWritten, boolean wrapResultSets, boolean wrapObjects) {

        /** Constructor parameters of a generated class that extends a hand-written one: the super's. */
        String superParameters() {
            return superClass.equals("OptimizerStatement")
                    ? "Statement delegate, OptimizerConnection connection"
                    : "CallableStatement delegate, OptimizerConnection connection, String sql";
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "driver/src/main/java");
        Path dir = root.resolve("org/jdbcoptimizer/jdbc");
        List<Target> targets = List.of(
                new Target("DelegatingConnection", Connection.class, null, "Connection",
                        Set.of("abort", "isValid", "commit", "rollback", "setAutoCommit", "getAutoCommit",
                                "setTransactionIsolation", "getTransactionIsolation", "setReadOnly", "isReadOnly",
                                "setCatalog", "getCatalog", "setSchema", "getSchema", "setNetworkTimeout",
                                "getNetworkTimeout"), false, false),
                new Target("DelegatingStatement", Statement.class, null, "Statement",
                        Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch",
                                "addBatch", "clearBatch"), false, false),
                new Target("DelegatingPreparedStatement", PreparedStatement.class, "OptimizerStatement",
                        "PreparedStatement", Set.of("execute", "executeUpdate", "executeLargeUpdate", "addBatch"),
                        false, false),
                new Target("DelegatingCallableStatement", CallableStatement.class, "OptimizerPreparedStatement",
                        "CallableStatement", Set.of(), false, true),
                new Target("DelegatingResultSet", ResultSet.class, null, "ResultSet", Set.of("next"), false, true),
                new Target("DelegatingDatabaseMetaData", DatabaseMetaData.class, null, "DatabaseMetaData",
                        Set.of(), true, false));
        for (Target target : targets) {
            Files.writeString(dir.resolve(target.className() + ".java"), generate(target));
            System.out.println("wrote " + dir.resolve(target.className() + ".java"));
        }
        Path forwarding = dir.resolve("ForwardingPreparedStatement.java");
        Files.writeString(forwarding, forwarding());
        System.out.println("wrote " + forwarding);
    }

    /**
     * The base of PendingStatement: every method of PreparedStatement (with those it inherits)
     * forwards to the statement {@code target()} returns, which the subclass creates when first
     * needed. No wrapping and no exception checks: the wrapper that holds it does those.
     */
    static String forwarding() {
        StringBuilder out = new StringBuilder();
        out.append("// Generated by driver/src/build/GenerateDelegates.java from the JDK's java.sql interfaces.\n");
        out.append("// Do not edit: change the generator, or override in the hand-written subclass.\n");
        out.append("package org.jdbcoptimizer.jdbc;\n\n");
        out.append("import java.sql.*;\n\n");
        out.append("/** Every method of {@link PreparedStatement} forwarded to {@link #target()}; see PendingStatement. */\n");
        out.append("@SuppressWarnings({\"deprecation\", \"RedundantThrows\"})\n");
        out.append("abstract class ForwardingPreparedStatement implements PreparedStatement {\n\n");
        out.append("    /** The statement to forward to, created when first needed. */\n");
        out.append("    abstract PreparedStatement target() throws SQLException;\n\n");
        Method[] methods = PreparedStatement.class.getMethods();
        Arrays.sort(methods, Comparator.comparing(GenerateDelegates::signatureKey));
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (!Arrays.asList(m.getExceptionTypes()).contains(java.sql.SQLException.class)) {
                throw new IllegalStateException("cannot forward without SQLException: " + m);
            }
            out.append(method(m, "target()", false, false, true));
        }
        out.append("}\n");
        return out.toString();
    }

    static String generate(Target t) {
        StringBuilder out = new StringBuilder();
        out.append("// Generated by driver/src/build/GenerateDelegates.java from the JDK's java.sql interfaces.\n");
        out.append("// Do not edit: change the generator, or override in the hand-written subclass.\n");
        out.append("package org.jdbcoptimizer.jdbc;\n\n");
        out.append("import java.sql.*;\n\n");
        out.append("/** Pure delegation of {@link ").append(t.iface().getSimpleName())
                .append("}; behaviour is in the hand-written subclass. */\n");
        out.append("@SuppressWarnings({\"deprecation\", \"RedundantThrows\"})\n");
        out.append("abstract class ").append(t.className());
        if (t.superClass() != null) {
            out.append(" extends ").append(t.superClass());
        }
        out.append(" implements ").append(t.iface().getSimpleName()).append(" {\n\n");
        if (t.superClass() == null) {
            out.append("    /** The real driver's object, or a closed stand-in once this wrapper is closed. */\n");
            out.append("    ").append(t.delegateType()).append(" delegate;\n\n");
            out.append("    ").append(t.className()).append("(").append(t.delegateType()).append(" delegate) {\n");
            out.append("        this.delegate = delegate;\n    }\n\n");
            out.append("    /** Sees every exception of the real object; returns the one to throw (fatal ones evict the connection). */\n");
            out.append("    abstract SQLException checkException(SQLException e);\n\n");
            if (t.wrapResultSets()) {
                out.append("    /** Wraps a result set the real object returned. */\n");
                out.append("    abstract ResultSet wrapResultSet(ResultSet resultSet) throws SQLException;\n\n");
            }
            if (t.wrapObjects()) {
                out.append("    /** Wraps a value that is a result set (a refcursor); other values unchanged. */\n");
                out.append("    abstract Object wrapObject(Object value);\n\n");
                out.append("    /** As {@link #wrapObject(Object)}, when the wrapper is a {@code type}. */\n");
                out.append("    abstract <T> T wrapObject(T value, Class<T> type);\n\n");
            }
        } else {
            String parameters = t.superParameters();
            String arguments = parameters.replaceAll("\\w+ (\\w+)", "$1");
            out.append("    ").append(t.className()).append("(").append(parameters).append(") {\n");
            out.append("        super(").append(arguments).append(");\n    }\n\n");
        }
        String target = t.superClass() == null ? "delegate" : "((" + t.delegateType() + ") delegate)";
        Method[] methods = t.iface().getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(GenerateDelegates::signatureKey));
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers()) || ALWAYS_HAND_WRITTEN.contains(m.getName())
                    || t.handWritten().contains(m.getName())) {
                continue;
            }
            boolean wrapsResultSet = t.wrapResultSets() && m.getReturnType() == ResultSet.class;
            if (WRAPPED_TYPES.contains(m.getReturnType()) && !wrapsResultSet) {
                continue; // must be hand-written: it returns an object that needs our wrapper
            }
            boolean wrapsObject = t.wrapObjects() && m.getName().equals("getObject");
            out.append(method(m, target, wrapsResultSet, wrapsObject, false));
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * @param forwarding a plain forward (for PendingStatement): no parameter capture, no exception
     *                   check, since the wrapper holding the statement does both
     */
    static String method(Method m, String target, boolean wrapsResultSet, boolean wrapsObject, boolean forwarding) {
        StringBuilder out = new StringBuilder();
        out.append("    @Override\n");
        if (m.isAnnotationPresent(Deprecated.class)) {
            out.append("    @Deprecated\n");
        }
        out.append("    public ");
        TypeVariable<Method>[] typeParameters = m.getTypeParameters();
        if (typeParameters.length > 0) {
            StringJoiner joiner = new StringJoiner(", ", "<", "> ");
            for (TypeVariable<Method> variable : typeParameters) {
                joiner.add(variable.getName());
            }
            out.append(joiner);
        }
        String returnType = name(m.getGenericReturnType());
        out.append(returnType).append(' ').append(m.getName()).append('(');
        Type[] parameters = m.getGenericParameterTypes();
        StringJoiner declared = new StringJoiner(", ");
        StringJoiner passed = new StringJoiner(", ");
        for (int i = 0; i < parameters.length; i++) {
            declared.add(name(parameters[i]) + " p" + i);
            passed.add("p" + i);
        }
        out.append(declared).append(')');
        // The declared exception: SQLException, or a subclass such as SQLClientInfoException.
        Class<?> thrown = null;
        for (Class<?> exception : m.getExceptionTypes()) {
            if (java.sql.SQLException.class.isAssignableFrom(exception)) {
                thrown = exception;
            }
        }
        if (thrown != null) {
            out.append(" throws ").append(thrown.getSimpleName());
        }
        out.append(" {\n");
        String call = target + "." + m.getName() + "(" + passed + ")";
        if (wrapsResultSet) {
            call = "wrapResultSet(" + call + ")";
        }
        if (wrapsObject) {
            // getObject(x, Class<T> type) passes its type along; the other getObject variants return Object
            call = typeParameters.length > 0 ? "wrapObject(" + call + ", p" + (parameters.length - 1) + ")"
                    : "wrapObject(" + call + ")";
        }
        String statement = (m.getReturnType() == void.class ? "" : "return ") + call + ";";
        String capture = forwarding ? null : parameterCapture(m);
        if (capture != null) {
            statement += "\n            if (capturing) {\n                parameterSet(p0, " + capture + ");\n            }";
        }
        if (forwarding) {
            out.append("        ").append(statement).append("\n");
        } else if (thrown == java.sql.SQLException.class) {
            out.append("        try {\n            ").append(statement).append("\n");
            out.append("        } catch (SQLException e) {\n            throw checkException(e);\n        }\n");
        } else if (thrown != null) {
            out.append("        try {\n            ").append(statement).append("\n");
            out.append("        } catch (").append(thrown.getSimpleName())
                    .append(" e) {\n            checkException(e);\n            throw e;\n        }\n");
        } else {
            out.append("        ").append(statement).append("\n");
        }
        out.append("    }\n\n");
        return out.toString();
    }

    /**
     * For a PreparedStatement setter by index, the value the analysis keeps (to EXPLAIN the
     * statement with its parameters bound, and to log them when asked): the value itself, null for
     * setNull, and a marker for streams, which cannot be read twice. Null for other methods.
     */
    static String parameterCapture(Method m) {
        Class<?>[] types = m.getParameterTypes();
        if (m.getDeclaringClass() != PreparedStatement.class || !m.getName().startsWith("set") || types.length < 2
                || types[0] != int.class) {
            return null;
        }
        if (m.getName().equals("setNull")) {
            return "null";
        }
        if (java.io.InputStream.class.isAssignableFrom(types[1]) || java.io.Reader.class.isAssignableFrom(types[1])) {
            return "ExecutionListener.UNBINDABLE";
        }
        return "p1";
    }

    static String name(Type type) {
        return type.getTypeName().replace("java.lang.", "").replace("java.sql.", "");
    }

    static String signatureKey(Method m) {
        return m.getName() + Arrays.toString(m.getParameterTypes());
    }
}
