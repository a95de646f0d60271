package org.jdbcoptimizer.examples.demo;

import java.util.Locale;

/** How the demo writes numbers for a person: grouped counts, durations in the unit that reads best. */
final class Units {

    private Units() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** Nanoseconds as "850 ns", "412 us", "2.31 ms" or "1.20 s" (ASCII, so any terminal shows it). */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Bytes as "512 B", "340 KiB" or "1.5 MiB". */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** A fraction as a percentage with one decimal, e.g. "81.2%". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Cents as a price, e.g. "123.45". */
    static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    }

    /** How many times larger {@code a} is than {@code b}, e.g. "3.4x"; "-" when b is zero. */
    static String ratio(double a, double b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.1fx", a / b);
    }
}
