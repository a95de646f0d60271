package org.jdbcoptimizer.util;

import java.util.Map;
import java.util.Objects;

/**
 * A minimal JSON (RFC 8259) writer and strict parser with no dependency, for the slow-query log,
 * its report, and PostgreSQL's {@code EXPLAIN (FORMAT JSON)} output. Thread-safe: every method is
 * static and keeps no state between calls.
 *
 * <p>Types written: {@code null}; {@link CharSequence}, {@link Character} and enums (by name) as
 * strings; {@link Boolean}; integral {@link Number}s, {@link java.math.BigInteger} and
 * {@link java.math.BigDecimal} exactly, other numbers as doubles, NaN and infinities as
 * {@code null}; {@link Map} as an object (keys by {@code toString()}, in the map's iteration
 * order); {@link Iterable} and {@code Object[]} as arrays. No reflection, no pretty-printing.
 *
 * <p>Types read: objects as {@link java.util.LinkedHashMap} (document order), arrays as
 * {@link java.util.ArrayList}, strings as {@link String}, integers that fit as {@link Long}, other
 * numbers as {@link Double}, {@link Boolean} and {@code null}. Both are mutable and owned by the
 * caller.
 */
public final class Json {

    /** Deepest nesting of objects and arrays that {@link #write} and {@link #parse(String)} accept. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Writes a value as compact JSON text. Strings are escaped per RFC 8259 (quote, backslash and
     * control characters), plus U+2028 and U+2029; a lone surrogate is written as U+FFFD, so the
     * result always encodes to valid UTF-8 and never contains a raw line break.
     *
     * @param value a value of the types listed on this class
     * @return the JSON text
     * @throws IllegalArgumentException for a value (or nested value) of another type, a map with a
     *     null key, or nesting deeper than {@link #MAX_DEPTH} (such as a map that contains itself)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        JsonWriter.write(value, out, 0);
        return out.toString();
    }

    /**
     * Appends a value as compact JSON text; as {@link #write(Object)}. On an exception, {@code out}
     * may hold part of the text.
     *
     * @return {@code out}
     */
    public static StringBuilder write(Object value, StringBuilder out) {
        JsonWriter.write(value, out, 0);
        return out;
    }

    /**
     * Parses one JSON text (a value of any kind, surrounded by optional whitespace). Strict: no
     * trailing characters, comments, single quotes, unquoted keys, trailing commas, raw control
     * characters in strings, leading zeros or duplicate keys in one object. Nesting costs no Java
     * stack, so no input causes a {@link StackOverflowError}.
     *
     * @param text the JSON text
     * @return the value, typed as listed on this class
     * @throws JsonParseException when the text is not valid JSON, nests deeper than
     *     {@link #MAX_DEPTH}, or holds a number beyond the range of a double
     * @throws NullPointerException when {@code text} is null
     */
    public static Object parse(String text) {
        return parse(text, MAX_DEPTH);
    }

    /**
     * Parses as {@link #parse(String)} with another nesting limit.
     *
     * @param maxDepth the deepest nesting accepted, at least 1
     * @throws IllegalArgumentException when {@code maxDepth} is below 1
     */
    public static Object parse(String text, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        return new JsonParser(Objects.requireNonNull(text, "text"), maxDepth).parse();
    }

    /**
     * Parses a JSON text that must be an object, such as one line of the slow-query log.
     *
     * @return the object's members in document order
     * @throws JsonParseException when the text is not valid JSON or not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new JsonParseException("expected a JSON object but found " + kindOf(value), 0, 1, 1);
    }

    /** The JSON kind of a value, for messages: "an object", "an array", "a string", "a number", "a boolean", "null". */
    public static String kindOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        } else if (value instanceof Iterable<?>) {
            return "an array";
        } else if (value instanceof CharSequence) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getName();
    }
}
