package org.jdbcoptimizer.examples.advisor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jdbcoptimizer.dialect.Database;

/** The indexes a schema holds now, by name: table, key columns, partial or not. */
final class IndexCatalog {

    record Index(String name, String table, List<String> columns, boolean partial) {

        /** True when {@code columns} on {@code table} (non-partial) equal or are a leading prefix of this index. */
        boolean covers(String otherTable, List<String> otherColumns) {
            return !partial && table.equalsIgnoreCase(otherTable) && otherColumns.size() <= columns.size()
                    && columns.subList(0, otherColumns.size()).equals(otherColumns);
        }
    }

    private static final String POSTGRES = "select i.relname, t.relname, x.indpred is not null,"
            + " array_to_string(array(select a.attname from unnest(x.indkey) with ordinality k(n, o)"
            + " join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o), ',')"
            + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
            + " join pg_namespace n on n.oid = t.relnamespace where n.nspname = current_schema()";

    private IndexCatalog() {
    }

    static Map<String, Index> read(Connection connection, Database database) throws SQLException {
        Map<String, Index> indexes = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            if (database == Database.POSTGRESQL) {
                try (ResultSet rs = statement.executeQuery(POSTGRES)) {
                    while (rs.next()) {
                        indexes.put(rs.getString(1), new Index(rs.getString(1), rs.getString(2),
                                List.of(rs.getString(4).split(",")), rs.getBoolean(3)));
                    }
                }
                return indexes;
            }
            List<String[]> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "select name, tbl_name, coalesce(sql, '') from sqlite_master where type = 'index'")) {
                while (rs.next()) {
                    names.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] n : names) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("pragma index_info(\"" + n[0] + "\")")) {
                    while (rs.next()) {
                        columns.add(rs.getString("name"));
                    }
                }
                indexes.put(n[0], new Index(n[0], n[1], columns, n[2].toLowerCase(Locale.ROOT).contains(" where ")));
            }
        }
        return indexes;
    }
}
