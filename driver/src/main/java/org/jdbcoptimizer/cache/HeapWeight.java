package org.jdbcoptimizer.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * A cheap estimate of the heap a captured value retains, for the cache's weigher: object headers of
 * 12 bytes and 4-byte references (a 64-bit JVM with compressed pointers), sizes rounded up to 8.
 * Strings count 2 bytes a character, an upper bound (compact strings store Latin-1 text in one);
 * this keeps the estimate O(1) per string and errs on the side of a smaller cache. Values of unknown
 * classes count as their text.
 */
final class HeapWeight {

    private static final long STRING = 24;
    private static final long ARRAY_HEADER = 16;

    private HeapWeight() {
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static long ofString(String s) {
        return STRING + align(ARRAY_HEADER + 2L * s.length());
    }

    /** The bytes retained by {@code value} (not counting the reference to it). */
    static long of(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String) {
            return ofString((String) value);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Float) {
            return 16;
        }
        if (value instanceof Long || value instanceof Double) {
            return 24;
        }
        if (value instanceof byte[]) {
            return align(ARRAY_HEADER + ((byte[]) value).length);
        }
        if (value instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) value;
            return 40 + (d.precision() > 18 ? ofBigInteger(d.unscaledValue()) : 0);
        }
        if (value instanceof BigInteger) {
            return ofBigInteger((BigInteger) value);
        }
        if (value instanceof java.util.Date) {
            return 32;
        }
        if (value instanceof UUID) {
            return 32;
        }
        if (value instanceof ColumnValues.WithText) {
            ColumnValues.WithText w = (ColumnValues.WithText) value;
            return 24 + of(w.value) + ofString(w.text);
        }
        if (value instanceof CachedArray) {
            CachedArray a = (CachedArray) value;
            return 32 + ofString(a.text()) + of(a.elements()) + 40;
        }
        if (value instanceof Object[]) {
            Object[] array = (Object[]) value;
            long bytes = align(ARRAY_HEADER + 4L * array.length);
            for (Object element : array) {
                bytes += of(element);
            }
            return bytes;
        }
        if (value.getClass().isArray()) {
            return align(ARRAY_HEADER + 8L * java.lang.reflect.Array.getLength(value));
        }
        return 24 + ofString(String.valueOf(value));
    }

    private static long ofBigInteger(BigInteger i) {
        return 40 + align(ARRAY_HEADER + 4L * ((i.bitLength() + 31) / 32));
    }
}
