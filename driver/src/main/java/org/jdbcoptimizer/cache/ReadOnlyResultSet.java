package org.jdbcoptimizer.cache;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
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

/**
 * The writing half of {@link ResultSet}, refused: a cached result is read-only (the cache never
 * serves a statement that asked for CONCUR_UPDATABLE), so every updater, and every method that
 * moves to or writes the insert row, throws {@link SQLFeatureNotSupportedException} (SQLState
 * 0A000). The updaters are one line each: they are all the same.
 */
abstract class ReadOnlyResultSet implements ResultSet {

    static SQLFeatureNotSupportedException readOnly() {
        return new SQLFeatureNotSupportedException("A result served from the result cache is read-only", "0A000");
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    /** Throws if the result set is closed. */
    abstract void checkOpen() throws SQLException;

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override public void updateArray(String column, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateArray(int column, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String column, InputStream x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String column, InputStream x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(String column, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(int column, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String column, InputStream x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String column, InputStream x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String column, InputStream x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String column, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int column, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(String column, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(int column, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(String column, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(int column, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(String column, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(int column, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String column, Reader x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String column, Reader x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, int length)
            throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String column, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int column, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(String column, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(int column, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(String column, double x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(int column, double x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(String column, float x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(int column, float x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(String column, int x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(int column, int x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(String column, long x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(int column, long x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String column, Reader x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x, long length)
            throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String column, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x, long length) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int column, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(String column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNull(String column) throws SQLException { throw readOnly(); }
    @Override public void updateNull(int column) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String column, Object x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String column, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x, int length) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int column, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(String column, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(int column, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(String column, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(int column, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(String column, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(int column, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(String column, short x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(int column, short x) throws SQLException { throw readOnly(); }
    @Override public void updateString(String column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateString(int column, String x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(String column, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(int column, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(String column, Timestamp x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(int column, Timestamp x) throws SQLException { throw readOnly(); }
}
