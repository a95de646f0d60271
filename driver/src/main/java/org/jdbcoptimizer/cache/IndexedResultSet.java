package org.jdbcoptimizer.cache;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The getters by column index: each takes the current row's cell from the cursor ({@link #cell},
 * which checks the cursor's state and the index) and lets the driver-specific {@link ColumnValues}
 * make the value.
 */
abstract class IndexedResultSet extends LabelledResultSet {

    final ColumnValues values;

    IndexedResultSet(ColumnValues values) {
        this.values = values;
    }

    /** The cell of a column (1-based) in the current row; throws when closed, off a row or out of range. */
    abstract Object cell(int column) throws SQLException;

    @Override
    public String getString(int column) throws SQLException {
        return values.getString(column - 1, cell(column));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return values.getNString(column - 1, cell(column));
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return values.getBoolean(column - 1, cell(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return values.getByte(column - 1, cell(column));
    }

    @Override
    public short getShort(int column) throws SQLException {
        return values.getShort(column - 1, cell(column));
    }

    @Override
    public int getInt(int column) throws SQLException {
        return values.getInt(column - 1, cell(column));
    }

    @Override
    public long getLong(int column) throws SQLException {
        return values.getLong(column - 1, cell(column));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return values.getFloat(column - 1, cell(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return values.getDouble(column - 1, cell(column));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return values.getBigDecimal(column - 1, cell(column));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        return values.getBigDecimal(column - 1, cell(column), scale);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        return values.getBytes(column - 1, cell(column));
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return values.getDate(column - 1, cell(column));
    }

    @Override
    public Date getDate(int column, Calendar calendar) throws SQLException {
        return values.getDate(column - 1, cell(column), calendar);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return values.getTime(column - 1, cell(column));
    }

    @Override
    public Time getTime(int column, Calendar calendar) throws SQLException {
        return values.getTime(column - 1, cell(column), calendar);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return values.getTimestamp(column - 1, cell(column));
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
        return values.getTimestamp(column - 1, cell(column), calendar);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return values.getObject(column - 1, cell(column));
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        return values.getObject(column - 1, cell(column), type);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        return values.getObject(column - 1, cell(column), map);
    }

    @Override
    public Array getArray(int column) throws SQLException {
        return values.getArray(column - 1, cell(column));
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        return values.getBlob(column - 1, cell(column));
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        return values.getClob(column - 1, cell(column));
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        return values.getNClob(column - 1, cell(column));
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        return values.getSQLXML(column - 1, cell(column));
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        return values.getAsciiStream(column - 1, cell(column));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        return values.getUnicodeStream(column - 1, cell(column));
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        return values.getBinaryStream(column - 1, cell(column));
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        return values.getCharacterStream(column - 1, cell(column));
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return values.getNCharacterStream(column - 1, cell(column));
    }

    @Override
    public URL getURL(int column) throws SQLException {
        return values.getURL(column - 1, cell(column));
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        return values.getRef(column - 1, cell(column));
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        return values.getRowId(column - 1, cell(column));
    }
}
