package org.jdbcoptimizer.cache;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * PostgreSQL's text form of values whose object form is kept instead of the text: a cell keeps only
 * the object when {@link #derive(Object)} gives back exactly the text the driver returned at capture
 * (checked there), so numbers, booleans, UUIDs and bytea cost no string. Pure functions, no driver
 * classes.
 */
final class PostgresText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PostgresText() {
    }

    /** The server's text for a value of the usual classes; {@code String.valueOf} for others. */
    static String derive(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "t" : "f";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Double) {
            return shortest((Double) value, 15);
        }
        if (value instanceof Float) {
            return shortest((Float) value, 6);
        }
        if (value instanceof byte[]) {
            return hex((byte[]) value);
        }
        if (value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof CachedArray) {
            return ((CachedArray) value).text();
        }
        return String.valueOf(value);
    }

    /**
     * A float in PostgreSQL's shortest-exact output (PostgreSQL 12+ with extra_float_digits > 0, which
     * pgjdbc sets): plain notation for decimal exponents from -4 to {@code maxPlainExponent - 1}, else
     * {@code d.ddde+XX}. Built from Java's digits, which are not always the shortest on Java 17; a
     * mismatch only means the cell keeps the text too.
     */
    static String shortest(double d, int maxPlainExponent) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        String javaText = maxPlainExponent == 6 ? Float.toString((float) d) : Double.toString(d);
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder sb = new StringBuilder(24);
        if (exact.signum() < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= maxPlainExponent) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else {
            sb.append(exact.abs().toPlainString());
        }
        return sb.toString();
    }

    /** bytea in the hex output format. */
    static String hex(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** pgjdbc's reading of a string as a boolean: 1/0, true/false, t/f, yes/no, y/n, on/off; null when none. */
    static Boolean parseBoolean(String text) {
        String v = text.trim();
        if ("1".equals(v) || "true".equalsIgnoreCase(v) || "t".equalsIgnoreCase(v) || "yes".equalsIgnoreCase(v)
                || "y".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v)) {
            return Boolean.TRUE;
        }
        if ("0".equals(v) || "false".equalsIgnoreCase(v) || "f".equalsIgnoreCase(v) || "no".equalsIgnoreCase(v)
                || "n".equalsIgnoreCase(v) || "off".equalsIgnoreCase(v)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /**
     * pgjdbc's quick decimal reading: optional '-', digits and at most one '.', at most 18 digits;
     * null when the text is anything else (then the general parse applies).
     */
    static BigDecimal quickDecimal(String s) {
        int length = s.length();
        boolean negative = length > 0 && s.charAt(0) == '-';
        if (length == 0 || (negative ? length == 1 || length > 19 : length > 18)) {
            return null;
        }
        long value = 0;
        int scale = 0;
        int periods = 0;
        for (int i = negative ? 1 : 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '.' && periods == 0) {
                scale = length - i - 1;
                periods++;
            } else if (c < '0' || c > '9') {
                return null;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        if (periods == (negative ? length - 1 : length)) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -value : value, scale);
    }
}
