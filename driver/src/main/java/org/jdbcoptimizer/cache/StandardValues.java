package org.jdbcoptimizer.cache;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Calendar;
import java.util.UUID;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

/**
 * Getters for a driver this package has no replay for (neither pgjdbc nor sqlite-jdbc): JDBC's
 * conversion table applied to the captured {@code getObject}, with the driver's {@code getString}
 * kept where it is not {@code String.valueOf} of the object. Not checked against those drivers:
 * conversions between unusual types may differ from theirs. Immutable and shared.
 */
final class StandardValues extends ColumnValues {

    private static final long serialVersionUID = 1L;

    static final StandardValues INSTANCE = new StandardValues();

    private StandardValues() {
    }

    @Override
    Object capture(ResultSet source, int column) throws SQLException {
        Object value = source.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Array) {
            value = CachedArray.copyOf((Array) value, source.getString(column));
        } else if (value instanceof Blob) {
            Blob blob = (Blob) value;
            value = blob.getBytes(1, (int) blob.length());
        } else if (value instanceof Clob) {
            Clob clob = (Clob) value;
            value = clob.getSubString(1, (int) clob.length());
        } else if (value instanceof SQLXML) {
            value = new CachedSqlXml(((SQLXML) value).getString());
        } else if (value instanceof ResultSet) {
            throw notSupported("Caching a result set valued column");
        }
        String text = source.getString(column);
        return text == null || text.equals(String.valueOf(value)) ? value : new WithText(value, text);
    }

    private static Object value(Object cell) {
        return cell instanceof WithText ? ((WithText) cell).value : cell;
    }

    @Override
    String getString(int column, Object cell) {
        if (cell == null) {
            return null;
        }
        return cell instanceof WithText ? ((WithText) cell).text : String.valueOf(cell);
    }

    @Override
    boolean getBoolean(int column, Object cell) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return number(v).signum() != 0;
        }
        Boolean b = PostgresText.parseBoolean(getString(column, cell));
        if (b == null) {
            throw badValue("boolean", getString(column, cell));
        }
        return b;
    }

    /** The value as a number: Numbers, booleans (1/0) and numeric text. */
    private static BigDecimal number(Object v) throws SQLException {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw badValue("number", v);
        }
    }

    private static long integral(Object cell, long min, long max, String type) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return 0;
        }
        BigInteger i = number(v).toBigInteger();
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw badValue(type, v);
        }
        return i.longValue();
    }

    @Override
    byte getByte(int column, Object cell) throws SQLException {
        return (byte) integral(cell, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    short getShort(int column, Object cell) throws SQLException {
        return (short) integral(cell, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    int getInt(int column, Object cell) throws SQLException {
        return (int) integral(cell, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    long getLong(int column, Object cell) throws SQLException {
        return integral(cell, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    float getFloat(int column, Object cell) throws SQLException {
        return (float) getDouble(column, cell);
    }

    @Override
    double getDouble(int column, Object cell) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        return number(v).doubleValue();
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return null;
        }
        return v instanceof Double || v instanceof Float ? new BigDecimal(v.toString()) : number(v);
    }

    @Override
    BigDecimal getBigDecimal(int column, Object cell, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column, cell);
        try {
            return d == null ? null : d.setScale(scale);
        } catch (ArithmeticException e) {
            throw badValue("BigDecimal", d);
        }
    }

    @Override
    byte[] getBytes(int column, Object cell) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        return getString(column, cell).getBytes(StandardCharsets.UTF_8);
    }

    /** The value as a timestamp: the java.sql and java.time classes, and JDBC escape-format text. */
    private static Timestamp timestamp(Object v) throws SQLException {
        if (v instanceof Timestamp) {
            return (Timestamp) Copies.copyDate((Timestamp) v);
        }
        if (v instanceof java.util.Date) {
            return new Timestamp(((java.util.Date) v).getTime());
        }
        if (v instanceof LocalDateTime) {
            return Timestamp.valueOf((LocalDateTime) v);
        }
        if (v instanceof LocalDate) {
            return Timestamp.valueOf(((LocalDate) v).atStartOfDay());
        }
        if (v instanceof OffsetDateTime) {
            return Timestamp.from(((OffsetDateTime) v).toInstant());
        }
        if (v instanceof Instant) {
            return Timestamp.from((Instant) v);
        }
        try {
            String s = v.toString().trim();
            return s.length() == 10 ? Timestamp.valueOf(s + " 00:00:00") : Timestamp.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw badValue("timestamp", v);
        }
    }

    @Override
    Date getDate(int column, Object cell, Calendar calendar) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return null;
        }
        if (v instanceof Date) {
            return new Date(((Date) v).getTime());
        }
        return Date.valueOf(timestamp(v).toLocalDateTime().toLocalDate());
    }

    @Override
    Time getTime(int column, Object cell, Calendar calendar) throws SQLException {
        Object v = value(cell);
        if (v == null) {
            return null;
        }
        if (v instanceof Time) {
            return new Time(((Time) v).getTime());
        }
        if (v instanceof LocalTime) {
            return Time.valueOf((LocalTime) v);
        }
        try {
            return v instanceof String && ((String) v).length() == 8 ? Time.valueOf((String) v)
                    : Time.valueOf(timestamp(v).toLocalDateTime().toLocalTime());
        } catch (IllegalArgumentException e) {
            throw badValue("time", v);
        }
    }

    @Override
    Timestamp getTimestamp(int column, Object cell, Calendar calendar) throws SQLException {
        Object v = value(cell);
        return v == null ? null : timestamp(v);
    }

    @Override
    Object getObject(int column, Object cell) {
        Object v = value(cell);
        return v instanceof CachedSqlXml ? new CachedSqlXml(v.toString()) : Copies.copy(v);
    }

    @Override
    <T> T getObject(int column, Object cell, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("type is null", "HY009");
        }
        Object v = value(cell);
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(getObject(column, cell));
        }
        Object converted;
        if (type == String.class) {
            converted = getString(column, cell);
        } else if (type == Integer.class) {
            converted = getInt(column, cell);
        } else if (type == Long.class) {
            converted = getLong(column, cell);
        } else if (type == Short.class) {
            converted = getShort(column, cell);
        } else if (type == Byte.class) {
            converted = getByte(column, cell);
        } else if (type == Boolean.class) {
            converted = getBoolean(column, cell);
        } else if (type == Double.class) {
            converted = getDouble(column, cell);
        } else if (type == Float.class) {
            converted = getFloat(column, cell);
        } else if (type == BigDecimal.class) {
            converted = getBigDecimal(column, cell);
        } else if (type == BigInteger.class) {
            converted = number(v).toBigInteger();
        } else if (type == byte[].class) {
            converted = getBytes(column, cell);
        } else if (type == Date.class) {
            converted = getDate(column, cell, null);
        } else if (type == Time.class) {
            converted = getTime(column, cell, null);
        } else if (type == Timestamp.class) {
            converted = getTimestamp(column, cell, null);
        } else if (type == LocalDate.class) {
            converted = getDate(column, cell, null).toLocalDate();
        } else if (type == LocalTime.class) {
            converted = getTime(column, cell, null).toLocalTime();
        } else if (type == LocalDateTime.class) {
            converted = timestamp(v).toLocalDateTime();
        } else if (type == Instant.class) {
            converted = timestamp(v).toInstant();
        } else if (type == UUID.class) {
            try {
                converted = UUID.fromString(getString(column, cell));
            } catch (IllegalArgumentException e) {
                throw badValue("UUID", v);
            }
        } else {
            throw notSupported("getObject(" + type.getName() + ") of a " + v.getClass().getName());
        }
        return type.cast(converted);
    }

    @Override
    Array getArray(int column, Object cell) throws SQLException {
        Object v = value(cell);
        if (v == null || v instanceof Array) {
            return (Array) v;
        }
        throw badValue("Array", v);
    }

    @Override
    Blob getBlob(int column, Object cell) throws SQLException {
        byte[] bytes = getBytes(column, cell);
        return bytes == null ? null : new SerialBlob(bytes);
    }

    @Override
    Clob getClob(int column, Object cell) throws SQLException {
        String s = getString(column, cell);
        return s == null ? null : new SerialClob(s.toCharArray());
    }

    @Override
    SQLXML getSQLXML(int column, Object cell) {
        String s = getString(column, cell);
        return s == null ? null : new CachedSqlXml(s);
    }

    @Override
    InputStream getUnicodeStream(int column, Object cell) throws SQLException {
        byte[] bytes = getBytes(column, cell);
        return bytes == null ? null : new java.io.ByteArrayInputStream(bytes);
    }

    @Override
    Reader getCharacterStream(int column, Object cell) {
        String s = getString(column, cell);
        return s == null ? null : new StringReader(s);
    }

    @Override
    String getNString(int column, Object cell) {
        return getString(column, cell);
    }

    @Override
    Reader getNCharacterStream(int column, Object cell) {
        return getCharacterStream(column, cell);
    }
}
