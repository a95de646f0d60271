package org.jdbcoptimizer.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbcoptimizer.sql.TableRef;

/**
 * PostgreSQL's catalog: {@code pg_class}, {@code pg_index}, {@code pg_stats} and
 * {@code pg_stat_user_indexes}. Names are resolved with {@code to_regclass}, so the connection's
 * search path decides, as it did for the application's statements.
 */
final class PostgresIndexCatalog implements IndexCatalog {

    static final PostgresIndexCatalog INSTANCE = new PostgresIndexCatalog();

    private static final String TABLE = "select c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " c.reltuples, pg_table_size(c.oid), n.nspname, c.relname,"
            + " array(select attname::text from pg_attribute where attrelid = c.oid and attnum > 0"
            + " and not attisdropped order by attnum)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.oid = to_regclass(?) and c.relkind in ('r', 'p', 'm')";

    private static final String INDEXES = "select ic.relname::text,"
            + " i.indisunique or i.indisprimary, am.amname, pg_get_expr(i.indpred, i.indrelid),"
            + " pg_get_indexdef(i.indexrelid), pg_relation_size(i.indexrelid), coalesce(s.idx_scan, -1), i.indnkeyatts,"
            + " array(select case when k.attnum = 0 then '(expression)' else a.attname::text end"
            + "   from unnest(i.indkey) with ordinality k(attnum, n)"
            + "   left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.n)"
            + " from pg_index i join pg_class ic on ic.oid = i.indexrelid"
            + " join pg_am am on am.oid = ic.relam left join pg_stat_user_indexes s on s.indexrelid = i.indexrelid"
            + " where i.indrelid = to_regclass(?) and i.indisvalid order by ic.relname";

    /** n_distinct below zero is minus the fraction of rows that are distinct. */
    private static final String STATS = "select attname::text, n_distinct, null_frac,"
            + " most_common_vals::text::text[], most_common_freqs"
            + " from pg_stats where schemaname = ? and tablename = ?";

    private PostgresIndexCatalog() {
    }

    @Override
    public Optional<TableFacts> table(Connection connection, TableRef table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, table.qualifiedName());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double rows = rs.getDouble(3);
                List<String> columns = strings(rs.getArray(7));
                // reltuples is -1 (PostgreSQL 14+) or 0 with no pages for a table never analyzed
                return Optional.of(new TableFacts(table, rs.getString(2), Math.max(0, rows), rs.getLong(4), columns,
                        rows > 0 || hasStatistics(connection, rs.getString(5), rs.getString(6))));
            }
        }
    }

    private static boolean hasStatistics(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from pg_stats where schemaname = ? and tablename = ? limit 1")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<CatalogIndex> indexes(Connection connection, TableFacts table) throws SQLException {
        List<CatalogIndex> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setString(1, table.qualified());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<String> all = strings(rs.getArray(9));
                    int keys = Math.min(rs.getInt(8), all.size());
                    indexes.add(new CatalogIndex(rs.getString(1), all.subList(0, keys), all.subList(keys, all.size()),
                            rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                            rs.getLong(7)));
                }
            }
        }
        return indexes;
    }

    @Override
    public Map<String, ColumnStatistics> columnStatistics(Connection connection, TableFacts table)
            throws SQLException {
        String[] parts = splitQualified(connection, table);
        Map<String, ColumnStatistics> stats = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(STATS)) {
            statement.setString(1, parts[0]);
            statement.setString(2, parts[1]);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    double nDistinct = rs.getDouble(2);
                    double distinct = nDistinct >= 0 ? nDistinct : -nDistinct * table.rows();
                    Map<String, Double> common = new LinkedHashMap<>();
                    List<String> values = strings(rs.getArray(4));
                    Array freqs = rs.getArray(5);
                    if (freqs != null) {
                        Object[] f = toObjects(freqs.getArray());
                        for (int i = 0; i < Math.min(values.size(), f.length); i++) {
                            common.put(values.get(i), ((Number) f[i]).doubleValue());
                        }
                    }
                    stats.put(rs.getString(1), new ColumnStatistics(distinct, rs.getDouble(3), common));
                }
            }
        }
        return stats;
    }

    /** Schema and relation name, unquoted, as pg_stats spells them. */
    private static String[] splitQualified(Connection connection, TableFacts table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.oid = to_regclass(?)")) {
            statement.setString(1, table.qualified());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table.qualified() + " no longer exists");
                }
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    @Override
    public void analyze(Connection connection, TableFacts table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + table.qualified());
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : toObjects(array.getArray())) {
            out.add(o == null ? null : o.toString());
        }
        return out;
    }

    private static Object[] toObjects(Object array) {
        if (array instanceof Object[] objects) {
            return objects;
        }
        if (array instanceof float[] floats) {
            Object[] out = new Object[floats.length];
            for (int i = 0; i < floats.length; i++) {
                out[i] = floats[i];
            }
            return out;
        }
        return array == null ? new Object[0] : Arrays.asList(array).toArray();
    }
}
