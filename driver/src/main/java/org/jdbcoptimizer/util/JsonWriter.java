package org.jdbcoptimizer.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes Java values as JSON text (RFC 8259) into a {@link StringBuilder}, by {@code instanceof}
 * dispatch on a closed set of types; no reflection. Stateless; see {@link Json#write(Object)} for
 * the contract.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char REPLACEMENT = '\uFFFD';

    private JsonWriter() {
    }

    static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            writeString(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double number) {
            writeDouble(number, out);
        } else if (value instanceof Float number) {
            writeFloat(number, out);
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Number number) {
            writeDouble(number.doubleValue(), out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, checkedDepth(depth));
        } else if (value instanceof Iterable<?> iterable) {
            writeArray(iterable.iterator(), out, checkedDepth(depth));
        } else if (value instanceof Object[] array) {
            writeArray(Arrays.asList(array).iterator(), out, checkedDepth(depth));
        } else if (value instanceof Character character) {
            writeString(String.valueOf(character), out);
        } else if (value instanceof Enum<?> constant) {
            writeString(constant.name(), out);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON; use a String, Number, Boolean, Character, enum, Map, Iterable, Object[] or null");
        }
    }

    private static int checkedDepth(int depth) {
        if (depth >= Json.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + Json.MAX_DEPTH
                    + " maps and lists (does it contain itself?)");
        }
        return depth + 1;
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("a map to write as JSON has a null key");
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(entry.getKey().toString(), out);
            out.append(':');
            write(entry.getValue(), out, depth);
        }
        out.append('}');
    }

    private static void writeArray(Iterator<?> elements, StringBuilder out, int depth) {
        out.append('[');
        boolean first = true;
        while (elements.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(elements.next(), out, depth);
        }
        out.append(']');
    }

    private static void writeDouble(double value, StringBuilder out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else {
            out.append(value);
        }
    }

    private static void writeFloat(float value, StringBuilder out) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            out.append("null");
        } else {
            out.append(value);
        }
    }

    /**
     * Quotes and escapes: {@code "} and {@code \}, control characters (short escapes where JSON has
     * them), U+2028 and U+2029 (line breaks to JavaScript); a lone surrogate, which no UTF-8
     * encoder can represent, becomes U+FFFD. Unescaped runs are appended in bulk.
     */
    static void writeString(CharSequence text, StringBuilder out) {
        out.append('"');
        int length = text.length();
        int runStart = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c < 0x2028 || c > 0x2029 && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(text, runStart, i);
            appendEscaped(c, out);
            runStart = i + 1;
        }
        out.append(text, runStart, length);
        out.append('"');
    }

    private static void appendEscaped(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (Character.isSurrogate(c)) {
                    out.append(REPLACEMENT);
                } else {
                    out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                            .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                }
            }
        }
    }
}
