package org.jdbcoptimizer.cache;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a SELECT held in memory, to serve later identical SELECTs: a snapshot of the
 * driver's metadata and one {@code Object[]} of captured cells per row. Each cache hit reads it
 * through its own {@link CachedResultSet} ({@link #open}), which behaves like the driver's result
 * set for reading.
 *
 * <p><b>Immutable and thread-safe.</b> Nothing is modified after {@link #capture}; cursors on any
 * number of threads share it, and never hand out a mutable object it holds (byte arrays, dates,
 * arrays, PGobjects are copied on the way out).
 *
 * <p><b>What is captured, and why.</b> Every getter of a cursor must return what the driver would
 * have returned, so capture keeps per value what the driver's getters are computed from, chosen by
 * driver (see {@link PostgresValues}, {@link SqliteValues}):
 * <ul>
 * <li>PostgreSQL (pgjdbc): the server's text of the value, since pgjdbc computes every getter from
 *     it; for numbers, booleans, UUIDs and bytea the object instead when it gives the text back
 *     exactly (cheaper); dates and times as text only, parsed at each call in the then default time
 *     zone, as the driver does; arrays copied out of the connection-bound PgArray; XML as a string.
 * <li>SQLite (sqlite-jdbc): {@code getObject}, whose class tells the value's storage class, which
 *     is what sqlite-jdbc's getters depend on; a REAL or BLOB also keeps the driver's text when it is
 *     not the derived one.
 * <li>Any other driver: {@code getObject} (LOBs and arrays copied), plus {@code getString} where it
 *     is not {@code String.valueOf} of the object; JDBC's conversions, not checked against that
 *     driver.
 * </ul>
 *
 * <p><b>Size.</b> {@link #capture} reads every remaining row, however many: the caller has consumed
 * the driver's result set and must serve the application from this copy anyway. {@link #weightBytes()}
 * then says what keeping it costs, and the cache decides whether to keep it. A caller that fears a
 * huge result should not capture it (a statement's max rows, a row limit in the query).
 */
public final class CachedResult implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final CachedMetaData metaData;
    private final ColumnValues values;
    private final Object[][] rows;
    private final long weightBytes;

    private CachedResult(CachedMetaData metaData, ColumnValues values, Object[][] rows) {
        this.metaData = metaData;
        this.values = values;
        this.rows = rows;
        long weight = 64 + metaData.weightBytes() + HeapWeight.align(16 + 4L * rows.length);
        for (Object[] row : rows) {
            weight += HeapWeight.align(16 + 4L * row.length);
            for (Object cell : row) {
                weight += HeapWeight.of(cell);
            }
        }
        this.weightBytes = weight;
    }

    /**
     * Reads the metadata and every remaining row of {@code source} into memory. The source is left
     * after its last row and not closed.
     *
     * @param source the driver's result set (or a wrapper of it), positioned before the rows to keep
     * @return the captured result
     * @throws java.sql.SQLFeatureNotSupportedException before reading any row, when a column cannot
     *         be cached (a PostgreSQL refcursor); the source is then still unread
     * @throws SQLException what the driver threw while reading
     */
    public static CachedResult capture(ResultSet source) throws SQLException {
        return capture(source, null);
    }

    /**
     * As {@link #capture(ResultSet)}, reusing the metadata snapshot of an earlier capture of the
     * same statement when the driver's columns still match it (names and types): reading every
     * metadata answer, out-of-range ones included, costs far more than the rows of a small result.
     */
    static CachedResult capture(ResultSet source, CachedMetaData previous) throws SQLException {
        ResultSetMetaData driverMetaData = source.getMetaData();
        CachedMetaData metaData = previous != null && previous.matches(driverMetaData) ? previous
                : CachedMetaData.capture(driverMetaData);
        int columns = metaData.getColumnCount();
        ColumnValues values = valuesFor(source, columns);
        List<Object[]> rows = new ArrayList<>();
        while (source.next()) {
            Object[] row = new Object[columns];
            for (int column = 1; column <= columns; column++) {
                row[column - 1] = values.capture(source, column);
            }
            rows.add(row);
        }
        return new CachedResult(metaData, values, rows.toArray(new Object[0][]));
    }

    private static ColumnValues valuesFor(ResultSet source, int columns) throws SQLException {
        if (isWrapperFor(source, "org.postgresql.jdbc.PgResultSet")) {
            return PostgresValues.create(source, columns);
        }
        if (isWrapperFor(source, "org.sqlite.core.CoreResultSet")) {
            return SqliteValues.create(source);
        }
        return StandardValues.INSTANCE;
    }

    /** Whether the source is (or wraps) a driver class, without needing that driver on the classpath. */
    private static boolean isWrapperFor(ResultSet source, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, CachedResult.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            return source.isWrapperFor(type);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A new cursor over this result, for one cache hit.
     *
     * @param statement     what the cursor's {@code getStatement()} returns: the application's statement
     * @param resultSetType {@link ResultSet#TYPE_FORWARD_ONLY}, or a scrollable type for a cursor
     *                      that scrolls (as TYPE_SCROLL_INSENSITIVE)
     */
    public CachedResultSet open(Statement statement, int resultSetType) {
        return new CachedResultSet(this, statement, resultSetType);
    }

    /** The number of rows. */
    /** The metadata snapshot, for reuse by the next capture of the same statement. */
    CachedMetaData metaDataSnapshot() {
        return metaData;
    }

    public int rowCount() {
        return rows.length;
    }

    /** The number of columns. */
    public int columnCount() {
        return metaData.getColumnCount();
    }

    /**
     * An estimate of the heap this result retains, in bytes, for a Caffeine weigher: metadata, rows
     * and values (see {@link HeapWeight} for how values are counted). Computed once at capture.
     */
    public long weightBytes() {
        return weightBytes;
    }

    /** The metadata snapshot; every cursor's {@code getMetaData()} returns this same object. */
    public ResultSetMetaData metaData() {
        return metaData;
    }

    CachedMetaData cachedMetaData() {
        return metaData;
    }

    ColumnValues values() {
        return values;
    }

    /**
     * The integer values of one column, one per row that has a value there (nulls are skipped):
     * the keys of a result that is validated by key.
     *
     * @param column 1-based
     * @return null when a value is not an integer (a text or decimal key cannot be compared with
     *         the parameters of an update safely)
     */
    long[] integerKeys(int column) throws SQLException {
        long[] keys = new long[rows.length];
        int count = 0;
        ColumnValues reader = values.forCursor(); // per-cursor state, as a result set has
        for (Object[] row : rows) {
            Object value = reader.getObject(column - 1, row[column - 1]); // ColumnValues counts from 0
            if (value != null) {
                Long key = IntegerKeys.of(value);
                if (key == null) {
                    return null;
                }
                keys[count++] = key;
            }
        }
        return count == keys.length ? keys : java.util.Arrays.copyOf(keys, count);
    }

    /** Row {@code index} (0-based); not a copy, cells are never modified. */
    Object[] row(int index) {
        return rows[index];
    }
}
