package org.jdbcoptimizer.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQLite: {@code EXPLAIN QUERY PLAN}, which never executes the statement, so ANALYZE options are
 * ignored and any statement may be explained. SQLite reports which tables are scanned or searched
 * and through which index, but no row counts or costs.
 */
final class SqliteExplainDialect implements ExplainDialect {

    static final SqliteExplainDialect INSTANCE = new SqliteExplainDialect();

    private static final String PREFIX = "EXPLAIN QUERY PLAN ";

    private SqliteExplainDialect() {
    }

    @Override
    public Database database() {
        return Database.SQLITE;
    }

    @Override
    public String explainSql(String sql, ExplainOptions options) {
        return PREFIX + sql;
    }

    @Override
    public Plan explain(Connection connection, String sql, List<?> parameters, ExplainOptions options)
            throws SQLException {
        String explainSql = explainSql(sql, options);
        try (PreparedStatement statement = connection.prepareStatement(explainSql)) {
            ExplainStatements.prepare(statement, parameters, options);
            List<SqlitePlanParser.Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                // Columns by name: id, parent, notused, detail (stable since SQLite 3.24).
                while (rs.next()) {
                    rows.add(new SqlitePlanParser.Row(rs.getInt("id"), rs.getInt("parent"), rs.getString("detail")));
                }
            }
            return SqlitePlanParser.build(rows);
        } catch (RuntimeException e) {
            throw ExplainStatements.failure(explainSql, e);
        }
    }

    @Override
    public Plan parse(String raw) {
        return SqlitePlanParser.parse(raw);
    }

    /**
     * From {@code sqlite_stat1}, whose stat column starts with the table's row count on every row
     * (one row per index, or one with a null index for a table without any).
     */
    @Override
    public Map<String, Double> tableRowEstimates(Connection connection, Collection<String> tables)
            throws SQLException {
        Map<String, Double> rows = new LinkedHashMap<>();
        if (tables.isEmpty() || !hasStatTable(connection)) {
            return rows;
        }
        Map<String, String> requested = new LinkedHashMap<>();
        for (String table : tables) {
            requested.put(table.toLowerCase(Locale.ROOT), table);
        }
        try (PreparedStatement statement = connection.prepareStatement("select tbl, stat from sqlite_stat1");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String name = requested.get(rs.getString(1).toLowerCase(Locale.ROOT));
                String stat = rs.getString(2);
                if (name != null && stat != null && !rows.containsKey(name)) {
                    String first = stat.strip().split(" ", 2)[0];
                    try {
                        rows.put(name, Double.parseDouble(first));
                    } catch (NumberFormatException e) {
                        // not a count: leave this table without an estimate
                    }
                }
            }
        }
        return rows;
    }

    private static boolean hasStatTable(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from sqlite_master where type = 'table' and name = 'sqlite_stat1'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }
}
