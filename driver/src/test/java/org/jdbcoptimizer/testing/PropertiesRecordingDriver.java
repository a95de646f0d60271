package org.jdbcoptimizer.testing;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A real driver in front of the real driver: {@code jdbc:recording:postgresql://...} connects with
 * {@code jdbc:postgresql://...} and remembers the properties it was given, so a test can see what
 * the optimizer passes to the real driver (credentials above all). Not registered with
 * DriverManager; name it with {@code optimizer.targetDriver=org.jdbcoptimizer.testing.PropertiesRecordingDriver}.
 */
public final class PropertiesRecordingDriver implements Driver {

    private static final String PREFIX = "jdbc:recording:";
    private static final List<Properties> CONNECTS = new CopyOnWriteArrayList<>();

    /** The properties of every connect so far, oldest first. */
    public static List<Properties> connects() {
        return List.copyOf(CONNECTS);
    }

    public static void clear() {
        CONNECTS.clear();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties copy = new Properties();
        copy.putAll(info);
        CONNECTS.add(copy);
        return DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
