package org.jdbcoptimizer.cache;

import java.util.Arrays;

/**
 * What must match for a cached result to answer a statement: the exact text, the typed parameter
 * values ({@code 1} as Integer and as Long are different keys), the scroll type asked for, and the
 * scope (database, user and schema; a connection whose session settings were changed with SQL is
 * never cached at all).
 *
 * <p>Immutable: the parameter array is a private copy.
 */
final class CacheKey {

    private final String scope;
    private final String sql;
    private final Object[] parameters;
    private final int resultSetType;
    private final int hash;

    CacheKey(String scope, String sql, Object[] parameters, int resultSetType) {
        this.scope = scope;
        this.sql = sql;
        this.parameters = parameters == null || parameters.length == 0 ? null : parameters.clone();
        this.resultSetType = resultSetType;
        this.hash = 31 * (31 * (31 * scope.hashCode() + sql.hashCode()) + Arrays.deepHashCode(this.parameters))
                + resultSetType;
    }

    String sql() {
        return sql;
    }

    String scope() {
        return scope;
    }

    /** The private copy: callers must not modify it. */
    Object[] parameters() {
        return parameters;
    }

    int resultSetType() {
        return resultSetType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CacheKey)) {
            return false;
        }
        CacheKey other = (CacheKey) o;
        return hash == other.hash && matches(other.scope, other.sql, other.parameters, other.resultSetType);
    }

    /** Whether a statement with these parts has this key, without creating one ({@link HitFront}). */
    boolean matches(String scope, String sql, Object[] parameters, int resultSetType) {
        Object[] given = parameters == null || parameters.length == 0 ? null : parameters;
        return this.resultSetType == resultSetType && this.sql.equals(sql) && this.scope.equals(scope)
                && Arrays.deepEquals(this.parameters, given) && sameTypes(this.parameters, given);
    }

    /** Typed equality: Integer 1 and Long 1 are equal numbers but different parameters to the driver. */
    private static boolean sameTypes(Object[] a, Object[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null && b[i] != null && a[i].getClass() != b[i].getClass()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "CacheKey[" + sql + ", " + (parameters == null ? 0 : parameters.length) + " parameters]";
    }
}
