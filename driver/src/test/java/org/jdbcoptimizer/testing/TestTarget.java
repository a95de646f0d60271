package org.jdbcoptimizer.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One real database for a contract test that runs against both PostgreSQL and SQLite: its
 * {@code jdbc:optimizer:} URL, a direct connection through the real driver for checking results,
 * and table names unique to the test (PostgreSQL is shared with other test runs). {@link #close()}
 * drops the tables it named.
 *
 * <p>Use one per test: {@code try (TestTarget db = TestTarget.of(kind)) { ... }} or close it in
 * {@code @AfterEach}.
 */
public final class TestTarget implements AutoCloseable {

    /** The databases every contract test runs against. */
    public enum Kind {
        POSTGRESQL, SQLITE
    }

    private final Kind kind;
    private final Path sqliteFile;
    private final List<String> tables = new ArrayList<>();
    private final List<String> dropStatements = new ArrayList<>();

    private TestTarget(Kind kind, Path sqliteFile) {
        this.kind = kind;
        this.sqliteFile = sqliteFile;
    }

    /** A target of this kind; for SQLite a fresh database file. */
    public static TestTarget of(Kind kind) {
        return new TestTarget(kind, kind == Kind.SQLITE ? TestDatabases.newSqliteFile() : null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRESQL;
    }

    /** The {@code jdbc:optimizer:} URL, with extra parameters ({@code a=b&c=d}) or "". */
    public String url(String optimizerParameters) {
        return isPostgres() ? TestDatabases.optimizerPostgresUrl(optimizerParameters)
                : TestDatabases.optimizerSqliteUrl(sqliteFile, optimizerParameters);
    }

    public String url() {
        return url("");
    }

    /** The real driver's URL of the same database. */
    public String directUrl() {
        return isPostgres() ? TestDatabases.postgresUrl() : "jdbc:sqlite:" + sqliteFile;
    }

    /** A connection through the real driver, not the optimizer: for set-up and checking results. */
    public Connection direct() throws SQLException {
        return DriverManager.getConnection(directUrl());
    }

    /** Runs statements on a direct connection. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = direct(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    /** A long value from a one-row, one-column query on a direct connection. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = direct(); Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** A table name unique to this test, dropped by {@link #close()}. */
    public String tableName(String purpose) {
        String name = "jt_" + purpose + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        tables.add(name);
        return name;
    }

    /**
     * Creates a table {@code (id <auto-increment primary key>, v text)} and returns its name.
     */
    public String createTable(String purpose) throws SQLException {
        String name = tableName(purpose);
        execute("create table " + name + " (id " + autoIncrementKey() + ", v varchar(100))");
        return name;
    }

    /** The column definition of an auto-generated integer primary key. */
    public String autoIncrementKey() {
        return isPostgres() ? "bigserial primary key" : "integer primary key autoincrement";
    }

    /** Runs this statement on close (after the tables are dropped), e.g. to drop a function. */
    public void dropOnClose(String sql) {
        dropStatements.add(sql);
    }

    /**
     * Drops the tables this test named, and deletes a SQLite database (close its pools first).
     * Never throws: cleanup must not hide the test's failure.
     */
    @Override
    public void close() {
        if (sqliteFile != null) {
            deleteSqliteFiles();
            return;
        }
        List<String> sql = new ArrayList<>();
        for (String table : tables) {
            sql.add("drop table if exists " + table);
        }
        sql.addAll(dropStatements);
        for (String s : sql) {
            try {
                execute(s);
            } catch (SQLException e) {
                System.err.println("cleanup failed: " + s + ": " + e);
            }
        }
    }

    private void deleteSqliteFiles() {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                java.nio.file.Files.deleteIfExists(Path.of(sqliteFile + suffix));
            } catch (java.io.IOException e) {
                System.err.println("cleanup failed: " + e);
            }
        }
        try {
            java.nio.file.Files.deleteIfExists(sqliteFile.getParent());
        } catch (java.io.IOException e) {
            System.err.println("cleanup failed: " + e);
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
