package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL every benchmark runs against, and its URL with and without the optimizer.
 *
 * <p>The URL comes from the system property {@value #URL_PROPERTY}. JMH starts its forks with the
 * launching JVM's options, so {@code java -Dbench.url=... -jar ... bench ...} reaches them.
 */
final class BenchDatabase {

    static final String URL_PROPERTY = "bench.url";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private BenchDatabase() {
    }

    /** The plain pgjdbc URL, e.g. {@value #DEFAULT_URL}. */
    static String postgresUrl() {
        String url = System.getProperty(URL_PROPERTY, DEFAULT_URL);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("-D" + URL_PROPERTY + " must be a jdbc:postgresql: URL, got '"
                    + url.replaceAll("(?i)password=[^&]*", "password=***") + "'");
        }
        return url;
    }

    /** The same database through the optimizer, with {@code optimizer.*} parameters appended. */
    static String optimizerUrl(String optimizerParameters) {
        String url = "jdbc:optimizer:" + postgresUrl().substring("jdbc:".length());
        if (optimizerParameters.isEmpty()) {
            return url;
        }
        return url + (url.indexOf('?') < 0 ? "?" : "&") + optimizerParameters;
    }

    /** A physical pgjdbc connection, opened without DriverManager or the optimizer in between. */
    static Connection rawConnection() throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(postgresUrl(), new Properties());
        if (connection == null) {
            throw new SQLException("pgjdbc did not accept " + postgresUrl());
        }
        return connection;
    }
}
