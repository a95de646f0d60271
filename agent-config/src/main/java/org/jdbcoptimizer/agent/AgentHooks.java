package org.jdbcoptimizer.agent;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import org.jdbcoptimizer.AgentConnections;
import org.jdbcoptimizer.util.Log;

/**
 * What the inlined advice calls when a real driver or DataSource returns a connection: decides
 * whether to wrap it, and wraps it. Public only because code inlined into the drivers' classes
 * calls it; not an API.
 *
 * <p>A connection is left as it is when it is null, already the optimizer's, of a URL the
 * configuration does not include, or opened by the optimizer itself (its pool behind a
 * {@code jdbc:optimizer:} URL, its EXPLAIN connection, the cache's invalidation bus). The last is
 * recognised by the optimizer's connection factories on the calling thread's stack rather than by a
 * thread-local flag: the stack is the same whichever class loader holds the driver's classes (a web
 * application may bundle its own copy), and a stack walk costs microseconds against the
 * milliseconds of opening a connection. Any failure of ours is logged once and the application gets
 * its connection unwrapped.
 *
 * <p>Thread-safe.
 */
public final class AgentHooks {

    private static final String PREFIX = "jdbc-optimizer agent";
    /** The classes through which the optimizer opens every physical connection of its own. */
    private static final Set<String> OWN_FACTORIES = Set.of("org.jdbcoptimizer.jdbc.DriverConnectionFactory",
            "org.jdbcoptimizer.jdbc.DataSourceConnectionFactory");
    /** The DataSources whose connections are wrapped; others sharing their code (pgjdbc's pooling ones) are not. */
    private static final Set<String> DATA_SOURCES = Set.of("org.postgresql.ds.PGSimpleDataSource",
            "org.sqlite.SQLiteDataSource");
    private static final StackWalker STACK = StackWalker.getInstance();

    private static volatile AgentSettings settings;

    /** Created at the first failure: System.Logger set-up (JUL) is not a start-up cost worth paying. */
    private static final class LogHolder {
        static final Log LOG = Log.of(AgentHooks.class);
    }

    private AgentHooks() {
    }

    /** Called once by the agent before any class is instrumented. */
    static void install(AgentSettings installed) {
        settings = installed;
    }

    /**
     * After {@code Driver.connect(url, info)}.
     *
     * @return the connection to give the application: wrapped, or {@code connection} itself
     */
    public static Connection driverConnected(Object driver, String url, Properties info, Connection connection) {
        AgentSettings current = settings;
        if (connection == null || current == null || isOurs(connection) || !current.urls().wraps(url)
                || !(driver instanceof Driver) || openedByOptimizer()) {
            return connection;
        }
        try {
            return AgentConnections.wrap(connection, (Driver) driver, url, info, current.options());
        } catch (Throwable e) {
            failed(driver, e);
            return connection;
        }
    }

    /**
     * After {@code DataSource.getConnection()} or {@code getConnection(user, password)}.
     *
     * @return the connection to give the application: wrapped, or {@code connection} itself
     */
    public static Connection dataSourceConnected(Object dataSource, Connection connection) {
        AgentSettings current = settings;
        if (connection == null || current == null || isOurs(connection) || !(dataSource instanceof DataSource)
                || !isWrappedDataSource(dataSource.getClass()) || openedByOptimizer()) {
            return connection;
        }
        try {
            String url = AgentConnections.urlOf((DataSource) dataSource);
            if (!current.urls().wraps(url)) {
                return connection;
            }
            return AgentConnections.wrap(connection, (DataSource) dataSource, current.options());
        } catch (Throwable e) {
            failed(dataSource, e);
            return connection;
        }
    }

    /**
     * By class name, not {@code instanceof}: a copy of the driver in another class loader (an
     * application that bundles the driver jar too) makes wrappers of another class.
     */
    private static boolean isOurs(Connection connection) {
        return connection.getClass().getName().startsWith("org.jdbcoptimizer.");
    }

    private static boolean isWrappedDataSource(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (DATA_SOURCES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean openedByOptimizer() {
        return STACK.walk(frames -> frames.anyMatch(frame -> OWN_FACTORIES.contains(frame.getClassName())));
    }

    private static void failed(Object source, Throwable e) {
        LogHolder.LOG.once("agent-wrap-" + source.getClass().getName(), Level.WARNING, PREFIX,
                "connections of " + source.getClass().getName() + " are left unwrapped (the application runs"
                        + " without the optimizer on them): " + e, e);
    }
}
