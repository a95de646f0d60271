package org.jdbcoptimizer.cache.bus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opt-in triggers that make writes made outside the optimizer (psql, other services, migrations)
 * notify the PostgreSQL bus's channel too: one {@code AFTER INSERT OR UPDATE OR DELETE OR
 * TRUNCATE ... FOR EACH STATEMENT} trigger per table, calling the function {@value #FUNCTION}
 * which sends {@code pg_notify(channel, '1|db|<table>')}. Like any notification it is delivered at
 * commit and never for a rollback. Cost: one notification per writing statement.
 *
 * <p>Never installed silently: a DBA reviews {@link #installScript} and runs it, or an explicit
 * call runs {@link #installTriggers}. Writes through the optimizer to such a table notify twice
 * (the bus and the trigger), and the writer's own process hears the trigger's message: both only
 * drop results again. Limits: a write addressed to a partition fires the partition's triggers,
 * not the parent's, so install them on the partitions that are written directly; views have no
 * such triggers, so install them on the base tables. Requires PostgreSQL 11 or later. Stateless.
 */
public final class PostgresTriggers {

    /** The trigger function's name, also the name of each trigger. */
    public static final String FUNCTION = "jdbc_optimizer_notify";

    private static final String IDENTIFIER = "(?:\"(?:[^\"\\x00]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER + "(?:\\." + IDENTIFIER + ")?");
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private PostgresTriggers() {
    }

    /**
     * The SQL that installs the triggers, one statement per line group, separated by {@code ;}:
     * for a DBA to review and run (psql runs it as it is).
     *
     * @param channel the bus's channel ({@link BusSettings#postgresChannel()})
     * @param tables the tables, as SQL names: {@code orders}, {@code shop.orders}, {@code "Mixed"}
     * @throws IllegalArgumentException naming a channel or table that is not a plain SQL name
     */
    public static String installScript(String channel, List<String> tables) {
        return String.join(";\n", installStatements(channel, tables)) + ";\n";
    }

    /** The SQL that removes the triggers of these tables, and the function once no trigger uses it. */
    public static String uninstallScript(List<String> tables) {
        return String.join(";\n", uninstallStatements(tables)) + ";\n";
    }

    /** Installs the triggers for the default channel ({@link BusSettings#DEFAULT_POSTGRES_CHANNEL}). */
    public static void installTriggers(Connection connection, List<String> tables) throws SQLException {
        installTriggers(connection, BusSettings.DEFAULT_POSTGRES_CHANNEL, tables);
    }

    /**
     * Runs {@link #installScript} in one transaction on {@code connection}, restoring its
     * auto-commit mode afterwards. Replaces this optimizer's trigger where one exists. Use a
     * connection with no transaction in progress: the transaction is committed (or, on failure,
     * rolled back) with whatever it held.
     *
     * @throws SQLException from the database, such as a missing table or a missing privilege;
     *     nothing is installed then
     */
    public static void installTriggers(Connection connection, String channel, List<String> tables) throws SQLException {
        runInTransaction(connection, installStatements(channel, tables));
    }

    /** Runs {@link #uninstallScript} in one transaction on {@code connection}, as {@link #installTriggers}. */
    public static void uninstallTriggers(Connection connection, List<String> tables) throws SQLException {
        runInTransaction(connection, uninstallStatements(tables));
    }

    /** The tables that have this optimizer's trigger, as {@code schema.table}. */
    public static List<String> installedTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = '" + FUNCTION + "'"
                + " ORDER BY 1, 2";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                tables.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return tables;
    }

    static List<String> installStatements(String channel, List<String> tables) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("trigger channel: '" + channel + "' is not accepted; expected a letter"
                    + " or underscore followed by letters, digits or underscores, at most 63 characters");
        }
        checkTables(tables);
        List<String> statements = new ArrayList<>();
        statements.add("CREATE OR REPLACE FUNCTION " + FUNCTION + "() RETURNS trigger LANGUAGE plpgsql AS $jdbc_optimizer$\n"
                + "BEGIN\n"
                + "  -- jdbc-optimizer's invalidation message: format 1, sender db, the table's bare lower-case name\n"
                + "  PERFORM pg_notify(TG_ARGV[0], '1|db|' || CASE WHEN strpos(TG_TABLE_NAME, ',') > 0 THEN '*'"
                + " ELSE lower(TG_TABLE_NAME) END);\n"
                + "  RETURN NULL;\n"
                + "END\n"
                + "$jdbc_optimizer$");
        for (String table : tables) {
            statements.add("DROP TRIGGER IF EXISTS " + FUNCTION + " ON " + table);
            statements.add("CREATE TRIGGER " + FUNCTION + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + FUNCTION + "('" + channel + "')");
        }
        return statements;
    }

    static List<String> uninstallStatements(List<String> tables) {
        checkTables(tables);
        List<String> statements = new ArrayList<>();
        for (String table : tables) {
            statements.add("DROP TRIGGER IF EXISTS " + FUNCTION + " ON " + table);
        }
        statements.add("DO $jdbc_optimizer$\n"
                + "BEGIN\n"
                + "  IF to_regprocedure('" + FUNCTION + "()') IS NOT NULL AND NOT EXISTS (\n"
                + "      SELECT 1 FROM pg_trigger WHERE tgfoid = to_regprocedure('" + FUNCTION + "()')) THEN\n"
                + "    DROP FUNCTION " + FUNCTION + "();\n"
                + "  END IF;\n"
                + "END\n"
                + "$jdbc_optimizer$");
        return statements;
    }

    private static void checkTables(List<String> tables) {
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("trigger tables: none given; name at least one table");
        }
        for (String table : tables) {
            if (table == null || !TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("trigger table: '" + table + "' is not accepted; expected a SQL"
                        + " name such as orders, shop.orders or \"Mixed Case\"");
            }
        }
    }

    private static void runInTransaction(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
