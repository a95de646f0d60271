package org.jdbcoptimizer.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's DDL. The file lives in the repository's top-level {@code src/sql} (shared by every
 * module) and is bundled into the jar under {@code sql/}, so the demo runs from any directory.
 */
final class ShopSchema {

    static final String RESOURCE = "/sql/shop-sqlite.sql";

    private ShopSchema() {
    }

    /** Creates the shop's tables and indexes; returns how many statements ran. */
    static int create(Connection connection) throws SQLException {
        List<String> statements = statements(read());
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return statements.size();
    }

    private static String read() {
        try (InputStream in = ShopSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; build the examples module"
                        + " with Maven, which bundles src/sql into the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits the file at semicolons that end a line, dropping {@code --} comment lines. Enough for
     * plain DDL; a trigger body with inner semicolons would need a real splitter.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
