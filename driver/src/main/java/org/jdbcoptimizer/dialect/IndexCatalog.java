package org.jdbcoptimizer.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbcoptimizer.sql.TableRef;

/**
 * What the index advisor asks a database's catalog: a table's size and columns, its indexes, and
 * the planner's statistics of its columns. Implementations are stateless and thread-safe; the
 * {@link Connection} is the advisor's own, used by one thread.
 *
 * <p>Every method may throw {@link SQLException} (a catalog view the user may not read, a
 * connection lost): the advisor reports what it could not check and carries on.
 */
public interface IndexCatalog {

    /** The catalog of a database; empty for {@link Database#OTHER}. */
    static Optional<IndexCatalog> forDatabase(Database database) {
        return switch (database) {
            case POSTGRESQL -> Optional.of(PostgresIndexCatalog.INSTANCE);
            case SQLITE -> Optional.of(SqliteIndexCatalog.INSTANCE);
            case OTHER -> Optional.empty();
        };
    }

    /** A table as the connection resolves its name (search path on PostgreSQL); empty when there is none. */
    Optional<TableFacts> table(Connection connection, TableRef table) throws SQLException;

    /** The indexes of a table that {@link #table} found. */
    List<CatalogIndex> indexes(Connection connection, TableFacts table) throws SQLException;

    /**
     * The planner's statistics of the table's columns, by column name; a column without
     * statistics is left out (run {@link #analyze} first when {@link TableFacts#analyzed()} is false).
     */
    Map<String, ColumnStatistics> columnStatistics(Connection connection, TableFacts table) throws SQLException;

    /** Refreshes the planner's statistics of one table ({@code ANALYZE}). */
    void analyze(Connection connection, TableFacts table) throws SQLException;

    /**
     * A table's facts.
     *
     * @param ref       the table as the statement named it
     * @param qualified the name to use in SQL: schema-qualified and quoted where needed on PostgreSQL
     * @param rows      estimated rows (0 when never analyzed)
     * @param bytes     size on disk, or -1 when unknown
     * @param columns   column names in table order
     * @param analyzed  whether the planner has statistics for it
     */
    record TableFacts(TableRef ref, String qualified, double rows, long bytes, List<String> columns,
                      boolean analyzed) {
    }

    /**
     * An existing index.
     *
     * @param name      its name, unquoted and without schema (as plans name it)
     * @param columns   key columns in order; an expression is written {@code (expr)} or {@code (expression)}
     * @param include   non-key (INCLUDE) columns
     * @param unique    unique or primary key: backs a constraint, never droppable by advice
     * @param method    access method ({@code btree}, {@code gin}, ...)
     * @param predicate the WHERE of a partial index, or null
     * @param definition its CREATE INDEX statement, or null when implicit (SQLite autoindexes)
     * @param bytes     its size, or -1 when unknown
     * @param scans     index scans since statistics were reset, or -1 when the database does not count them
     */
    record CatalogIndex(String name, List<String> columns, List<String> include, boolean unique, String method,
                        String predicate, String definition, long bytes, long scans) {
    }

    /**
     * The planner's knowledge of one column.
     *
     * @param distinct      estimated number of distinct values (never negative)
     * @param nullFraction  fraction of rows that are null, or 0 when unknown
     * @param commonValues  most common values (as text) with their frequencies, most frequent
     *                      first; empty when unknown
     */
    record ColumnStatistics(double distinct, double nullFraction, Map<String, Double> commonValues) {
    }
}
