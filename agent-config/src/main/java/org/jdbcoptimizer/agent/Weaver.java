package org.jdbcoptimizer.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites one class's bytes with byte-buddy: the advice is inlined at the end of the connect
 * methods, nothing else changes (no member is added, so the same rewrite also serves a
 * retransformation when the agent is attached late). Only {@link DriverTransformer} uses this class,
 * and only for the few classes it targets, so an application that never loads a JDBC driver never
 * loads byte-buddy.
 */
final class Weaver {

    /** {@code Connection connect(String, Properties)} of a {@link java.sql.Driver}. */
    private static final AsmVisitorWrapper DRIVER = Advice.to(DriverConnectAdvice.class)
            .on(named("connect").and(takesArguments(2))
                    .and(takesArgument(0, named("java.lang.String")))
                    .and(takesArgument(1, named("java.util.Properties")))
                    .and(returns(named("java.sql.Connection")))
                    .and(not(isAbstract())));

    /**
     * {@code Connection getConnection()} and {@code getConnection(String, String)}; a covariant
     * override (sqlite-jdbc's returns {@code SQLiteConnection}) cannot return our wrapper, but its
     * bridge method, which returns {@code Connection}, is matched.
     */
    private static final AsmVisitorWrapper DATA_SOURCE = Advice.to(DataSourceConnectAdvice.class)
            .on(named("getConnection").and(returns(named("java.sql.Connection")))
                    .and(takesArguments(0).or(takesArguments(2)
                            .and(takesArgument(0, named("java.lang.String")))
                            .and(takesArgument(1, named("java.lang.String")))))
                    .and(not(isAbstract())));

    private Weaver() {
    }

    /**
     * @param className    the class's binary name ({@code org.postgresql.Driver})
     * @param bytes        its class file as the JVM is about to define it
     * @param loader       its class loader, null for the bootstrap loader
     * @param dataSource   true for a DataSource's getConnection, false for a Driver's connect
     * @return the rewritten class file
     */
    static byte[] weave(String className, byte[] bytes, ClassLoader loader, boolean dataSource) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, bytes),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(type, locator)
                .visit(dataSource ? DATA_SOURCE : DRIVER)
                .make(pool)
                .getBytes();
    }
}
