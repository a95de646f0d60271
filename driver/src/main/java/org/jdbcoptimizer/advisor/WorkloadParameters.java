package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.dialect.Database;

/**
 * Parameter values for a shape: drawn once from its params query, so they are values the database
 * really holds, typed as the database returns them (a PostgreSQL timestamp stays a timestamp).
 */
final class WorkloadParameters {

    private WorkloadParameters() {
    }

    /**
     * The rows of the shape's params query on {@code database}, each a list of values in column
     * order; one empty row for a shape without markers.
     *
     * @throws SQLException when the query fails, returns no rows, or returns a different number of
     *     columns than the statement has markers (the message names the shape)
     */
    static List<List<Object>> draw(Connection connection, WorkloadShape shape, Database database)
            throws SQLException {
        int markers = markers(shape.sql());
        String query = shape.paramsQuery(database).orElse(null);
        if (markers == 0 && query == null) {
            return List.of(List.of());
        }
        if (query == null) {
            throw new SQLException("shape " + shape.name() + " has no params query for "
                    + database.name().toLowerCase(Locale.ROOT));
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            if (columns != markers) {
                throw new SQLException("shape " + shape.name() + ": its params query returns " + columns
                        + " columns for " + markers + " ? markers: " + query);
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("shape ")) {
                throw e;
            }
            throw new SQLException("shape " + shape.name() + ": its params query failed: " + e.getMessage()
                    + ": " + query, e.getSQLState(), e);
        }
        if (rows.isEmpty()) {
            throw new SQLException("shape " + shape.name() + ": its params query returned no rows (is the"
                    + " workload's data loaded?): " + query);
        }
        return rows;
    }

    /** Binds the values in order with {@link PreparedStatement#setObject(int, Object)}. */
    static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    /**
     * The number of {@code ?} markers outside string literals, quoted identifiers and comments.
     * (PostgreSQL's {@code ?|} JSON operators would count too; workloads use markers only.)
     */
    static int markers(String sql) {
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                if (c == '?') {
                    count++;
                }
                i++;
            }
        }
        return count;
    }

    /** The database behind a connection (through the optimizer or not), from its metadata. */
    static Database database(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return Database.POSTGRESQL;
        }
        if (product.contains("sqlite")) {
            return Database.SQLITE;
        }
        return Database.OTHER;
    }
}
