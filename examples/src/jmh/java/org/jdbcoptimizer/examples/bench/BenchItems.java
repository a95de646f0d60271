package org.jdbcoptimizer.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The table the statement benchmarks read, {@code bench_items}: {@value #ROWS} rows with a primary key
 * on {@code id}. A JMH state shared by the whole run: created by whichever thread gets here first,
 * filled where rows are missing, analyzed, and left in place for later runs.
 */
@State(Scope.Benchmark)
public class BenchItems {

    /** The prepared point SELECT every statement benchmark measures. */
    static final String SELECT = "select id, name from bench_items where id = ?";
    static final int ROWS = 10_000;

    @Setup
    public void create() throws SQLException {
        try (Connection connection = BenchDatabase.rawConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists bench_items (id integer primary key, name text not null)");
            statement.execute("insert into bench_items (id, name) select g, 'item-' || g"
                    + " from generate_series(1, " + ROWS + ") g on conflict (id) do nothing");
            statement.execute("analyze bench_items");
        }
    }

    /** The id after {@code id}, cycling through 1..{@value #ROWS}, so every call reads an existing row. */
    static int next(int id) {
        return id % ROWS + 1;
    }

    /** Binds {@code id}, executes, and reads the one row, as an application reading an entity does. */
    static int readOne(PreparedStatement select, int id) throws SQLException {
        select.setInt(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("bench_items has no row " + id);
            }
            return row.getInt(1) + row.getString(2).length();
        }
    }
}
