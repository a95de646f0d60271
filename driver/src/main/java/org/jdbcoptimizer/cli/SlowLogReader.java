package org.jdbcoptimizer.cli;

import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.DURATION_MS;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.EVENT;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.EVENT_CACHE_STATS;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.FINGERPRINT_ID;
import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.TS;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.util.Json;
import org.jdbcoptimizer.util.JsonParseException;

/**
 * Reads the files of a slow-query log and groups their events by shape. Lines that are not
 * events are counted and skipped, never fatal: a log may end in a line cut short by a writer that
 * was killed, and a file may hold a stray line. The caller decides what an input without any
 * event means. Not thread-safe.
 */
final class SlowLogReader {

    /** The longest line read; a longer one is skipped as not an event. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** Where a line that is not an event was found, and why it is not one. */
    record Problem(Path file, int line, String reason) {
    }

    private final Map<String, ShapeStats> shapes = new LinkedHashMap<>();
    private final CacheSnapshots cache = new CacheSnapshots();
    private final List<Path> files = new ArrayList<>();
    private long events;
    private long nonBlankLines;
    private long skippedLines;
    private long truncatedLines;
    private Problem firstProblem;
    private Problem firstSkipped;
    private String firstTimestamp;
    private String lastTimestamp;

    /** Reads one file; call in order, oldest file first. */
    void read(Path file) throws IOException {
        files.add(file);
        try (LineReader lines = new LineReader(new BufferedInputStream(Files.newInputStream(file)), MAX_LINE_BYTES)) {
            LineReader.Line line;
            while ((line = lines.next()) != null) {
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                nonBlankLines++;
                String problem = addEvent(line.text());
                if (problem == null) {
                    continue;
                }
                Problem where = new Problem(file, line.number(), problem);
                if (!line.terminated()) {
                    truncatedLines++;
                } else {
                    skippedLines++;
                    firstSkipped = firstSkipped == null ? where : firstSkipped;
                }
                firstProblem = firstProblem == null ? where : firstProblem;
            }
        }
    }

    /** Adds the line's event; returns why it is not one, or null. */
    private String addEvent(String text) {
        if (text == null) {
            return "a line longer than " + (MAX_LINE_BYTES >> 20) + " MiB";
        }
        Map<String, Object> event;
        try {
            Object value = Json.parse(text);
            if (!(value instanceof Map<?, ?>)) {
                return "not a JSON object but " + Json.kindOf(value);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            event = object;
        } catch (JsonParseException e) {
            return "not JSON: " + e.reason() + " at column " + e.column();
        }
        if (EVENT_CACHE_STATS.equals(event.get(EVENT))) {
            return cache.add(event) ? null : "a cacheStats line without database, process and cache";
        }
        if (!(event.get(FINGERPRINT_ID) instanceof String id) || id.isEmpty()
                || !(event.get(DURATION_MS) instanceof Number duration) || !Double.isFinite(duration.doubleValue())) {
            return "a JSON object without the fields " + FINGERPRINT_ID + " (string) and " + DURATION_MS + " (number)";
        }
        shapes.computeIfAbsent(id, ShapeStats::new).add(event);
        events++;
        if (event.get(TS) instanceof String ts) {
            firstTimestamp = firstTimestamp == null || ts.compareTo(firstTimestamp) < 0 ? ts : firstTimestamp;
            lastTimestamp = lastTimestamp == null || ts.compareTo(lastTimestamp) > 0 ? ts : lastTimestamp;
        }
        return null;
    }

    Map<String, ShapeStats> shapes() {
        return shapes;
    }

    /** The result cache's statistics from the log's cacheStats lines. */
    CacheSnapshots cache() {
        return cache;
    }

    List<Path> files() {
        return files;
    }

    long events() {
        return events;
    }

    /** Lines that held anything but whitespace. */
    long nonBlankLines() {
        return nonBlankLines;
    }

    /** Complete lines that are not events. */
    long skippedLines() {
        return skippedLines;
    }

    /** Final lines without a newline that are not events: cut short by a writer that stopped. */
    long truncatedLines() {
        return truncatedLines;
    }

    /** The first line that is not an event, or null. */
    Problem firstProblem() {
        return firstProblem;
    }

    /** The first complete line that is not an event, or null. */
    Problem firstSkipped() {
        return firstSkipped;
    }

    String firstTimestamp() {
        return firstTimestamp;
    }

    String lastTimestamp() {
        return lastTimestamp;
    }
}
