package org.jdbcoptimizer.cache;

import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.TimeZone;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.core.TypeInfo;
import org.postgresql.jdbc.PgResultSet;
import org.postgresql.jdbc.TimestampUtils;
import org.postgresql.util.GT;
import org.postgresql.util.NumberParser;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * pgjdbc's getters, replayed on captured values. pgjdbc (reading the text protocol, as it does for
 * plain statements) computes every getter from the server's text of the value, so a cell keeps that
 * text, or an object that gives it back exactly ({@link PostgresText#derive}), and the getters run
 * the driver's own public conversions on it (NumberParser, PgResultSet's toInt/toLong/..., and
 * TimestampUtils for dates and times), in the order PgResultSet does.
 *
 * <p>What a cell keeps, per column kind: character types the string (the text is the object); date,
 * time and timestamp types the text only, so that each getter parses it with the JVM's default time
 * zone at call time, as the driver would; every other type the driver's getObject (an array copied
 * into a {@link CachedArray}, XML into a {@link CachedSqlXml}), plus the text in a {@link WithText}
 * when it is not the object's canonical text (money, intervals, bit strings, escape-format bytea).
 *
 * <p>Loaded only for pgjdbc result sets, so the driver's classes are there. The shared instance is
 * immutable; {@link #forCursor()} adds a TimestampUtils, which is not shared between threads.
 */
final class PostgresValues extends ColumnValues {

    private static final long serialVersionUID = 1L;

    private static final byte TEXTUAL = 0;
    private static final byte TEMPORAL = 1;
    private static final byte OTHER = 2;
    private static final BigInteger BYTE_MAX = BigInteger.valueOf(Byte.MAX_VALUE);
    private static final BigInteger BYTE_MIN = BigInteger.valueOf(Byte.MIN_VALUE);

    final int[] oids;
    final int[] sqlTypes;
    final String[] pgTypes;
    final Class<? extends PGobject>[] pgObjectClasses;
    private final byte[] kinds;
    private final boolean usesDouble;
    private TimestampUtils timestamps;

    private PostgresValues(int[] oids, int[] sqlTypes, String[] pgTypes, Class<? extends PGobject>[] pgObjectClasses,
                           byte[] kinds, boolean usesDouble) {
        this.oids = oids;
        this.sqlTypes = sqlTypes;
        this.pgTypes = pgTypes;
        this.pgObjectClasses = pgObjectClasses;
        this.kinds = kinds;
        this.usesDouble = usesDouble;
    }

    /** The values of a pgjdbc result set, or an SQLFeatureNotSupportedException for a refcursor column. */
    @SuppressWarnings("unchecked")
    static ColumnValues create(ResultSet source, int columns) throws SQLException {
        PgResultSet pg = source.unwrap(PgResultSet.class);
        BaseConnection connection = (BaseConnection) pg.getStatement().getConnection();
        TypeInfo typeInfo = connection.getTypeInfo();
        int[] oids = new int[columns];
        int[] sqlTypes = new int[columns];
        String[] pgTypes = new String[columns];
        Class<? extends PGobject>[] pgObjectClasses = new Class[columns];
        byte[] kinds = new byte[columns];
        for (int i = 0; i < columns; i++) {
            oids[i] = pg.getColumnOID(i + 1);
            pgTypes[i] = typeInfo.getPGType(oids[i]);
            sqlTypes[i] = typeInfo.getSQLType(pgTypes[i]);
            pgObjectClasses[i] = typeInfo.getPGobject(pgTypes[i]);
            if ("refcursor".equals(pgTypes[i])) {
                throw notSupported("Caching a result with a refcursor column");
            }
            kinds[i] = kind(sqlTypes[i], pgTypes[i]);
        }
        return new PostgresValues(oids, sqlTypes, pgTypes, pgObjectClasses, kinds,
                !connection.getQueryExecutor().getIntegerDateTimes());
    }

    private static byte kind(int sqlType, String pgType) {
        switch (sqlType) {
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
                return TEXTUAL;
            case Types.DATE:
            case Types.TIME:
            case Types.TIMESTAMP:
                return TEMPORAL;
            default:
                return "unknown".equals(pgType) ? TEXTUAL : OTHER;
        }
    }

    @Override
    ColumnValues forCursor() {
        return new PostgresValues(oids, sqlTypes, pgTypes, pgObjectClasses, kinds, usesDouble);
    }

    @Override
    Object capture(ResultSet source, int column) throws SQLException {
        String text = source.getString(column);
        if (text == null || kinds[column - 1] != OTHER) {
            return text;
        }
        Object value;
        try {
            value = materialize(source.getObject(column), text);
        } catch (SQLException e) {
            return new WithText(new PostgresCells.Failure(e), text);
        }
        return text.equals(PostgresText.derive(value)) ? value : new WithText(value, text);
    }

    private static Object materialize(Object value, String text) throws SQLException {
        if (value instanceof Array) {
            return CachedArray.copyOf((Array) value, text);
        }
        if (value instanceof SQLXML) {
            return new CachedSqlXml(((SQLXML) value).getString());
        }
        if (value instanceof ResultSet) {
            throw notSupported("Caching a result set valued column");
        }
        return value;
    }

    /** pgjdbc matches labels exactly, lower-cased or upper-cased against lower-cased labels. */
    @Override
    int findColumn(String label, String[] labels) {
        String lower = lower(label);
        String upper = label.toUpperCase(java.util.Locale.US);
        for (int i = 0; i < labels.length; i++) {
            String key = lower(labels[i]);
            if (key.equals(label) || key.equals(lower) || key.equals(upper)) {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    int holdability() throws SQLException {
        throw notSupported("getHoldability");
    }

    TimestampUtils timestamps() {
        if (timestamps == null) {
            timestamps = new TimestampUtils(usesDouble, TimeZone::getDefault);
        }
        return timestamps;
    }

    Calendar defaultCalendar() {
        return timestamps().getSharedCalendar(null);
    }

    PSQLException mismatch(int column, String target) {
        return new PSQLException(GT.tr("Cannot convert the column of type {0} to requested type {1}.",
                Oid.toString(oids[column]), target), PSQLState.DATA_TYPE_MISMATCH);
    }

    @Override
    String getString(int column, Object cell) {
        return cell == null ? null : PostgresCells.text(cell);
    }

    @Override
    boolean getBoolean(int column, Object cell) throws SQLException {
        if (cell == null) {
            return false;
        }
        if (cell instanceof Boolean) {
            return (Boolean) cell;
        }
        String text = PostgresCells.text(cell);
        if (oids[column] == Oid.BOOL) {
            return text.length() == 1 && text.charAt(0) == 't';
        }
        Boolean b = PostgresText.parseBoolean(text);
        if (b == null) {
            throw new PSQLException(GT.tr("Cannot cast to boolean: \"{0}\"", text), PSQLState.CANNOT_COERCE);
        }
        return b;
    }

    /** An integer cell's value when it is within [min, max], else null (the text path then decides). */
    private static Long integral(Object cell, long min, long max) {
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short) {
            long v = ((Number) cell).longValue();
            return v >= min && v <= max ? v : null;
        }
        return null;
    }

    /** pgjdbc's quick integer parse of the text; null when it does not apply. */
    private static Long quickLong(String text, long min, long max) {
        try {
            return NumberParser.getFastLong(PostgresCells.bytes(text), min, max);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    byte getByte(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        Long v = integral(cell, Byte.MIN_VALUE, Byte.MAX_VALUE);
        String text = v == null ? PostgresCells.text(cell) : null;
        v = v != null ? v : quickLong(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
        if (v != null) {
            return v.byteValue();
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Byte.parseByte(s);
        } catch (NumberFormatException e) {
            try {
                BigInteger i = new BigDecimal(s).toBigInteger();
                if (i.compareTo(BYTE_MAX) > 0 || i.compareTo(BYTE_MIN) < 0) {
                    throw PostgresCells.badValue("byte", s);
                }
                return i.byteValue();
            } catch (NumberFormatException ex) {
                throw PostgresCells.badValue("byte", s);
            }
        }
    }

    @Override
    short getShort(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        Long v = integral(cell, Short.MIN_VALUE, Short.MAX_VALUE);
        String text = v == null ? PostgresCells.text(cell) : null;
        v = v != null ? v : quickLong(text, Short.MIN_VALUE, Short.MAX_VALUE);
        return v != null ? v.shortValue() : PgResultSet.toShort(PostgresCells.trimMoney(text));
    }

    @Override
    int getInt(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        Long v = integral(cell, Integer.MIN_VALUE, Integer.MAX_VALUE);
        String text = v == null ? PostgresCells.text(cell) : null;
        v = v != null ? v : quickLong(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return v != null ? v.intValue() : PgResultSet.toInt(PostgresCells.trimMoney(text));
    }

    @Override
    long getLong(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        Long v = integral(cell, Long.MIN_VALUE, Long.MAX_VALUE);
        String text = v == null ? PostgresCells.text(cell) : null;
        v = v != null ? v : quickLong(text, Long.MIN_VALUE, Long.MAX_VALUE);
        return v != null ? v : PgResultSet.toLong(PostgresCells.trimMoney(text));
    }

    @Override
    float getFloat(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        return cell instanceof Float ? (Float) cell : PgResultSet.toFloat(PostgresCells.trimMoney(PostgresCells.text(cell)));
    }

    @Override
    double getDouble(int column, Object cell) throws SQLException {
        if (cell == null) {
            return 0;
        }
        return cell instanceof Double ? (Double) cell : PgResultSet.toDouble(PostgresCells.trimMoney(PostgresCells.text(cell)));
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell) throws SQLException {
        return getBigDecimal(column, cell, -1);
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell, int scale) throws SQLException {
        if (cell == null) {
            return null;
        }
        if (cell instanceof BigDecimal) {
            return scaled((BigDecimal) cell, scale);
        }
        String text = PostgresCells.text(cell);
        BigDecimal quick = PostgresText.quickDecimal(text);
        return scaled(quick != null ? quick : PgResultSet.toBigDecimal(PostgresCells.trimMoney(text)), scale);
    }

    private static BigDecimal scaled(BigDecimal value, int scale) throws SQLException {
        if (scale == -1) {
            return value;
        }
        try {
            return value.setScale(scale);
        } catch (ArithmeticException e) {
            throw PostgresCells.badValue("BigDecimal", value);
        }
    }

    @Override
    byte[] getBytes(int column, Object cell) {
        if (cell == null) {
            return null;
        }
        Object value = PostgresCells.value(cell);
        if (oids[column] == Oid.BYTEA && value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        return PostgresCells.bytes(PostgresCells.text(cell));
    }

    @Override
    Date getDate(int column, Object cell, Calendar calendar) throws SQLException {
        if (cell == null) {
            return null;
        }
        return timestamps().toDate(calendar == null ? defaultCalendar() : calendar, PostgresCells.bytes(PostgresCells.text(cell)));
    }

    @Override
    Time getTime(int column, Object cell, Calendar calendar) throws SQLException {
        if (cell == null) {
            return null;
        }
        return timestamps().toTime(calendar == null ? defaultCalendar() : calendar, PostgresCells.bytes(PostgresCells.text(cell)));
    }

    @Override
    Timestamp getTimestamp(int column, Object cell, Calendar calendar) throws SQLException {
        if (cell == null) {
            return null;
        }
        Calendar cal = calendar == null ? defaultCalendar() : calendar;
        byte[] text = PostgresCells.bytes(PostgresCells.text(cell));
        int oid = oids[column];
        if (oid == Oid.TIME || oid == Oid.TIMETZ) {
            Timestamp withMicros = timestamps().toTimestamp(cal, text);
            Timestamp onEpochDay = new Timestamp(timestamps().toTime(cal, text).getTime());
            onEpochDay.setNanos(withMicros.getNanos());
            return onEpochDay;
        }
        return timestamps().toTimestamp(cal, text);
    }

    @Override
    Object getObject(int column, Object cell) throws SQLException {
        if (cell == null) {
            return null;
        }
        switch (kinds[column]) {
            case TEXTUAL:
                return PostgresCells.text(cell);
            case TEMPORAL:
                switch (sqlTypes[column]) {
                    case Types.DATE:
                        return getDate(column, cell, null);
                    case Types.TIME:
                        return getTime(column, cell, null);
                    default:
                        return getTimestamp(column, cell, null);
                }
            default:
                return PostgresCells.copyOf(PostgresCells.value(cell));
        }
    }

    @Override
    <T> T getObject(int column, Object cell, Class<T> type) throws SQLException {
        return PostgresObjects.getObject(this, column, cell, type);
    }

    @Override
    Array getArray(int column, Object cell) throws SQLException {
        if (cell == null) {
            return null;
        }
        Object value = PostgresCells.value(cell);
        if (value instanceof CachedArray) {
            return (CachedArray) value;
        }
        // pgjdbc returns an Array for any column; its methods fail when the column is not an array
        return CachedArray.unusable(GT.tr("Cannot convert the column of type {0} to requested type {1}.",
                Oid.toString(oids[column]), "java.sql.Array"), PSQLState.NO_DATA.getState());
    }

    /** An oid column names a large object, read through the connection: not served from a cache. */
    @Override
    Blob getBlob(int column, Object cell) throws SQLException {
        if (cell == null) {
            return null;
        }
        getLong(column, cell);
        throw notSupported("Reading a large object (getBlob) from a cached result");
    }

    @Override
    Clob getClob(int column, Object cell) throws SQLException {
        if (cell == null) {
            return null;
        }
        getLong(column, cell);
        throw notSupported("Reading a large object (getClob) from a cached result");
    }

    @Override
    SQLXML getSQLXML(int column, Object cell) {
        return cell == null ? null : new CachedSqlXml(PostgresCells.text(cell));
    }

    @Override
    InputStream getUnicodeStream(int column, Object cell) {
        return cell == null ? null : new ByteArrayInputStream(PostgresCells.bytes(PostgresCells.text(cell)));
    }

    @Override
    Reader getCharacterStream(int column, Object cell) {
        return cell == null ? null : new CharArrayReader(PostgresCells.text(cell).toCharArray());
    }
}
