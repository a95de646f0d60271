package org.jdbcoptimizer.cache;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A snapshot of the driver's ResultSetMetaData: every method's answer for every column, taken once
 * at capture (before the rows are read). A method that threw then throws again, with the same
 * message and SQLState (a new exception each time, the driver's as its cause). Immutable and shared
 * by every cursor of a {@link CachedResult}.
 *
 * <p>sqlite-jdbc answers some methods (column type, class name) from the value in the current row;
 * the snapshot holds its answers for the row it was on at capture (the first one), and no longer
 * changes as a cursor moves.
 */
final class CachedMetaData implements ResultSetMetaData, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private interface Method {
        Object read(ResultSetMetaData metaData, int column) throws SQLException;
    }

    private static final Method[] METHODS = {
        ResultSetMetaData::isAutoIncrement, ResultSetMetaData::isCaseSensitive, ResultSetMetaData::isSearchable,
        ResultSetMetaData::isCurrency, ResultSetMetaData::isNullable, ResultSetMetaData::isSigned,
        ResultSetMetaData::getColumnDisplaySize, ResultSetMetaData::getColumnLabel, ResultSetMetaData::getColumnName,
        ResultSetMetaData::getSchemaName, ResultSetMetaData::getPrecision, ResultSetMetaData::getScale,
        ResultSetMetaData::getTableName, ResultSetMetaData::getCatalogName, ResultSetMetaData::getColumnType,
        ResultSetMetaData::getColumnTypeName, ResultSetMetaData::isReadOnly, ResultSetMetaData::isWritable,
        ResultSetMetaData::isDefinitelyWritable, ResultSetMetaData::getColumnClassName,
    };
    private static final int AUTO_INCREMENT = 0;
    private static final int CASE_SENSITIVE = 1;
    private static final int SEARCHABLE = 2;
    private static final int CURRENCY = 3;
    private static final int NULLABLE = 4;
    private static final int SIGNED = 5;
    private static final int DISPLAY_SIZE = 6;
    private static final int LABEL = 7;
    private static final int NAME = 8;
    private static final int SCHEMA = 9;
    private static final int PRECISION = 10;
    private static final int SCALE = 11;
    private static final int TABLE = 12;
    private static final int CATALOG = 13;
    private static final int TYPE = 14;
    private static final int TYPE_NAME = 15;
    private static final int READ_ONLY = 16;
    private static final int WRITABLE = 17;
    private static final int DEFINITELY_WRITABLE = 18;
    private static final int CLASS_NAME = 19;

    private final int columnCount;
    /** [column][method] for columns 0 to count + 1: the answer, or the exception the driver threw. */
    private final Object[][] answers;
    private final String[] labels;

    private CachedMetaData(int columnCount, Object[][] answers) {
        this.columnCount = columnCount;
        this.answers = answers;
        this.labels = new String[columnCount];
        for (int i = 0; i < columnCount; i++) {
            Object label = answers[i + 1][LABEL];
            labels[i] = label instanceof String ? (String) label : "";
        }
    }

    /**
     * Asks the driver every question for every column, and for the columns just outside (0 and
     * count + 1), which some drivers answer without checking: those answers stand for every column
     * below 1 and above the count.
     */
    static CachedMetaData capture(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        Object[][] answers = new Object[count + 2][METHODS.length];
        for (int column = 0; column <= count + 1; column++) {
            for (int m = 0; m < METHODS.length; m++) {
                try {
                    answers[column][m] = METHODS[m].read(metaData, column);
                } catch (SQLException | RuntimeException e) {
                    answers[column][m] = e;
                }
            }
        }
        return new CachedMetaData(count, answers);
    }

    /** True when the driver's metadata has the same columns (count, labels, types) as this snapshot. */
    boolean matches(ResultSetMetaData metaData) throws SQLException {
        if (metaData.getColumnCount() != columnCount) {
            return false;
        }
        for (int column = 1; column <= columnCount; column++) {
            if (!java.util.Objects.equals(metaData.getColumnLabel(column), getColumnLabel(column))
                    || metaData.getColumnType(column) != getColumnType(column)
                    || !java.util.Objects.equals(metaData.getColumnTypeName(column), getColumnTypeName(column))) {
                return false;
            }
        }
        return true;
    }

    /** The column labels, for findColumn; "" where the driver had none. Not a copy: do not modify. */
    String[] labels() {
        return labels;
    }

    private Object answer(int column, int method) throws SQLException {
        Object answer = answers[Math.max(0, Math.min(column, columnCount + 1))][method];
        if (answer instanceof RuntimeException) {
            RuntimeException e = (RuntimeException) answer;
            throw new SQLException(e.toString(), "22023", e);
        }
        if (answer instanceof SQLException) {
            SQLException e = (SQLException) answer;
            throw e instanceof SQLFeatureNotSupportedException
                    ? new SQLFeatureNotSupportedException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e)
                    : new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        return answer;
    }

    private boolean flag(int column, int method) throws SQLException {
        return (Boolean) answer(column, method);
    }

    private int number(int column, int method) throws SQLException {
        return (Integer) answer(column, method);
    }

    private String text(int column, int method) throws SQLException {
        return (String) answer(column, method);
    }

    @Override
    public int getColumnCount() {
        return columnCount;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return flag(column, AUTO_INCREMENT);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return flag(column, CASE_SENSITIVE);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return flag(column, SEARCHABLE);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return flag(column, CURRENCY);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return number(column, NULLABLE);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return flag(column, SIGNED);
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return number(column, DISPLAY_SIZE);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return text(column, LABEL);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return text(column, NAME);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return text(column, SCHEMA);
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return number(column, PRECISION);
    }

    @Override
    public int getScale(int column) throws SQLException {
        return number(column, SCALE);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return text(column, TABLE);
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return text(column, CATALOG);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return number(column, TYPE);
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return text(column, TYPE_NAME);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return flag(column, READ_ONLY);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return flag(column, WRITABLE);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return flag(column, DEFINITELY_WRITABLE);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return text(column, CLASS_NAME);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Cached result metadata is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The retained answers' size in bytes, roughly, for the weigher. */
    long weightBytes() {
        long bytes = 16 + 16 + 4L * columnCount;
        for (Object[] column : answers) {
            bytes += 16 + 4L * column.length;
            for (Object answer : column) {
                bytes += answer instanceof String ? HeapWeight.of(answer) : 0;
            }
        }
        return bytes;
    }
}
