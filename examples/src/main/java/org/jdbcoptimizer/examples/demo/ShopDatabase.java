package org.jdbcoptimizer.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo's SQLite file and the two ways to reach it: the plain {@code jdbc:sqlite:} URL and the
 * same URL behind {@code jdbc:optimizer:}.
 *
 * @param file the database file
 * @param size what was loaded, so the workload can pick ids that exist
 */
record ShopDatabase(Path file, ShopSize size) {

    /**
     * Deletes any previous file (and its WAL companions), creates the schema and loads the data,
     * printing progress to {@code out}.
     */
    static ShopDatabase create(Path file, ShopSize size, PrintStream out) throws SQLException {
        ShopDatabase shop = new ShopDatabase(file.toAbsolutePath(), size);
        shop.deleteFiles();
        try (Connection connection = DriverManager.getConnection(shop.plainUrl())) {
            try (Statement statement = connection.createStatement()) {
                // WAL is stored in the file, so both connection modes later run on the same journal.
                statement.execute("pragma journal_mode = wal");
            }
            int statements = ShopSchema.create(connection);
            out.printf("  %-12s %d statements from %s%n", "schema", statements, ShopSchema.RESOURCE.substring(1));
            ShopData.load(connection, size, out);
        }
        return shop;
    }

    /** {@code jdbc:sqlite:<file>}, what an application without the optimizer uses. */
    String plainUrl() {
        return "jdbc:sqlite:" + file;
    }

    /** The optimizer's URL for the same file, with {@code optimizer.*} parameters (may be empty). */
    String optimizerUrl(String parameters) {
        return "jdbc:optimizer:sqlite:" + file + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    /** A file next to the database: the demo keeps everything it writes in one directory. */
    Path sibling(String name) {
        return file.resolveSibling(name);
    }

    /**
     * The URL parameter that sends the slow-query log to {@code logFile}. The optimizer URL-decodes
     * parameter values, so the path is encoded (a space or {@code &} in it would otherwise break the URL).
     */
    static String slowLogParameter(Path logFile) {
        return "optimizer.slowLog.file=" + URLEncoder.encode(logFile.toString(), StandardCharsets.UTF_8);
    }

    private void deleteFiles() {
        try {
            Files.createDirectories(file.getParent());
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + file + ": " + e.getMessage(), e);
        }
    }
}
