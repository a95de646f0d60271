package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a workload's set-up script (its schema, its data generator) at a chosen scale. A data
 * script declares its sizes in comment lines, {@code -- size: orders 200000}, and uses them as
 * {@code ${orders}}; the scale multiplies every size (at least 1 row each), so tests load the same
 * shop a hundred times smaller. Statements are separated by a semicolon at the end of a line;
 * {@code --} comment lines are dropped.
 */
public final class WorkloadScript {

    private static final Pattern SIZE = Pattern.compile("^--\\s*size:\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+(\\d+)\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private WorkloadScript() {
    }

    /**
     * The sizes the script declares, multiplied by {@code scale} and rounded, at least 1.
     *
     * @throws IllegalArgumentException when scale is not positive
     */
    public static Map<String, Long> sizes(String script, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String line : script.split("\r?\n")) {
            Matcher m = SIZE.matcher(line.strip());
            if (m.matches()) {
                sizes.put(m.group(1), Math.max(1, Math.round(Long.parseLong(m.group(2)) * scale)));
            }
        }
        return sizes;
    }

    /**
     * Runs every statement of the script on {@code connection}, in order, with its sizes scaled.
     *
     * @return the number of statements run
     * @throws IllegalArgumentException when the script uses a {@code ${name}} it does not declare
     * @throws SQLException when a statement fails; the message quotes its start
     */
    public static int run(Connection connection, String script, double scale) throws SQLException {
        Map<String, Long> sizes = sizes(script, scale);
        List<String> statements = new ArrayList<>();
        for (String sql : statements(script)) {
            statements.add(substitute(sql, sizes)); // comments may mention ${name} freely
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    String start = sql.length() > 120 ? sql.substring(0, 117) + "..." : sql;
                    throw new SQLException(e.getMessage() + " in: " + start, e.getSQLState(), e);
                }
            }
        }
        return statements.size();
    }

    static String substitute(String script, Map<String, Long> sizes) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long value = sizes.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("${" + m.group(1) + "} is used but no '-- size: "
                        + m.group(1) + " <rows>' line declares it");
            }
            m.appendReplacement(out, value.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Splits at semicolons that end a line, dropping {@code --} comment lines and blank lines. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
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
