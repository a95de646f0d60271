package org.jdbcoptimizer.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints ranked shapes as a terminal table: one row per shape, then indented lines for its plan
 * findings, N+1 bursts, lints, errors and the index suggestions that serve it. Text from the log is made safe for a terminal (control
 * characters, escape sequences included, become spaces) and cut to fit. Not thread-safe.
 */
final class ReportPrinter {

    private static final String HEADER_FORMAT = "%4s %7s %12s %10s %10s %10s %17s%s%n";
    private static final String ROW_FORMAT = "%4d %,7d %,12.1f %,10.1f %,10.1f %,10.1f %17s%s%n";
    /** Width of a row before the fingerprint column. */
    private static final int FIXED_WIDTH = 4 + 1 + 7 + 1 + 12 + 1 + 10 + 1 + 10 + 1 + 10 + 1 + 17 + 2;
    private static final String INDENT = "       ";
    /** Below this many columns for the fingerprint, it moves to a line of its own under the numbers. */
    private static final int MIN_INLINE_FINGERPRINT = 30;
    private static final int MAX_CALL_SITES = 3;

    private final PrintStream out;
    private final boolean fingerprintOnOwnLine;
    private final int fingerprintWidth;
    private final int detailWidth;
    private final Map<String, List<AdviceLog.Served>> advice;
    private final CacheSnapshots cache;

    /**
     * @param terminalColumns the terminal's width, or 0 when unknown: the fingerprint then gets
     *     100 characters
     */
    ReportPrinter(PrintStream out, int terminalColumns) {
        this(out, terminalColumns, Map.of(), new CacheSnapshots());
    }

    /**
     * @param advice index suggestions by the fingerprint id of the shapes they serve
     * @param cache  the result cache's statistics, for each shape's hit ratio
     */
    ReportPrinter(PrintStream out, int terminalColumns, Map<String, List<AdviceLog.Served>> advice,
                  CacheSnapshots cache) {
        this.out = out;
        this.advice = advice;
        this.cache = cache;
        boolean known = terminalColumns > 0;
        this.fingerprintOnOwnLine = known && terminalColumns - FIXED_WIDTH < MIN_INLINE_FINGERPRINT;
        this.fingerprintWidth = !known ? 100
                : fingerprintOnOwnLine ? terminalColumns - INDENT.length() : terminalColumns - FIXED_WIDTH;
        this.detailWidth = known ? terminalColumns - INDENT.length() : 160;
    }

    void printTable(List<ShapeStats> ranked, int firstRank) {
        out.printf(Locale.ROOT, HEADER_FORMAT, "#", "calls", "total ms", "mean ms", "p95 ms", "max ms",
                "rows total/mean", fingerprintOnOwnLine ? "" : "  fingerprint");
        int rank = firstRank;
        for (ShapeStats shape : ranked) {
            String rows = shape.rowsKnown() == 0 ? "-"
                    : count(shape.rowsTotal()) + " / " + meanCount((double) shape.rowsTotal() / shape.rowsKnown());
            String fingerprint = fit(shape.fingerprint(), fingerprintWidth);
            out.printf(Locale.ROOT, ROW_FORMAT, rank++, shape.calls(), shape.totalMs(), shape.meanMs(),
                    shape.percentileMs(95), shape.maxMs(), rows, fingerprintOnOwnLine ? "" : "  " + fingerprint);
            if (fingerprintOnOwnLine) {
                out.println(INDENT + fingerprint);
            }
            printDetails(shape);
        }
    }

    private void printDetails(ShapeStats shape) {
        Double hitRatio = cache.hitRatio(shape.fingerprintId);
        if (hitRatio != null) {
            out.println(INDENT + String.format(Locale.ROOT, "cache: hit ratio %.1f%%", 100 * hitRatio));
        }
        for (ShapeStats.Finding finding : shape.findings.values()) {
            StringBuilder line = new StringBuilder("plan: ");
            appendWords(line, finding.kind, finding.node, finding.detail);
            for (Map.Entry<String, Object> number : finding.numbers.entrySet()) {
                line.append(' ').append(number.getKey()).append('=').append(formatNumber(number.getValue()));
            }
            if (finding.seen > 1) {
                line.append("  (in ").append(finding.seen).append(" events)");
            }
            detail(line.toString());
        }
        if (shape.nPlusOneBursts() > 0) {
            StringBuilder line = new StringBuilder("N+1: ").append(shape.nPlusOneBursts())
                    .append(shape.nPlusOneBursts() == 1 ? " burst" : " bursts");
            if (shape.nPlusOneMaxCount() > 0) {
                line.append(String.format(Locale.ROOT, " of up to %,d calls", shape.nPlusOneMaxCount()));
            }
            if (shape.nPlusOneTotalMs() > 0) {
                line.append(String.format(Locale.ROOT, ", %,.1f ms in bursts", shape.nPlusOneTotalMs()));
            }
            if (!shape.nPlusOneCallSites.isEmpty()) {
                line.append("; from ").append(callSites(shape));
            }
            detail(line.toString());
        }
        for (Map.Entry<ShapeStats.Lint, Integer> entry : shape.lints.entrySet()) {
            ShapeStats.Lint lint = entry.getKey();
            StringBuilder line = new StringBuilder("lint: ");
            appendWords(line, lint.kind(), lint.message());
            if (lint.fix() != null) {
                line.append(" -> fix: ").append(lint.fix());
            }
            detail(line.toString());
        }
        if (shape.errors() > 0) {
            detail("errors: " + shape.errors() + (shape.lastError() == null || shape.lastError().isEmpty() ? ""
                    : " (last: " + shape.lastError() + ")"));
        }
        for (AdviceLog.Served served : advice.getOrDefault(shape.fingerprintId, List.of())) {
            detail("index: " + served.suggestion().ddl() + effect(served));
        }
    }

    /** Cost before and after for this shape; SQLite has no costs, so its plan nodes instead. */
    private static String effect(AdviceLog.Served served) {
        double before = served.shape().costBefore();
        double after = served.shape().costAfter();
        String proof = served.suggestion().proven() ? "" : " (unproven)";
        if (!Double.isNaN(before) && !Double.isNaN(after)) {
            return String.format(Locale.ROOT, " -> cost %,.1f -> %,.1f%s", before, after, proof);
        }
        if (served.suggestion().nodeBefore() != null && served.suggestion().nodeAfter() != null) {
            return " -> plan " + served.suggestion().nodeBefore() + " -> " + served.suggestion().nodeAfter() + proof;
        }
        return Double.isNaN(before) ? proof : String.format(Locale.ROOT, " -> cost today %,.1f%s", before, proof);
    }

    private static String callSites(ShapeStats shape) {
        List<String> shown = new ArrayList<>();
        Iterator<String> sites = shape.nPlusOneCallSites.iterator();
        while (sites.hasNext() && shown.size() < MAX_CALL_SITES) {
            shown.add(sites.next());
        }
        int more = shape.nPlusOneCallSites.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    private void detail(String text) {
        out.println(INDENT + fit(text, detailWidth));
    }

    private static void appendWords(StringBuilder line, String... words) {
        int start = line.length();
        for (String word : words) {
            if (word != null && !word.isBlank()) {
                if (line.length() > start) {
                    line.append(" | ");
                }
                line.append(word);
            }
        }
    }

    /** A mean count: one decimal below 100 ({@code 1.0}, {@code 2.5}), else as {@link #count}. */
    static String meanCount(double value) {
        return value < 99.95 ? String.format(Locale.ROOT, "%.1f", value) : count(value);
    }

    /**
     * A count in at most 6 characters: {@code 42}, {@code 9,999}, {@code 12.3k}, {@code 120k},
     * {@code 4.5M}.
     */
    static String count(double value) {
        if (value < 9_999.5) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        String[] units = {"k", "M", "G", "T"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 999.5 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, scaled < 99.95 ? "%.1f%s" : "%.0f%s", scaled, units[unit]);
    }

    private static String formatNumber(Object number) {
        if (number instanceof Double value && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf(value.longValue());
        }
        return String.valueOf(number);
    }

    /** Makes text safe for a terminal and cuts it to {@code width} characters, marking a cut with "...". */
    static String fit(String text, int width) {
        StringBuilder safe = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029) {
                space = true;
            } else {
                if (space && safe.length() > 0) {
                    safe.append(' ');
                }
                safe.append(c);
                space = false;
            }
        }
        if (safe.length() <= width) {
            return safe.toString();
        }
        int cut = width - 3;
        if (Character.isHighSurrogate(safe.charAt(cut - 1))) {
            cut--;
        }
        return safe.substring(0, cut) + "...";
    }
}
