package org.jdbcoptimizer.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLXML;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

/**
 * A read-only SQLXML over a string copied at capture time; a new one per getter call, as the drivers
 * do. Reading works any number of times until {@link #free()}; writing is refused (a cached result
 * is read-only).
 */
final class CachedSqlXml implements SQLXML, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private String data;

    CachedSqlXml(String data) {
        this.data = data;
    }

    private String data() throws SQLException {
        if (data == null) {
            throw new SQLException("This SQLXML object has already been freed.", "55000");
        }
        return data;
    }

    @Override
    public void free() {
        data = null;
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        return new ByteArrayInputStream(data().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new StringReader(data());
    }

    @Override
    public String getString() throws SQLException {
        return data();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Source> T getSource(Class<T> sourceClass) throws SQLException {
        if (sourceClass == null || sourceClass == StreamSource.class) {
            return (T) new StreamSource(new StringReader(data()));
        }
        throw ColumnValues.notSupported("SQLXML.getSource(" + sourceClass.getName() + ") on a cached value");
    }

    @Override
    public OutputStream setBinaryStream() throws SQLException {
        throw readOnly();
    }

    @Override
    public Writer setCharacterStream() throws SQLException {
        throw readOnly();
    }

    @Override
    public void setString(String value) throws SQLException {
        throw readOnly();
    }

    @Override
    public <T extends Result> T setResult(Class<T> resultClass) throws SQLException {
        throw readOnly();
    }

    private static SQLException readOnly() {
        return new SQLException("A SQLXML value read from a result set is read-only", "55000");
    }

    @Override
    public String toString() {
        return data;
    }
}
