package org.jdbcoptimizer.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.UUID;

import org.postgresql.core.Oid;
import org.postgresql.util.GT;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * pgjdbc's {@code getObject(int, Class)} on a captured value: which classes each column type
 * converts to, the java.time conversions through the driver's TimestampUtils, and PGobject
 * subclasses made as the connection would (its registered class for the type, else PGobject).
 */
final class PostgresObjects {

    private PostgresObjects() {
    }

    static <T> T getObject(PostgresValues v, int column, Object cell, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("type is null");
        }
        int sqlType = v.sqlTypes[column];
        if (type == BigDecimal.class) {
            require(v, column, type, sqlType == Types.NUMERIC || sqlType == Types.DECIMAL);
            return type.cast(v.getBigDecimal(column, cell));
        } else if (type == String.class) {
            require(v, column, type, sqlType == Types.CHAR || sqlType == Types.VARCHAR);
            return type.cast(v.getString(column, cell));
        } else if (type == Boolean.class) {
            require(v, column, type, sqlType == Types.BOOLEAN || sqlType == Types.BIT);
            boolean b = v.getBoolean(column, cell);
            return cell == null ? null : type.cast(b);
        } else if (type == Short.class) {
            require(v, column, type, sqlType == Types.SMALLINT);
            short s = v.getShort(column, cell);
            return cell == null ? null : type.cast(s);
        } else if (type == Integer.class) {
            require(v, column, type, sqlType == Types.INTEGER || sqlType == Types.SMALLINT);
            int i = v.getInt(column, cell);
            return cell == null ? null : type.cast(i);
        } else if (type == Long.class || type == BigInteger.class) {
            require(v, column, type, sqlType == Types.BIGINT);
            long l = v.getLong(column, cell);
            return cell == null ? null : type.cast(type == Long.class ? (Object) l : BigInteger.valueOf(l));
        } else if (type == Float.class) {
            require(v, column, type, sqlType == Types.REAL);
            float f = v.getFloat(column, cell);
            return cell == null ? null : type.cast(f);
        } else if (type == Double.class) {
            require(v, column, type, sqlType == Types.FLOAT || sqlType == Types.DOUBLE);
            double d = v.getDouble(column, cell);
            return cell == null ? null : type.cast(d);
        } else if (type == Date.class) {
            require(v, column, type, sqlType == Types.DATE);
            return type.cast(v.getDate(column, cell, null));
        } else if (type == Time.class) {
            require(v, column, type, sqlType == Types.TIME);
            return type.cast(v.getTime(column, cell, null));
        } else if (type == Timestamp.class || type == Calendar.class) {
            require(v, column, type, sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE);
            Timestamp ts = v.getTimestamp(column, cell, null);
            if (type == Timestamp.class || ts == null) {
                return type.cast(ts);
            }
            Calendar calendar = Calendar.getInstance(v.defaultCalendar().getTimeZone());
            calendar.setTimeInMillis(ts.getTime());
            return type.cast(calendar);
        } else if (type == Blob.class) {
            require(v, column, type, sqlType == Types.BLOB || sqlType == Types.BINARY || sqlType == Types.BIGINT);
            return type.cast(v.getBlob(column, cell));
        } else if (type == Clob.class) {
            require(v, column, type, sqlType == Types.CLOB || sqlType == Types.BIGINT);
            return type.cast(v.getClob(column, cell));
        } else if (type == java.util.Date.class) {
            require(v, column, type, sqlType == Types.TIMESTAMP);
            Timestamp ts = v.getTimestamp(column, cell, null);
            return ts == null ? null : type.cast(new java.util.Date(ts.getTime()));
        } else if (type == Array.class) {
            require(v, column, type, sqlType == Types.ARRAY);
            return type.cast(v.getArray(column, cell));
        } else if (type == SQLXML.class) {
            require(v, column, type, sqlType == Types.SQLXML);
            return type.cast(v.getSQLXML(column, cell));
        } else if (type == UUID.class) {
            return type.cast(v.getObject(column, cell));
        } else if (type == InetAddress.class) {
            return type.cast(inet(v.getString(column, cell)));
        } else if (type == LocalDate.class || type == LocalTime.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == OffsetTime.class) {
            return cell == null ? null : type.cast(javaTime(v, column, PostgresCells.text(cell), type));
        } else if (PGobject.class.isAssignableFrom(type)) {
            return type.cast(pgObject(v, column, cell));
        }
        throw unsupported(v, column, type);
    }

    private static void require(PostgresValues v, int column, Class<?> type, boolean supported) throws SQLException {
        if (!supported) {
            throw unsupported(v, column, type);
        }
    }

    private static PSQLException unsupported(PostgresValues v, int column, Class<?> type) {
        return new PSQLException(GT.tr("conversion to {0} from {1} not supported", type, v.pgTypes[column]),
                PSQLState.INVALID_PARAMETER_VALUE);
    }

    private static InetAddress inet(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        try {
            return InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
        } catch (UnknownHostException e) {
            throw new PSQLException(GT.tr("Invalid Inet data."), PSQLState.INVALID_PARAMETER_VALUE, e);
        }
    }

    private static Object javaTime(PostgresValues v, int column, String text, Class<?> type) throws SQLException {
        int oid = v.oids[column];
        byte[] bytes = PostgresCells.bytes(text);
        if (type == LocalDate.class) {
            if (oid == Oid.DATE) {
                return v.timestamps().toLocalDate(bytes);
            }
            if (oid == Oid.TIMESTAMP) {
                return v.timestamps().toLocalDateTime(bytes).toLocalDate();
            }
        } else if (type == LocalTime.class) {
            if (oid == Oid.TIME) {
                return v.timestamps().toLocalTime(text);
            }
        } else if (type == LocalDateTime.class) {
            if (oid == Oid.TIMESTAMP) {
                return v.timestamps().toLocalDateTime(bytes);
            }
        } else if (type == OffsetDateTime.class) {
            if (oid == Oid.TIMESTAMPTZ || oid == Oid.TIMESTAMP) {
                OffsetDateTime odt = v.timestamps().toOffsetDateTime(bytes);
                return odt == OffsetDateTime.MAX || odt == OffsetDateTime.MIN ? odt
                        : odt.withOffsetSameInstant(ZoneOffset.UTC);
            }
            if (oid == Oid.TIMETZ) {
                return v.timestamps().toOffsetDateTime(bytes);
            }
        } else if (oid == Oid.TIMETZ) {
            return v.timestamps().toOffsetTime(bytes);
        }
        throw v.mismatch(column, type.getName());
    }

    /** As PgConnection.getObject(type, text): the class registered for the type, else a plain PGobject. */
    private static PGobject pgObject(PostgresValues v, int column, Object cell) throws SQLException {
        Object value = PostgresCells.value(cell);
        Class<? extends PGobject> registered = v.pgObjectClasses[column];
        if (value instanceof PGobject && (registered == null || registered == value.getClass())) {
            return (PGobject) PostgresCells.copyOf(value);
        }
        PGobject object;
        try {
            object = registered == null ? new PGobject() : registered.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new PSQLException(GT.tr("Failed to create object for: {0}.", v.pgTypes[column]),
                    PSQLState.CONNECTION_FAILURE, e);
        }
        object.setType(v.pgTypes[column]);
        object.setValue(cell == null ? null : PostgresCells.text(cell));
        return object;
    }
}
