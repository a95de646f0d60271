package org.jdbcoptimizer.cache;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An SQL ARRAY value copied out of the driver at capture time, so that it no longer depends on the
 * connection it came from (PostgreSQL's PgArray parses lazily through its connection). Immutable:
 * {@link #getArray()} returns a deep copy each time. {@link #toString()} is the driver's text of the
 * array, as PgArray's is.
 */
final class CachedArray implements Array, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String baseTypeName;
    private final int baseType;
    private final Object elements;
    private final String text;
    /** Non-null for an array that is not one: every method throws this (message, SQLState). */
    private final String[] failure;

    private CachedArray(String baseTypeName, int baseType, Object elements, String text, String[] failure) {
        this.baseTypeName = baseTypeName;
        this.baseType = baseType;
        this.elements = elements;
        this.text = text;
        this.failure = failure;
    }

    /** What a driver hands out for getArray on a column that is not an array: every method throws. */
    static CachedArray unusable(String message, String sqlState) {
        return new CachedArray(null, 0, null, null, new String[] {message, sqlState});
    }

    private void check() throws SQLException {
        if (failure != null) {
            throw new SQLException(failure[0], failure[1]);
        }
    }

    /** Copies the driver's array; {@code text} is the driver's getString of the column. */
    static CachedArray copyOf(Array array, String text) throws SQLException {
        Object elements = array.getArray();
        return new CachedArray(array.getBaseTypeName(), array.getBaseType(),
                elements == null ? null : Copies.copyArray(elements), text, null);
    }

    String text() {
        return text;
    }

    /** The retained elements (not a copy), for weighing. */
    Object elements() {
        return elements;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        check();
        return baseTypeName;
    }

    @Override
    public int getBaseType() throws SQLException {
        check();
        return baseType;
    }

    @Override
    public Object getArray() throws SQLException {
        check();
        return elements == null ? null : Copies.copyArray(elements);
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getArray();
        }
        throw ColumnValues.notSupported("Array.getArray with a type map");
    }

    /** Elements {@code index} (1-based) to {@code index + count - 1}, as a new array. */
    @Override
    public Object getArray(long index, int count) throws SQLException {
        check();
        int length = java.lang.reflect.Array.getLength(elements);
        if (index < 1 || count < 0 || index - 1 + count > length) {
            throw new SQLException("The array index is out of range: " + index + ", number of elements: " + length
                    + ".", "22003");
        }
        Object slice = java.lang.reflect.Array.newInstance(elements.getClass().getComponentType(), count);
        System.arraycopy(elements, (int) (index - 1), slice, 0, count);
        return Copies.copyArray(slice);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getArray(index, count);
        }
        throw ColumnValues.notSupported("Array.getArray with a type map");
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw ColumnValues.notSupported("Array.getResultSet on a cached array");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw ColumnValues.notSupported("Array.getResultSet on a cached array");
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw ColumnValues.notSupported("Array.getResultSet on a cached array");
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw ColumnValues.notSupported("Array.getResultSet on a cached array");
    }

    @Override
    public void free() {
        // nothing to release: the elements are plain Java objects
    }

    @Override
    public String toString() {
        return text;
    }
}
