package org.jdbcoptimizer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the tests find their databases. PostgreSQL: {@code JDBCOPT_TEST_PG_URL} (a plain
 * {@code jdbc:postgresql:} URL), default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
 * When that server is unreachable: Testcontainers where Docker works (a developer's laptop); on CI
 * ({@code CI=true}) a clear failure instead, because CI must test against the real server.
 * SQLite: a fresh file in a temporary directory per call.
 */
public final class TestDatabases {

    private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static volatile String postgresUrl;

    private TestDatabases() {
    }

    /** The real driver's URL of the test PostgreSQL, checked reachable once per JVM. */
    public static String postgresUrl() {
        String url = postgresUrl;
        if (url == null) {
            synchronized (TestDatabases.class) {
                if (postgresUrl == null) {
                    postgresUrl = findPostgres();
                }
                url = postgresUrl;
            }
        }
        return url;
    }

    /** The same database through the optimizer: {@code jdbc:optimizer:postgresql://...} plus extra parameters. */
    public static String optimizerPostgresUrl(String optimizerParameters) {
        return withParameters("jdbc:optimizer:" + postgresUrl().substring("jdbc:".length()), optimizerParameters);
    }

    /** A new, empty SQLite database file (its directory is deleted by the JVM's temp cleanup, not by us). */
    public static Path newSqliteFile() {
        try {
            Path dir = Files.createTempDirectory("jdbc-optimizer-test");
            dir.toFile().deleteOnExit();
            return dir.resolve("test.db");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String optimizerSqliteUrl(Path file, String optimizerParameters) {
        return withParameters("jdbc:optimizer:sqlite:" + file, optimizerParameters);
    }

    /** A direct (not through the optimizer) connection to the test PostgreSQL, for checks and set-up. */
    public static Connection directPostgres() throws SQLException {
        return DriverManager.getConnection(postgresUrl());
    }

    /** Runs statements on a direct connection. */
    public static void postgresExecute(String... sql) throws SQLException {
        try (Connection connection = directPostgres(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    static String withParameters(String url, String parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + parameters;
    }

    private static String findPostgres() {
        String configured = System.getenv("JDBCOPT_TEST_PG_URL");
        String url = configured != null && !configured.isBlank() ? configured : DEFAULT_PG_URL;
        SQLException failure;
        try (Connection ignored = DriverManager.getConnection(url)) {
            return url;
        } catch (SQLException e) {
            failure = e;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and the test PostgreSQL at " + url + " is unreachable ("
                    + failure.getMessage() + "). .ci/run must start it; set JDBCOPT_TEST_PG_URL to use another.",
                    failure);
        }
        return Containers.startPostgres(url, failure);
    }
}
