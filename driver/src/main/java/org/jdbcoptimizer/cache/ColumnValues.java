package org.jdbcoptimizer.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Locale;
import java.util.Map;

/**
 * What differs per driver: how a column's value is captured from the driver's result set, and what
 * each getter returns for a captured value. One subclass per driver family ({@link PostgresValues},
 * {@link SqliteValues}, {@link StandardValues} for any other driver).
 *
 * <p>A <em>cell</em> is the captured form of one value: {@code null} for SQL NULL, otherwise what the
 * subclass chose to keep (the driver's object, its text, or a {@link WithText} holding both). Cells
 * are shared by every cursor and never handed out when mutable: getters return copies.
 *
 * <p>Instances are immutable and shared by the cursors of one {@link CachedResult}, except that
 * {@link #forCursor()} may return a new instance holding per-cursor scratch state (a parser that is
 * not thread-safe). The getters take 0-based column numbers; the cursor has checked them.
 */
abstract class ColumnValues implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** A value together with the driver's text for it, kept where the text is not derivable from the value. */
    static final class WithText implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final Object value;
        final String text;

        WithText(Object value, String text) {
            this.value = value;
            this.text = text;
        }
    }

    /** Reads column {@code column} (1-based) of the source's current row into a cell. */
    abstract Object capture(ResultSet source, int column) throws SQLException;

    /** The instance a new cursor uses: this one, or a copy with its own scratch state. */
    ColumnValues forCursor() {
        return this;
    }

    /** Told by the cursor when it moves to another row (or off the rows). */
    void rowChanged() {
    }

    /**
     * The 1-based column of a label, or 0 when none matches; the first match wins. By default
     * case-insensitive, as JDBC describes.
     */
    int findColumn(String label, String[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (label.equalsIgnoreCase(labels[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    /** {@link ResultSet#getHoldability()} as the driver answers it. */
    int holdability() throws SQLException {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    /** Whether {@link ResultSet#isLast()} is answered (sqlite-jdbc refuses it). */
    boolean supportsIsLast() {
        return true;
    }

    abstract String getString(int column, Object cell) throws SQLException;

    abstract boolean getBoolean(int column, Object cell) throws SQLException;

    abstract byte getByte(int column, Object cell) throws SQLException;

    abstract short getShort(int column, Object cell) throws SQLException;

    abstract int getInt(int column, Object cell) throws SQLException;

    abstract long getLong(int column, Object cell) throws SQLException;

    abstract float getFloat(int column, Object cell) throws SQLException;

    abstract double getDouble(int column, Object cell) throws SQLException;

    abstract BigDecimal getBigDecimal(int column, Object cell) throws SQLException;

    /** The deprecated {@code getBigDecimal(int, int scale)}. */
    abstract BigDecimal getBigDecimal(int column, Object cell, int scale) throws SQLException;

    abstract byte[] getBytes(int column, Object cell) throws SQLException;

    /** {@code getDate(int, Calendar)}; the calendar is the application's, possibly null. */
    abstract Date getDate(int column, Object cell, Calendar calendar) throws SQLException;

    /** {@code getDate(int)}: by default the Calendar variant with a null calendar. */
    Date getDate(int column, Object cell) throws SQLException {
        return getDate(column, cell, null);
    }

    abstract Time getTime(int column, Object cell, Calendar calendar) throws SQLException;

    Time getTime(int column, Object cell) throws SQLException {
        return getTime(column, cell, null);
    }

    abstract Timestamp getTimestamp(int column, Object cell, Calendar calendar) throws SQLException;

    Timestamp getTimestamp(int column, Object cell) throws SQLException {
        return getTimestamp(column, cell, null);
    }

    abstract Object getObject(int column, Object cell) throws SQLException;

    abstract <T> T getObject(int column, Object cell, Class<T> type) throws SQLException;

    Object getObject(int column, Object cell, Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getObject(column, cell);
        }
        throw notSupported("getObject with a type map");
    }

    abstract Array getArray(int column, Object cell) throws SQLException;

    abstract Blob getBlob(int column, Object cell) throws SQLException;

    abstract Clob getClob(int column, Object cell) throws SQLException;

    abstract SQLXML getSQLXML(int column, Object cell) throws SQLException;

    InputStream getAsciiStream(int column, Object cell) throws SQLException {
        String s = getString(column, cell);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    abstract InputStream getUnicodeStream(int column, Object cell) throws SQLException;

    InputStream getBinaryStream(int column, Object cell) throws SQLException {
        byte[] bytes = getBytes(column, cell);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    abstract Reader getCharacterStream(int column, Object cell) throws SQLException;

    String getNString(int column, Object cell) throws SQLException {
        throw notSupported("getNString");
    }

    Reader getNCharacterStream(int column, Object cell) throws SQLException {
        throw notSupported("getNCharacterStream");
    }

    NClob getNClob(int column, Object cell) throws SQLException {
        throw notSupported("getNClob");
    }

    URL getURL(int column, Object cell) throws SQLException {
        throw notSupported("getURL");
    }

    Ref getRef(int column, Object cell) throws SQLException {
        throw notSupported("getRef");
    }

    RowId getRowId(int column, Object cell) throws SQLException {
        throw notSupported("getRowId");
    }

    static SQLFeatureNotSupportedException notSupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by the driver", "0A000");
    }

    /** SQLState 22018 (invalid character value for cast): a value that does not convert to the requested type. */
    static SQLException badValue(String type, Object value) {
        return new SQLException("Bad value for type " + type + " : " + value, "22018");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.US);
    }
}
