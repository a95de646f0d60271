package org.jdbcoptimizer.examples.advisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.advisor.WorkloadScript;
import org.jdbcoptimizer.dialect.Database;

/**
 * A database the measurement loads the shop into: a PostgreSQL schema of its own (dropped and
 * recreated) or an SQLite file (deleted and recreated), with its plain URL and its optimizer URL.
 *
 * @param database   which kind
 * @param label      for the output
 * @param plainUrl   the real driver's URL, reaching the shop's tables
 * @param schema     PostgreSQL's schema name; null for SQLite
 * @param sqliteFile SQLite's file; null for PostgreSQL
 * @param outputDir  where the optimizer's logs go
 * @param options    more optimizer options for its URL ({@code a=b&c=d}), or empty
 */
record QualityTarget(Database database, String label, String plainUrl, String schema, Path sqliteFile,
        Path outputDir, String options) {

    static QualityTarget postgres(String baseUrl, String schema, Path outputDir) {
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public"; // extensions live in public
        return new QualityTarget(Database.POSTGRESQL, "PostgreSQL", url, schema, null, outputDir, "");
    }

    static QualityTarget sqlite(Path file, Path outputDir) {
        Path absolute = file.toAbsolutePath();
        return new QualityTarget(Database.SQLITE, "SQLite", "jdbc:sqlite:" + absolute, null, absolute, outputDir, "");
    }

    /** The same target with more optimizer options (e.g. a lower advisor.minTime for a small shop). */
    QualityTarget withOptions(String moreOptions) {
        return new QualityTarget(database, label, plainUrl, schema, sqliteFile, outputDir, moreOptions);
    }

    /** The same database through the optimizer, its logs in the output directory. */
    String optimizerUrl(String poolName) {
        String logs = "optimizer.pool.name=" + poolName
                + "&optimizer.advisor.file=" + encode(outputDir.resolve(poolName + "-advice.jsonl"))
                + "&optimizer.slowLog.file=" + encode(outputDir.resolve(poolName + "-slow.jsonl"))
                + (options.isEmpty() ? "" : "&" + options);
        String target = plainUrl.substring("jdbc:".length());
        return "jdbc:optimizer:" + target + (target.contains("?") ? "&" : "?") + logs;
    }

    /** Recreates the schema or file and loads the shop at {@code scale}. */
    void load(double scale) throws SQLException {
        prepare();
        try (Connection connection = plain()) {
            WorkloadScript.run(connection, ShopWorkloadFiles.script("schema", database), scale);
            WorkloadScript.run(connection, ShopWorkloadFiles.script("data", database), scale);
        }
    }

    Connection plain() throws SQLException {
        return DriverManager.getConnection(plainUrl);
    }

    void execute(String... sql) throws SQLException {
        try (Connection connection = plain(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    /** Updates the planner's statistics after new indexes (SQLite's ANALYZE also reads index stats). */
    void analyze() throws SQLException {
        execute("analyze");
    }

    private void prepare() throws SQLException {
        try {
            Files.createDirectories(outputDir);
            if (database == Database.SQLITE) {
                Files.createDirectories(sqliteFile.getParent());
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    Files.deleteIfExists(Path.of(sqliteFile + suffix));
                }
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = plainUrl.replaceAll("([?&])currentSchema=[^&]*", "$1");
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
    }

    private static String encode(Path path) {
        return URLEncoder.encode(path.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    }
}
