package org.jdbcoptimizer.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One option: its name (without the {@code optimizer.} prefix), type, default, accepted range
 * and documentation, declared once in {@link Options}. Parsing and range checks happen here so
 * every source (URL, properties, file, environment) gets the same validation and the same message.
 *
 * @param <T> the value type
 */
public final class Option<T> {

    /** The prefix every option carries in URLs, properties and system properties. */
    public static final String PREFIX = "optimizer.";

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String range;
    private final Parser<T> parser;
    private final String description;

    @FunctionalInterface
    interface Parser<T> {
        /** Returns the value, or throws IllegalArgumentException with the accepted range. */
        T parse(String text);
    }

    private Option(String name, Class<T> type, T defaultValue, String range, Parser<T> parser, String description) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.range = range;
        this.parser = parser;
        this.description = description;
    }

    /** The name without prefix, e.g. {@code pool.maxSize}. */
    public String name() {
        return name;
    }

    /** The name as written in a URL or properties file, e.g. {@code optimizer.pool.maxSize}. */
    public String key() {
        return PREFIX + name;
    }

    /** The environment variable that sets this option, e.g. {@code OPTIMIZER_POOL_MAXSIZE}. */
    public String environmentVariable() {
        return environmentName(name);
    }

    static String environmentName(String optionName) {
        return "OPTIMIZER_" + optionName.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public Class<T> type() {
        return type;
    }

    /** The default, or null when the option has none (it is then simply absent). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Human-readable accepted range, used in error messages and in the README table. */
    public String range() {
        return range;
    }

    public String description() {
        return description;
    }

    /**
     * Parses a value from text.
     *
     * @param text   the raw value
     * @param source where it came from, for the message (e.g. "URL parameter")
     * @throws OptimizerConfigException naming option, value, source and accepted range
     */
    T parse(String text, String source) throws OptimizerConfigException {
        try {
            return parser.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new OptimizerConfigException("Invalid value '" + text + "' for option " + key() + " (from " + source
                    + "): accepted " + range + ". " + description);
        }
    }

    @Override
    public String toString() {
        return key();
    }

    // --- factories used by Options -------------------------------------------------------------

    static Option<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Option<>(name, Boolean.class, defaultValue, "true or false", text -> {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException();
        }, description);
    }

    static Option<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Option<>(name, Integer.class, defaultValue, "an integer from " + min + " to " + max, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, description);
    }

    static Option<Long> bytes(String name, long defaultValue, long min, long max, String description) {
        return new Option<>(name, Long.class, defaultValue,
                "a size from " + min + " to " + max + " bytes (suffixes KB, MB, GB allowed)", text -> {
            long value = parseBytes(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, description);
    }

    /**
     * A duration written as milliseconds ({@code 250}) or with a unit ({@code 250ms}, {@code 30s},
     * {@code 10m}, {@code 1h}). {@code zeroMeansOff} documents that 0 disables the feature.
     */
    static Option<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
                                     boolean zeroMeansOff, String description) {
        String range = (zeroMeansOff ? "0 (off) or " : "") + "a duration from " + format(min) + " to " + format(max)
                + " (e.g. 500ms, 30s, 10m; a bare number is milliseconds)";
        return new Option<>(name, Duration.class, defaultValue, range, text -> {
            Duration value = parseDuration(text);
            if (zeroMeansOff && value.isZero()) {
                return value;
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException();
            }
            return value;
        }, description);
    }

    static Option<Double> fraction(String name, double defaultValue, String description) {
        return new Option<>(name, Double.class, defaultValue, "a number from 0 to 1", text -> {
            double value = Double.parseDouble(text);
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException();
            }
            return value;
        }, description);
    }

    static Option<String> string(String name, String defaultValue, String range, String description) {
        return new Option<>(name, String.class, defaultValue, range, text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return text;
        }, description);
    }

    static <E extends Enum<E>> Option<E> enumeration(String name, Class<E> type, E defaultValue, String description) {
        StringBuilder names = new StringBuilder("one of");
        for (E constant : type.getEnumConstants()) {
            names.append(' ').append(constant.name().toLowerCase(Locale.ROOT));
        }
        return new Option<>(name, type, defaultValue, names.toString(),
                text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)), description);
    }

    static Duration parseDuration(String text) {
        String t = text.toLowerCase(Locale.ROOT).trim();
        long multiplierMillis;
        String digits;
        if (t.endsWith("ms")) {
            multiplierMillis = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            multiplierMillis = 1_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            multiplierMillis = 60_000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            multiplierMillis = 3_600_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            multiplierMillis = 1;
            digits = t;
        }
        long amount = Long.parseLong(digits.trim());
        if (amount < 0) {
            throw new IllegalArgumentException();
        }
        return Duration.ofMillis(Math.multiplyExact(amount, multiplierMillis));
    }

    static long parseBytes(String text) {
        String t = text.toUpperCase(Locale.ROOT).trim();
        long multiplier = 1;
        if (t.endsWith("KB")) {
            multiplier = 1L << 10;
        } else if (t.endsWith("MB")) {
            multiplier = 1L << 20;
        } else if (t.endsWith("GB")) {
            multiplier = 1L << 30;
        }
        if (multiplier != 1) {
            t = t.substring(0, t.length() - 2).trim();
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        long amount = Long.parseLong(t);
        if (amount < 0) {
            throw new IllegalArgumentException();
        }
        return Math.multiplyExact(amount, multiplier);
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0 && ms > 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** Formats a value the way a user would write it, for the README and messages. */
    public static String formatValue(Object value) {
        if (value instanceof Duration) {
            return format((Duration) value);
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
        }
        return Objects.toString(value, "(none)");
    }
}
