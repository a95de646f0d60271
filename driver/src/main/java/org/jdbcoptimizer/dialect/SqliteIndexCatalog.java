package org.jdbcoptimizer.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbcoptimizer.sql.TableRef;

/**
 * SQLite's catalog: {@code sqlite_master}, the {@code index_list} / {@code index_info} pragmas and
 * {@code sqlite_stat1}. SQLite keeps no per-column statistics beyond {@code sqlite_stat1}'s
 * "rows per distinct key prefix" of each index, so the distinct count of a column no index leads
 * is counted on a sample of the table (at most {@value #SAMPLE_ROWS} rows).
 */
final class SqliteIndexCatalog implements IndexCatalog {

    static final SqliteIndexCatalog INSTANCE = new SqliteIndexCatalog();
    static final int SAMPLE_ROWS = 10_000;

    private SqliteIndexCatalog() {
    }

    @Override
    public Optional<TableFacts> table(Connection connection, TableRef table) throws SQLException {
        String name;
        try (PreparedStatement statement = connection.prepareStatement(
                "select name from sqlite_master where type = 'table' and lower(name) = lower(?)")) {
            statement.setString(1, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
            }
        }
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select name from pragma_table_info(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        Double rows = SqliteExplainDialect.INSTANCE.tableRowEstimates(connection, List.of(name)).get(name);
        return Optional.of(new TableFacts(table, quote(name), rows == null ? 0 : rows, -1, columns, rows != null));
    }

    @Override
    public List<CatalogIndex> indexes(Connection connection, TableFacts table) throws SQLException {
        String name = unquote(table.qualified());
        List<CatalogIndex> indexes = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(
                "select l.name, l.\"unique\", l.partial, m.sql from pragma_index_list(?) l"
                        + " left join sqlite_master m on m.type = 'index' and m.name = l.name order by l.name")) {
            list.setString(1, name);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    String sql = rs.getString(4);
                    indexes.add(new CatalogIndex(index, keyColumns(connection, index), List.of(), rs.getBoolean(2),
                            "btree", rs.getBoolean(3) ? partialWhere(sql) : null, sql, -1, -1));
                }
            }
        }
        return indexes;
    }

    private static List<String> keyColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement info = connection.prepareStatement(
                "select cid, name from pragma_index_info(?) order by seqno")) {
            info.setString(1, index);
            try (ResultSet rs = info.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getInt(1) == -2 ? "(expression)" : rs.getString(2));
                }
            }
        }
        return columns;
    }

    private static String partialWhere(String sql) {
        if (sql == null) {
            return "(unknown)";
        }
        int where = sql.toLowerCase(java.util.Locale.ROOT).lastIndexOf(" where ");
        return where < 0 ? "(unknown)" : sql.substring(where + 7).strip();
    }

    @Override
    public Map<String, ColumnStatistics> columnStatistics(Connection connection, TableFacts table)
            throws SQLException {
        Map<String, ColumnStatistics> stats = new LinkedHashMap<>();
        String name = unquote(table.qualified());
        // sqlite_stat1: "rows avg-per-first-column avg-per-first-two ..." for each index
        Map<String, String> leading = new LinkedHashMap<>();
        for (CatalogIndex index : indexes(connection, table)) {
            if (!index.columns().isEmpty() && index.predicate() == null) {
                leading.putIfAbsent(index.name(), index.columns().get(0));
            }
        }
        if (!leading.isEmpty() && hasStat1(connection)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select idx, stat from sqlite_stat1 where tbl = ?")) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String column = leading.get(rs.getString(1));
                        String[] parts = rs.getString(2) == null ? new String[0] : rs.getString(2).strip().split(" ");
                        if (column != null && parts.length >= 2) {
                            try {
                                double rows = Double.parseDouble(parts[0]);
                                double perValue = Math.max(1, Double.parseDouble(parts[1]));
                                stats.putIfAbsent(column, new ColumnStatistics(rows / perValue, 0, Map.of()));
                            } catch (NumberFormatException e) {
                                // an unusual stat line: count on a sample instead
                            }
                        }
                    }
                }
            }
        }
        for (String column : table.columns()) {
            if (!stats.containsKey(column)) {
                stats.put(column, sampled(connection, table, column));
            }
        }
        return stats;
    }

    /** Distinct values among the first rows; scaled to the table when nearly every sampled value differs. */
    private static ColumnStatistics sampled(Connection connection, TableFacts table, String column)
            throws SQLException {
        String sql = "select count(distinct c), count(*), sum(c is null) from (select " + quote(column)
                + " as c from " + table.qualified() + " limit " + SAMPLE_ROWS + ")";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            double distinct = rs.getDouble(1);
            double sampled = Math.max(1, rs.getDouble(2));
            double nulls = rs.getDouble(3) / sampled;
            if (sampled >= SAMPLE_ROWS && distinct > sampled / 10 && table.rows() > sampled) {
                distinct = distinct / sampled * table.rows();
            }
            return new ColumnStatistics(distinct, nulls, Map.of());
        }
    }

    private static boolean hasStat1(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from sqlite_master where type = 'table' and name = 'sqlite_stat1'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    @Override
    public void analyze(Connection connection, TableFacts table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + table.qualified());
        }
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String unquote(String quoted) {
        return quoted.startsWith("\"") && quoted.endsWith("\"") && quoted.length() >= 2
                ? quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"") : quoted;
    }
}
