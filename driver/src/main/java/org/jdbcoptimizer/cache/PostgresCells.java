package org.jdbcoptimizer.cache;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.jdbcoptimizer.cache.ColumnValues.WithText;
import org.postgresql.util.GT;
import org.postgresql.util.PGobject;
import org.postgresql.util.PGtokenizer;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** What {@link PostgresValues} does with one cell: its text, its value, a copy to hand out, money trimmed. */
final class PostgresCells {

    private PostgresCells() {
    }

    /** A getObject that threw at capture (a money amount over 999.99, say): thrown again on each getObject. */
    static final class Failure implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final SQLException exception;

        Failure(SQLException exception) {
            this.exception = exception;
        }

        SQLException copy() {
            return new SQLException(exception.getMessage(), exception.getSQLState(), exception.getErrorCode(), exception);
        }
    }

    static String text(Object cell) {
        if (cell instanceof String) {
            return (String) cell;
        }
        if (cell instanceof WithText) {
            return ((WithText) cell).text;
        }
        return PostgresText.derive(cell);
    }

    static Object value(Object cell) {
        return cell instanceof WithText ? ((WithText) cell).value : cell;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static PSQLException badValue(String type, Object value) {
        return new PSQLException(GT.tr("Bad value for type {0} : {1}", type, value),
                PSQLState.NUMERIC_VALUE_OUT_OF_RANGE);
    }

    static String trimMoney(String s) {
        if (s.length() < 2 || s.charAt(0) > '-') {
            return s;
        }
        char c = s.charAt(0);
        if (c == '(') {
            return "-" + PGtokenizer.removePara(s).substring(1);
        }
        if (c == '$') {
            return s.substring(1);
        }
        if (c == '-' && s.charAt(1) == '$') {
            return "-" + s.substring(2);
        }
        return s;
    }

    static Object copyOf(Object value) throws SQLException {
        if (value instanceof Failure) {
            throw ((Failure) value).copy();
        }
        if (value instanceof PGobject) {
            try {
                return ((PGobject) value).clone();
            } catch (CloneNotSupportedException e) {
                return value;
            }
        }
        if (value instanceof CachedSqlXml) {
            return new CachedSqlXml(value.toString());
        }
        return Copies.copy(value);
    }
}
