package org.jdbcoptimizer.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

import org.jdbcoptimizer.config.OptimizerUrl;

/**
 * Finds the real driver for a target URL: the class named by {@code optimizer.targetDriver}, else
 * the first registered driver that accepts the URL. Our own driver is skipped, so a URL can never
 * recurse into us.
 */
public final class TargetDrivers {

    private TargetDrivers() {
    }

    /**
     * @param targetUrl the real driver's URL
     * @param className the driver class to use, or null to search
     * @param ownType   our driver's class, never chosen
     * @throws SQLException naming the URL (redacted) and the drivers tried, when none accepts it
     */
    public static Driver find(String targetUrl, String className, Class<? extends Driver> ownType)
            throws SQLException {
        if (className != null) {
            return named(targetUrl, className);
        }
        List<String> tried = new ArrayList<>();
        for (Iterator<Driver> it = DriverManager.drivers().iterator(); it.hasNext(); ) {
            Driver driver = it.next();
            if (ownType.isInstance(driver)) {
                continue;
            }
            tried.add(driver.getClass().getName());
            if (accepts(driver, targetUrl)) {
                return driver;
            }
        }
        // DriverManager only shows drivers visible to our class loader; an application server or a
        // framework may have loaded the driver in the thread's context class loader instead.
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            for (Driver driver : ServiceLoader.load(Driver.class, context)) {
                if (!ownType.isInstance(driver) && !tried.contains(driver.getClass().getName())) {
                    tried.add(driver.getClass().getName());
                    if (accepts(driver, targetUrl)) {
                        return driver;
                    }
                }
            }
        }
        throw new SQLException("No JDBC driver accepts the URL '" + OptimizerUrl.redact(targetUrl)
                + "' (the optimizer URL without its jdbc:optimizer: prefix). Drivers tried: " + tried
                + ". Put the database's driver on the classpath (org.postgresql:postgresql,"
                + " org.xerial:sqlite-jdbc, ...), or name its class with optimizer.targetDriver.", "08001");
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static Driver named(String targetUrl, String className) throws SQLException {
        for (Iterator<Driver> it = DriverManager.drivers().iterator(); it.hasNext(); ) {
            Driver driver = it.next();
            if (driver.getClass().getName().equals(className)) {
                return checkAccepts(driver, targetUrl);
            }
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(className, true, context != null ? context : TargetDrivers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SQLException("optimizer.targetDriver=" + className + ": the class cannot be loaded (" + e
                    + "). Put its jar on the classpath or correct the name.", "08001");
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new SQLException("optimizer.targetDriver=" + className + " is not a java.sql.Driver", "08001");
        }
        try {
            return checkAccepts((Driver) type.getDeclaredConstructor().newInstance(), targetUrl);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("optimizer.targetDriver=" + className + " cannot be instantiated: " + e, "08001");
        }
    }

    private static Driver checkAccepts(Driver driver, String targetUrl) throws SQLException {
        if (!accepts(driver, targetUrl)) {
            throw new SQLException("optimizer.targetDriver=" + driver.getClass().getName()
                    + " does not accept the URL '" + OptimizerUrl.redact(targetUrl) + "'", "08001");
        }
        return driver;
    }
}
