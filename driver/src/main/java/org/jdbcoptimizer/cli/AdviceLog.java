package org.jdbcoptimizer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.AdviceJson;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.ServedShape;
import org.jdbcoptimizer.analyze.SlowQueryLogFile;
import org.jdbcoptimizer.util.Json;

/**
 * An advice log read back (with its rotated files, oldest first): the latest advice of each
 * database, how many runs it held, and how many lines were not advice. Used by {@code advise},
 * and by {@code report} to show suggestions beside the shapes they serve.
 *
 * @param latest  the latest advice of each database, by display name, in order of first appearance
 * @param runs    advice lines read
 * @param skipped non-blank lines that are not advice
 */
record AdviceLog(Map<String, Advice> latest, int runs, int skipped) {

    /** What {@code optimizer.advisor.file} is called when only its directory is set. */
    static final String DEFAULT_NAME = "advice.jsonl";
    private static final int MAX_LINE_BYTES = 16 << 20;

    static AdviceLog read(Path path) throws IOException {
        Map<String, Advice> latest = new LinkedHashMap<>();
        int runs = 0;
        int skipped = 0;
        for (Path file : SlowQueryLogFile.filesOldestFirst(path)) {
            try (InputStream in = Files.newInputStream(file); LineReader reader = new LineReader(in, MAX_LINE_BYTES)) {
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (line.text() == null || line.text().isBlank()) {
                        continue;
                    }
                    try {
                        Advice advice = AdviceJson.fromMap(Json.parseObject(line.text()));
                        runs++;
                        Advice before = latest.get(advice.database());
                        if (before == null || !advice.at().isBefore(before.at())) {
                            latest.put(advice.database(), advice);
                        }
                    } catch (IllegalArgumentException e) {
                        skipped++;
                    }
                }
            }
        }
        return new AdviceLog(latest, runs, skipped);
    }

    /** A suggestion and what it does for one shape it serves. */
    record Served(IndexSuggestion suggestion, ServedShape shape) {
    }

    /** The latest suggestions by the fingerprint id of each shape they serve. */
    Map<String, List<Served>> byShape() {
        Map<String, List<Served>> out = new LinkedHashMap<>();
        for (Advice advice : latest.values()) {
            for (IndexSuggestion s : advice.suggestions()) {
                for (ServedShape shape : s.shapes()) {
                    out.computeIfAbsent(shape.fingerprintId(), id -> new ArrayList<>()).add(new Served(s, shape));
                }
            }
        }
        return out;
    }
}
