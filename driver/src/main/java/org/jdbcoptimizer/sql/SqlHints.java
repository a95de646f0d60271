package org.jdbcoptimizer.sql;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Optimizer hints written in comments of a statement, for example
 * <code>/* optimizer:cache ttl=30s *&#47;</code> or <code>-- optimizer:nocache</code>.
 *
 * <p>A hint comment's text starts with {@code optimizer:}; the rest is a list of items separated
 * by spaces or commas. {@code key=value} sets a key; the bare word {@code nocache} sets
 * {@code cache=false}; any other bare word sets {@code word=true}. Keys are lower-cased, values
 * kept as written. When several hint comments set a key, the last wins. Comments anywhere in the
 * statement count; hints do not change the fingerprint. Immutable and thread-safe.
 */
public final class SqlHints {

    static final SqlHints NONE = new SqlHints(Map.of());
    private static final String PREFIX = "optimizer:";

    private final Map<String, String> values;

    private SqlHints(Map<String, String> values) {
        this.values = values;
    }

    /** All hints, keys lower-case; empty when there are none. Unmodifiable. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code key} (case-insensitive), or null. */
    public String get(String key) {
        return key == null ? null : values.get(key.toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code cache} as a boolean: true for {@code cache}/{@code cache=true}, false for {@code nocache}. */
    public Optional<Boolean> cache() {
        String v = values.get("cache");
        if (v == null) {
            return Optional.empty();
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Optional.of(true);
            case "false", "off", "no", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * {@code ttl} as a duration: a whole number with an optional unit {@code ms}, {@code s}
     * (default), {@code m}, {@code h} or {@code d}. Empty if absent or not in that form.
     */
    public Optional<Duration> ttl() {
        return parseDuration(values.get("ttl"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlHints h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "SqlHints" + values;
    }

    /** Hints from the comment tokens among {@code tokens}. */
    static SqlHints fromComments(List<Token> tokens) {
        Map<String, String> map = null;
        for (Token t : tokens) {
            if (!t.type().isComment()) {
                continue;
            }
            String body = commentBody(t);
            if (!body.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            if (map == null) {
                map = new LinkedHashMap<>();
            }
            for (String item : body.substring(PREFIX.length()).trim().split("[\\s,]+")) {
                addItem(map, item);
            }
        }
        return map == null || map.isEmpty() ? NONE : new SqlHints(Collections.unmodifiableMap(map));
    }

    private static void addItem(Map<String, String> map, String item) {
        if (item.isEmpty()) {
            return;
        }
        int eq = item.indexOf('=');
        if (eq > 0) {
            map.put(item.substring(0, eq).toLowerCase(Locale.ROOT), item.substring(eq + 1));
        } else if (eq < 0) {
            String word = item.toLowerCase(Locale.ROOT);
            if (word.equals("nocache")) {
                map.put("cache", "false");
            } else {
                map.put(word, "true");
            }
        }
    }

    private static String commentBody(Token t) {
        String s = t.text();
        if (t.is(TokenType.LINE_COMMENT)) {
            return s.substring(2).trim();
        }
        int end = s.endsWith("*/") && s.length() >= 4 ? s.length() - 2 : s.length();
        return s.substring(2, end).trim();
    }

    static Optional<Duration> parseDuration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            return Optional.empty();
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i)) {
            case "ms" -> Optional.of(Duration.ofMillis(n));
            case "", "s" -> Optional.of(Duration.ofSeconds(n));
            case "m" -> Optional.of(Duration.ofMinutes(n));
            case "h" -> Optional.of(Duration.ofHours(n));
            case "d" -> Optional.of(Duration.ofDays(n));
            default -> Optional.empty();
        };
    }
}
