package org.jdbcoptimizer.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.SQLException;

/**
 * A read-only CLOB over a string copied at capture time, as sqlite-jdbc's getClob hands out (an
 * empty one included, which javax.sql.rowset's SerialClob cannot read). Writing is refused.
 */
final class CachedClob implements NClob, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private String data;

    CachedClob(String data) {
        this.data = data;
    }

    private String data() throws SQLException {
        if (data == null) {
            throw new SQLException("This Clob has been freed", "55000");
        }
        return data;
    }

    @Override
    public long length() throws SQLException {
        return data().length();
    }

    /** Up to {@code length} characters from {@code position} (1-based); fewer at the end. */
    @Override
    public String getSubString(long position, int length) throws SQLException {
        String s = data();
        if (position < 1 || length < 0) {
            throw new SQLException("Invalid position " + position + " or length " + length, "22023");
        }
        int start = (int) Math.min(position - 1, s.length());
        return s.substring(start, (int) Math.min((long) start + length, s.length()));
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new StringReader(data());
    }

    @Override
    public Reader getCharacterStream(long position, long length) throws SQLException {
        return new StringReader(getSubString(position, (int) Math.min(length, Integer.MAX_VALUE)));
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        return new ByteArrayInputStream(data().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public long position(String pattern, long start) throws SQLException {
        int found = data().indexOf(pattern, (int) Math.max(0, start - 1));
        return found < 0 ? -1 : found + 1;
    }

    @Override
    public long position(Clob pattern, long start) throws SQLException {
        return position(pattern.getSubString(1, (int) pattern.length()), start);
    }

    @Override
    public int setString(long position, String value) throws SQLException {
        throw ReadOnlyResultSet.readOnly();
    }

    @Override
    public int setString(long position, String value, int offset, int length) throws SQLException {
        throw ReadOnlyResultSet.readOnly();
    }

    @Override
    public OutputStream setAsciiStream(long position) throws SQLException {
        throw ReadOnlyResultSet.readOnly();
    }

    @Override
    public Writer setCharacterStream(long position) throws SQLException {
        throw ReadOnlyResultSet.readOnly();
    }

    @Override
    public void truncate(long length) throws SQLException {
        throw ReadOnlyResultSet.readOnly();
    }

    @Override
    public void free() {
        data = null;
    }
}
