package org.jdbcoptimizer.cache;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a key value into the {@code long} that key-level invalidation compares: only integers,
 * whatever their Java type ({@code Integer 5}, {@code Long 5} and {@code BigDecimal 5.0} are one
 * key), because for them the database's equality and ours agree. Text keys are not compared (a
 * collation may call two different strings equal), nor are floating-point ones.
 */
final class IntegerKeys {

    private IntegerKeys() {
    }

    /** The key, or null when {@code value} is not an integer that fits a long. */
    static Long of(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact(); // throws for a fraction
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }
}
