package org.jdbcoptimizer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.advisor.WorkloadFile;
import org.jdbcoptimizer.advisor.WorkloadScript;

/**
 * The shop workload shipped in the repository's {@code src/workload/shop}, loaded small for tests:
 * into a fresh SQLite file, or into a PostgreSQL schema of its own (dropped and recreated) so its
 * tables never meet other tests' tables in database {@code test}.
 */
public final class WorkloadFixture {

    /** Maven runs the tests in the module's directory; the workload is one level up. */
    public static final Path DIRECTORY = Path.of("..", "src", "workload", "shop");

    private WorkloadFixture() {
    }

    public static WorkloadFile workload() {
        try {
            return WorkloadFile.read(DIRECTORY.resolve("workload.sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String script(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped workload is read from " + DIRECTORY.toAbsolutePath(), e);
        }
    }

    /** A new SQLite file holding the shop at {@code scale}. */
    public static Path sqlite(double scale) throws SQLException {
        Path file = TestDatabases.newSqliteFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            WorkloadScript.run(connection, script("schema-sqlite.sql"), scale);
            WorkloadScript.run(connection, script("data-sqlite.sql"), scale);
        }
        return file;
    }

    /** Recreates {@code schema} holding the shop at {@code scale}; returns the plain URL that uses it. */
    public static String postgres(String schema, double scale) throws SQLException {
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade", "create schema " + schema,
                "create extension if not exists hypopg");
        String url = postgresUrl(schema);
        try (Connection connection = DriverManager.getConnection(url)) {
            WorkloadScript.run(connection, script("schema-postgresql.sql"), scale);
            WorkloadScript.run(connection, script("data-postgresql.sql"), scale);
        }
        return url;
    }

    public static void dropPostgres(String schema) throws SQLException {
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
    }

    /** The test PostgreSQL's URL with {@code currentSchema} set. */
    public static String postgresUrl(String schema) {
        String url = TestDatabases.postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
