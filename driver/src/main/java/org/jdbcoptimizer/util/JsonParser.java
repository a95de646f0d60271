package org.jdbcoptimizer.util;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for one JSON text; see {@link Json#parse(String)} for the contract.
 *
 * <p>Design: iterative, not recursive. Open containers live on an explicit stack (with the pending
 * key of each open object on a second one), so nesting depth costs heap, never Java stack, and
 * the depth limit is a plain counter check. One instance parses one text on one thread.
 */
final class JsonParser {

    private final String text;
    private final int maxDepth;
    private int pos;

    JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    Object parse() {
        ArrayDeque<Object> open = new ArrayDeque<>();
        ArrayDeque<String> keys = new ArrayDeque<>();
        skipWhitespace();
        while (true) {
            Object value;
            int start = pos;
            char c = peek("a value");
            if (c == '{' || c == '[') {
                if (open.size() >= maxDepth) {
                    throw error("nesting deeper than " + maxDepth + " objects and arrays", pos);
                }
                pos++;
                skipWhitespace();
                if (c == '{') {
                    open.push(new LinkedHashMap<String, Object>());
                    if (peek("a string key or '}'") != '}') {
                        keys.push(readKey(Map.of()));
                        continue;
                    }
                } else {
                    open.push(new ArrayList<Object>());
                    if (peek("a value or ']'") != ']') {
                        continue;
                    }
                }
                pos++;
                value = open.pop();
            } else {
                value = readScalar(c, start);
            }
            // Attach the finished value to its container; close every container that ends here.
            while (true) {
                if (open.isEmpty()) {
                    skipWhitespace();
                    if (pos < text.length()) {
                        throw error("unexpected " + describe(pos) + " after the JSON value", pos);
                    }
                    return value;
                }
                skipWhitespace();
                if (open.peek() instanceof List<?>) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) open.peek();
                    list.add(value);
                    char next = peek("',' or ']'");
                    pos++;
                    if (next == ',') {
                        skipWhitespace();
                        break;
                    } else if (next != ']') {
                        throw error("expected ',' or ']' but found " + describe(pos - 1), pos - 1);
                    }
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) open.peek();
                    map.put(keys.pop(), value);
                    char next = peek("',' or '}'");
                    pos++;
                    if (next == ',') {
                        skipWhitespace();
                        keys.push(readKey(map));
                        break;
                    } else if (next != '}') {
                        throw error("expected ',' or '}' but found " + describe(pos - 1), pos - 1);
                    }
                }
                value = open.pop();
            }
        }
    }

    /** Reads {@code "key" :} and leaves the position on the value; rejects a key the object already has. */
    private String readKey(Map<String, Object> object) {
        int start = pos;
        if (peek("a string key") != '"') {
            throw error("expected a string key but found " + describe(pos), pos);
        }
        String key = readString();
        if (object.containsKey(key)) {
            throw error("duplicate key \"" + abbreviate(key) + "\"", start);
        }
        skipWhitespace();
        if (peek("':'") != ':') {
            throw error("expected ':' after the key but found " + describe(pos), pos);
        }
        pos++;
        skipWhitespace();
        return key;
    }

    private Object readScalar(char c, int start) {
        switch (c) {
            case '"':
                return readString();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("expected a value but found " + describe(start), start);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value but found " + describe(pos), pos);
        }
        pos += word.length();
        return value;
    }

    private Object readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '0') {
            pos++;
        } else if (digits() == 0) {
            throw error("expected a digit but found " + describe(pos), pos);
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            integral = false;
            if (digits() == 0) {
                throw error("expected a digit after '.' but found " + describe(pos), pos);
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            integral = false;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("expected a digit in the exponent but found " + describe(pos), pos);
            }
        }
        String number = text.substring(start, pos);
        if (integral && pos - start <= 20) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException outOfLongRange) {
                // falls through to a double
            }
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value)) {
            throw error("number " + abbreviate(number) + " is out of range", start);
        }
        return value;
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private String readString() {
        int open = pos++;
        int runStart = pos;
        StringBuilder decoded = null;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string (opened at offset " + open + ")", open);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String run = text.substring(runStart, pos++);
                return decoded == null ? run : decoded.append(run).toString();
            } else if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c)
                        + " inside a string must be escaped", pos);
            } else if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder();
                }
                decoded.append(text, runStart, pos);
                decoded.append(escape());
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    /** Decodes the escape at {@code pos} (a backslash) and moves past it. */
    private char escape() {
        int start = pos;
        if (++pos >= text.length()) {
            throw error("unterminated string (input ends inside an escape)", start);
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("bad escape: \\u needs four hex digits", start);
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos + i), 16);
                    if (digit < 0 || text.charAt(pos + i) > 'f') {
                        throw error("bad escape: \\u needs four hex digits but found "
                                + describe(pos + i), start);
                    }
                    code = code << 4 | digit;
                }
                pos += 4;
                return (char) code;
            default:
                throw error("bad escape \\" + printable(c) + " (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                        start);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek(String expected) {
        if (pos >= text.length()) {
            throw error("expected " + expected + " but found end of input", pos);
        }
        return text.charAt(pos);
    }

    private String describe(int at) {
        return at >= text.length() ? "end of input" : "'" + printable(text.charAt(at)) + "'";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c)
                : String.valueOf(c);
    }

    private static String abbreviate(String word) {
        return word.length() <= 30 ? word : word.substring(0, 27) + "...";
    }

    private JsonParseException error(String reason, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonParseException(reason, offset, line, offset - lineStart + 1);
    }
}
