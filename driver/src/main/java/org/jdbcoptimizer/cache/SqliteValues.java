package org.jdbcoptimizer.cache;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.Map;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.sqlite.core.CoreResultSet;
import org.sqlite.date.FastDateFormat;

/**
 * sqlite-jdbc's getters, replayed on captured values. SQLite types values, not columns: each getter
 * depends on the value's storage class (INTEGER, REAL, TEXT, BLOB, NULL), which the class of
 * {@code getObject} tells (Integer or Long, Double, String, byte[], null), so a cell is that object.
 * A REAL or a BLOB also keeps the driver's text in a {@link WithText} when it is not the derived one
 * ({@link SqliteNumbers#realToText}, UTF-8 decoding). Conversions between storage classes follow
 * SQLite's C library ({@link SqliteNumbers}); dates follow the connection's date settings, captured
 * with the result ({@code date_precision}, {@code date_string_format}).
 *
 * <p>Loaded only for sqlite-jdbc result sets. Immutable and shared.
 */
final class SqliteValues extends ColumnValues {

    private static final long serialVersionUID = 1L;

    private final long dateMultiplier;
    private final String dateFormat;
    /**
     * Per cursor: the columns of the current row whose BLOB value was read as text. SQLite converts
     * a BLOB in place when its text is asked for, and reports it as TEXT from then on, for every
     * getter of that row; sqlite-jdbc's getters then follow the TEXT rules. Null in the shared instance.
     */
    private final java.util.BitSet blobsReadAsText;

    private SqliteValues(long dateMultiplier, String dateFormat, java.util.BitSet blobsReadAsText) {
        this.dateMultiplier = dateMultiplier;
        this.dateFormat = dateFormat;
        this.blobsReadAsText = blobsReadAsText;
    }

    @Override
    ColumnValues forCursor() {
        return new SqliteValues(dateMultiplier, dateFormat, new java.util.BitSet());
    }

    @Override
    void rowChanged() {
        blobsReadAsText.clear();
    }

    /** The cell as the driver now sees it: a BLOB already read as text is TEXT. */
    private Object seen(int column, Object cell) {
        return blobsReadAsText.get(column) ? text(cell) : cell;
    }

    /** The text of a cell, read as sqlite-jdbc's getString does: a BLOB becomes TEXT for this row. */
    private String readText(int column, Object cell) {
        if (value(cell) instanceof byte[]) {
            blobsReadAsText.set(column);
        }
        return text(cell);
    }

    static ColumnValues create(ResultSet source) throws SQLException {
        CoreResultSet real = source.unwrap(CoreResultSet.class);
        SQLiteConnectionConfig config =
                ((SQLiteConnection) ((java.sql.Statement) readStatement(real)).getConnection()).getConnectionConfig();
        return new SqliteValues(config.getDateMultiplier(), config.getDateStringFormat(), null);
    }

    private static Object readStatement(CoreResultSet real) throws SQLException {
        return ((ResultSet) real).getStatement();
    }

    @Override
    Object capture(ResultSet source, int column) throws SQLException {
        Object value = source.getObject(column);
        if (value instanceof Double || value instanceof byte[]) {
            String text = source.getString(column);
            return text.equals(derivedText(value)) ? value : new WithText(value, text);
        }
        return value;
    }

    private static String derivedText(Object value) {
        return value instanceof Double ? SqliteNumbers.realToText((Double) value)
                : new String((byte[]) value, StandardCharsets.UTF_8);
    }

    @Override
    int holdability() {
        return 0;
    }

    @Override
    boolean supportsIsLast() {
        return false;
    }

    private static Object value(Object cell) {
        return cell instanceof WithText ? ((WithText) cell).value : cell;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long;
    }

    private static String text(Object cell) {
        if (cell instanceof WithText) {
            return ((WithText) cell).text;
        }
        if (cell instanceof String) {
            return (String) cell;
        }
        return cell instanceof Number && !(cell instanceof Double) ? cell.toString() : derivedText(cell);
    }

    private static long longOf(Object cell) {
        Object value = value(cell);
        if (value == null) {
            return 0;
        }
        if (isInteger(value)) {
            return ((Number) value).longValue();
        }
        return value instanceof Double ? (long) (double) (Double) value : SqliteNumbers.textToLong(text(cell));
    }

    private static double doubleOf(Object cell) {
        Object value = value(cell);
        if (value == null) {
            return 0;
        }
        if (isInteger(value) || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        return SqliteNumbers.textToDouble(text(cell));
    }

    @Override
    String getString(int column, Object cell) {
        return cell == null ? null : readText(column, cell);
    }

    @Override
    boolean getBoolean(int column, Object cell) {
        return getInt(column, cell) != 0;
    }

    @Override
    byte getByte(int column, Object cell) {
        return (byte) getInt(column, cell);
    }

    @Override
    short getShort(int column, Object cell) {
        return (short) getInt(column, cell);
    }

    @Override
    int getInt(int column, Object cell) {
        return (int) longOf(seen(column, cell));
    }

    @Override
    long getLong(int column, Object cell) {
        return longOf(seen(column, cell));
    }

    @Override
    float getFloat(int column, Object cell) {
        return (float) doubleOf(seen(column, cell));
    }

    @Override
    double getDouble(int column, Object cell) {
        return doubleOf(seen(column, cell));
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell) throws SQLException {
        if (cell == null) {
            return null;
        }
        if (isInteger(value(cell))) {
            return BigDecimal.valueOf(longOf(cell));
        }
        String text = readText(column, cell);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw badValue("BigDecimal", text);
        }
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell, int scale) throws SQLException {
        throw notSupported("getBigDecimal with a scale");
    }

    @Override
    byte[] getBytes(int column, Object cell) {
        Object value = value(cell);
        if (value == null) {
            return null;
        }
        return value instanceof byte[] ? ((byte[]) value).clone() : text(cell).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Milliseconds since the epoch for a date getter; null for NULL or empty text. {@code withCalendar}
     * tells the Calendar variants, which parse text in the calendar's zone and set the calendar.
     */
    private Long millis(Object cell, Calendar calendar, boolean withCalendar, String what) throws SQLException {
        // callers pass the cell as seen (a BLOB read as text is TEXT)
        if (withCalendar && calendar == null) {
            throw new SQLException("Expected a calendar instance.", "HY009", new IllegalArgumentException());
        }
        Object value = value(cell);
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            if (((String) value).isEmpty()) {
                return null;
            }
            try {
                FastDateFormat format = withCalendar ? FastDateFormat.getInstance(dateFormat, calendar.getTimeZone())
                        : FastDateFormat.getInstance(dateFormat);
                return format.parse((String) value).getTime();
            } catch (Exception e) {
                throw new SQLException("Error parsing " + what, "22007", e);
            }
        }
        if (value instanceof Double) {
            // sqlite-jdbc's getTimestamp(int, Calendar) reads a Julian day in the default zone
            Calendar target = withCalendar && !"timestamp".equals(what) ? calendar : Calendar.getInstance();
            return SqliteNumbers.julianDayToCalendar((Double) value, target).getTimeInMillis();
        }
        long millis = longOf(cell) * dateMultiplier;
        if (withCalendar) {
            calendar.setTimeInMillis(millis);
            return calendar.getTime().getTime();
        }
        return millis;
    }

    private static Date date(Long millis) {
        return millis == null ? null : new Date(millis);
    }

    private static Time time(Long millis) {
        return millis == null ? null : new Time(millis);
    }

    private static Timestamp timestamp(Long millis) {
        return millis == null ? null : new Timestamp(millis);
    }

    @Override
    Date getDate(int column, Object cell) throws SQLException {
        return date(millis(seen(column, cell), null, false, "date"));
    }

    @Override
    Date getDate(int column, Object cell, Calendar calendar) throws SQLException {
        return date(millis(seen(column, cell), calendar, true, "date"));
    }

    @Override
    Time getTime(int column, Object cell) throws SQLException {
        return time(millis(seen(column, cell), null, false, "time"));
    }

    @Override
    Time getTime(int column, Object cell, Calendar calendar) throws SQLException {
        return time(millis(seen(column, cell), calendar, true, "time"));
    }

    @Override
    Timestamp getTimestamp(int column, Object cell) throws SQLException {
        return timestamp(millis(seen(column, cell), null, false, "timestamp"));
    }

    @Override
    Timestamp getTimestamp(int column, Object cell, Calendar calendar) throws SQLException {
        return timestamp(millis(seen(column, cell), calendar, true, "timestamp"));
    }

    @Override
    Object getObject(int column, Object cell) {
        Object value = value(seen(column, cell));
        return value instanceof byte[] ? ((byte[]) value).clone() : value;
    }

    @Override
    <T> T getObject(int column, Object cell, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("requested type cannot be null");
        }
        if (type == String.class) {
            return type.cast(getString(column, cell));
        } else if (type == Boolean.class) {
            return type.cast(getBoolean(column, cell));
        } else if (type == BigDecimal.class) {
            return type.cast(getBigDecimal(column, cell));
        } else if (type == byte[].class) {
            return type.cast(getBytes(column, cell));
        } else if (type == Date.class) {
            return type.cast(getDate(column, cell));
        } else if (type == Time.class) {
            return type.cast(getTime(column, cell));
        } else if (type == Timestamp.class) {
            return type.cast(getTimestamp(column, cell));
        } else if (type == LocalDate.class) {
            try {
                Date date = getDate(column, cell);
                return date == null ? null : type.cast(date.toLocalDate());
            } catch (SQLException e) {
                return type.cast(LocalDate.parse(getString(column, cell)));
            }
        } else if (type == LocalTime.class) {
            try {
                Time time = getTime(column, cell);
                return time == null ? null : type.cast(time.toLocalTime());
            } catch (SQLException e) {
                return type.cast(LocalTime.parse(getString(column, cell)));
            }
        } else if (type == LocalDateTime.class) {
            try {
                Timestamp timestamp = getTimestamp(column, cell);
                return timestamp == null ? null : type.cast(timestamp.toLocalDateTime());
            } catch (SQLException e) {
                return type.cast(LocalDateTime.parse(getString(column, cell)));
            }
        }
        Object value = value(seen(column, cell));
        boolean numeric = isInteger(value) || value instanceof Double;
        if (type == Double.class || type == Long.class || type == Float.class || type == Integer.class) {
            if (!numeric) {
                throw badValue(type.getSimpleName(), value == null ? "NULL" : value.getClass().getSimpleName());
            }
            if (type == Double.class) {
                return type.cast(getDouble(column, cell));
            } else if (type == Long.class) {
                return type.cast(getLong(column, cell));
            } else if (type == Float.class) {
                return type.cast(getFloat(column, cell));
            }
            return type.cast(getInt(column, cell));
        }
        throw notSupported("getObject(" + type.getName() + ")");
    }

    @Override
    Object getObject(int column, Object cell, Map<String, Class<?>> map) throws SQLException {
        throw notSupported("getObject with a type map");
    }

    @Override
    Array getArray(int column, Object cell) throws SQLException {
        throw notSupported("getArray");
    }

    @Override
    Blob getBlob(int column, Object cell) throws SQLException {
        throw notSupported("getBlob");
    }

    @Override
    Clob getClob(int column, Object cell) throws SQLException {
        return cell == null ? null : new CachedClob(readText(column, cell));
    }

    @Override
    SQLXML getSQLXML(int column, Object cell) throws SQLException {
        throw notSupported("getSQLXML");
    }

    @Override
    InputStream getUnicodeStream(int column, Object cell) throws SQLException {
        return getAsciiStream(column, cell);
    }

    @Override
    Reader getCharacterStream(int column, Object cell) {
        return cell == null ? null : new StringReader(readText(column, cell));
    }

    @Override
    Reader getNCharacterStream(int column, Object cell) {
        return getCharacterStream(column, cell);
    }
}
