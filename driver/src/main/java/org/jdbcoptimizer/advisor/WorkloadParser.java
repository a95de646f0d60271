package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.dialect.Database;

/**
 * Reads a workload file: blocks opened by {@code -- shape: name}, each with {@code -- key: value}
 * lines and one statement ending with {@code ;} at the end of a line. Other comment lines are
 * prose and skipped. Not thread-safe: one parser per text.
 */
final class WorkloadParser {

    private final String source;
    private final List<WorkloadShape> shapes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private Block block;

    WorkloadParser(String source) {
        this.source = source;
    }

    List<WorkloadShape> parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            line(lines[i], i + 1);
        }
        finish(lines.length);
        if (shapes.isEmpty()) {
            throw error(lines.length, "no shapes: a workload needs at least one '-- shape: <name>' block");
        }
        return shapes;
    }

    private void line(String line, int number) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("--")) {
            directive(trimmed.substring(2).strip(), number);
            return;
        }
        if (block == null || block.complete) {
            throw error(number, "a statement outside a shape block; start one with '-- shape: <name>'");
        }
        block.sql.append(line).append('\n');
        if (trimmed.endsWith(";")) {
            block.complete = true;
        }
    }

    private void directive(String comment, int number) {
        int colon = comment.indexOf(':');
        String key = colon < 0 ? "" : comment.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : comment.substring(colon + 1).strip();
        if (key.equals("shape")) {
            finish(number - 1);
            if (!value.matches("[A-Za-z0-9_.-]+")) {
                throw error(number, "shape name '" + value + "' must be letters, digits, '_', '.' or '-'");
            }
            if (!names.add(value)) {
                throw error(number, "a second shape named '" + value + "'");
            }
            block = new Block(value, number);
            return;
        }
        if (block == null || block.complete || !isKey(key)) {
            return; // prose
        }
        if (value.isEmpty()) {
            throw error(number, "'" + key + ":' needs a value");
        }
        switch (key) {
            case "expect" -> {
                block.expectation = expectation(value, number);
                String[] parts = value.split("\\s+", 2);
                block.reason = parts.length > 1 ? parts[1].strip() : "";
            }
            case "expect.sqlite" -> block.expectationByDatabase.put(Database.SQLITE, expectation(value, number));
            case "expect.postgresql" -> block.expectationByDatabase.put(Database.POSTGRESQL, expectation(value, number));
            case "runs" -> block.runs = runs(value, number);
            case "params" -> block.params = value;
            case "params.sqlite" -> block.paramsByDatabase.put(Database.SQLITE, value);
            case "params.postgresql" -> block.paramsByDatabase.put(Database.POSTGRESQL, value);
            case "reference" -> block.references.add(value);
            default -> throw new IllegalStateException(key);
        }
    }

    private static boolean isKey(String key) {
        return List.of("expect", "expect.sqlite", "expect.postgresql", "runs", "params", "params.sqlite", "params.postgresql", "reference").contains(key);
    }

    private WorkloadExpectation expectation(String value, int number) {
        String word = value.split("\\s+", 2)[0];
        WorkloadExpectation expectation = WorkloadExpectation.ofWord(word.toLowerCase(Locale.ROOT));
        if (expectation == null) {
            throw error(number, "expect must be missing, served, unindexable or write, got '" + word + "'");
        }
        return expectation;
    }

    private int runs(String value, int number) {
        try {
            int runs = Integer.parseInt(value);
            if (runs >= 1) {
                return runs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(number, "runs must be a whole number of at least 1, got '" + value + "'");
    }

    private void finish(int lastLine) {
        if (block == null) {
            return;
        }
        Block b = block;
        block = null;
        String where = "shape " + b.name + " (line " + b.line + ")";
        if (b.sql.isEmpty()) {
            throw error(lastLine, where + " has no statement");
        }
        if (!b.complete) {
            throw error(lastLine, where + ": its statement does not end with ';' at the end of a line");
        }
        if (b.expectation == null) {
            throw error(b.line, where + " lacks '-- expect: missing|served|unindexable|write'");
        }
        if (b.runs == 0) {
            throw error(b.line, where + " lacks '-- runs: <n>'");
        }
        String sql = b.sql.toString().strip();
        sql = sql.substring(0, sql.length() - 1).strip();
        if (WorkloadParameters.markers(sql) > 0 && b.params == null && b.paramsByDatabase.isEmpty()) {
            throw error(b.line, where + " has ? markers but no '-- params: <select>' to draw them from");
        }
        shapes.add(new WorkloadShape(b.name, b.expectation, b.reason, b.expectationByDatabase, b.runs, sql, Optional.ofNullable(b.params),
                b.paramsByDatabase, b.references, b.line));
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(source + ":" + line + ": " + message);
    }

    /** The block being read. */
    private static final class Block {
        final String name;
        final int line;
        final StringBuilder sql = new StringBuilder();
        final Map<Database, String> paramsByDatabase = new EnumMap<>(Database.class);
        final List<String> references = new ArrayList<>();
        final Map<Database, WorkloadExpectation> expectationByDatabase = new EnumMap<>(Database.class);
        WorkloadExpectation expectation;
        String reason = "";
        int runs;
        String params;
        boolean complete;

        Block(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }
}
