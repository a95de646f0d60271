package org.jdbcoptimizer.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbcoptimizer.dialect.Database;

/**
 * What the catalog says about a table name, for the cache's safety: only plain, permanent tables
 * without row-level security are cached (a view's base tables, a temporary table's owner session
 * and a policy's user are invisible in the text); and a write to a table with triggers or
 * cascading foreign keys (or, on PostgreSQL, rules) may change other tables, so it invalidates
 * everything. The key column (a single-column primary key, on a table without generated columns,
 * whose values a keyed update could change behind the SET list) lets the cache invalidate by key.
 *
 * <p>Looked up once per name on the application's connection (one small catalog query), then
 * remembered until DDL touches the name. Unknown databases and failed lookups answer "unsafe".
 *
 * <p>Thread-safe.
 */
final class Relations {

    /**
     * One relation's facts.
     *
     * @param keyColumn its single-column primary key, exactly as the catalog spells it; null when
     *                  there is none, the key has several columns, or a column is generated
     */
    record Facts(boolean cacheable, boolean writesElsewhere, String keyColumn) {
        static final Facts UNSAFE = new Facts(false, true, null);
    }

    private static final String POSTGRES_FACTS = "select c.relkind, c.relpersistence, c.relrowsecurity,"
            + " exists (select 1 from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal),"
            + " exists (select 1 from pg_constraint k where k.confrelid = c.oid"
            + "   and (k.confdeltype in ('c', 'n', 'd') or k.confupdtype in ('c', 'n', 'd'))),"
            + " exists (select 1 from pg_rewrite r where r.ev_class = c.oid and r.rulename <> '_RETURN'),"
            + " (select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
            + "   and a.attnum = i.indkey[0] where i.indrelid = c.oid and i.indisprimary and i.indnatts = 1),"
            + " exists (select 1 from pg_attribute g where g.attrelid = c.oid and g.attgenerated <> ''"
            + "   and not g.attisdropped)"
            + " from pg_class c where c.relname = ? and pg_table_is_visible(c.oid)";

    private final Database database;
    private final ConcurrentHashMap<String, Facts> known = new ConcurrentHashMap<>();
    /** Counts the facts forgotten: a caller that found tables cacheable may trust that while it is unchanged. */
    private final AtomicLong generation = new AtomicLong();

    Relations(Database database) {
        this.database = database;
    }

    Database database() {
        return database;
    }

    Facts of(Connection physical, String table) {
        Facts facts = known.get(table);
        if (facts == null) {
            facts = lookUp(physical, table);
            if (facts == null) {
                return Facts.UNSAFE; // the lookup failed (an aborted transaction?): ask again next time
            }
            known.put(table, facts);
        }
        return facts;
    }

    /** DDL touched the name: ask the catalog again next time. */
    void forget(String table) {
        known.remove(table);
        generation.incrementAndGet(); // after the removal: a check that reads the new count asks again
    }

    /** Changes whenever facts are forgotten; read it before checking facts that are to be trusted with it. */
    long generation() {
        return generation.get();
    }

    private Facts lookUp(Connection physical, String table) {
        try {
            switch (database) {
                case POSTGRESQL:
                    return postgres(physical, table);
                case SQLITE:
                    return sqlite(physical, table);
                default:
                    return Facts.UNSAFE;
            }
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static Facts postgres(Connection physical, String table) throws SQLException {
        try (PreparedStatement statement = physical.prepareStatement(POSTGRES_FACTS)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Facts.UNSAFE; // not visible: another schema on the search path, or gone
                }
                String kind = rs.getString(1);
                boolean plain = ("r".equals(kind) || "p".equals(kind)) && "p".equals(rs.getString(2)) && !rs.getBoolean(3);
                String key = rs.getBoolean(8) ? null : rs.getString(7);
                return new Facts(plain, rs.getBoolean(4) || rs.getBoolean(5) || rs.getBoolean(6), key);
            }
        }
    }

    private static Facts sqlite(Connection physical, String table) throws SQLException {
        boolean plain;
        try (PreparedStatement statement = physical.prepareStatement(
                "select type from sqlite_master where name = ? collate nocase"
                        + " and not exists (select 1 from sqlite_temp_master where name = ? collate nocase)")) {
            statement.setString(1, table);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                plain = rs.next() && "table".equals(rs.getString(1));
            }
        }
        boolean triggers;
        try (PreparedStatement statement = physical.prepareStatement(
                "select 1 from sqlite_master where type = 'trigger' and tbl_name = ? collate nocase")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                triggers = rs.next();
            }
        }
        return new Facts(plain, triggers || sqliteCascades(physical, table), plain ? sqliteKey(physical, table) : null);
    }

    /** The single primary-key column, if no column is generated ({@code table_xinfo}'s hidden 2 or 3). */
    private static String sqliteKey(Connection physical, String table) throws SQLException {
        String key = null;
        int keys = 0;
        try (Statement statement = physical.createStatement();
             ResultSet columns = statement.executeQuery("pragma table_xinfo(\"" + table.replace("\"", "\"\"") + "\")")) {
            while (columns.next()) {
                int hidden = columns.getInt("hidden");
                if (hidden == 2 || hidden == 3) {
                    return null;
                }
                if (columns.getInt("pk") > 0) {
                    keys++;
                    key = columns.getString("name");
                }
            }
        }
        return keys == 1 ? key : null;
    }

    /** True when some table's foreign key references this one with an action that writes. */
    private static boolean sqliteCascades(Connection physical, String table) throws SQLException {
        try (Statement statement = physical.createStatement();
             ResultSet tables = statement.executeQuery("select name from sqlite_master where type = 'table'")) {
            while (tables.next()) {
                String name = tables.getString(1).replace("\"", "\"\"");
                try (Statement pragma = physical.createStatement();
                     ResultSet keys = pragma.executeQuery("pragma foreign_key_list(\"" + name + "\")")) {
                    while (keys.next()) {
                        if (table.equalsIgnoreCase(keys.getString("table"))
                                && (writes(keys.getString("on_delete")) || writes(keys.getString("on_update")))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean writes(String action) {
        return action != null && !action.equalsIgnoreCase("NO ACTION") && !action.equalsIgnoreCase("RESTRICT");
    }
}
