package org.jdbcoptimizer.config;

import java.time.Duration;

/** Durations as users write them in options and hints: {@code 250} (ms), {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h}. */
public final class Durations {

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a non-negative duration
     */
    public static Duration parse(String text) {
        return Option.parseDuration(text);
    }
}
