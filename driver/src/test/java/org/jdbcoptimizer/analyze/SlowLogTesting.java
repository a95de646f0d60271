package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.util.Json;
import org.jdbcoptimizer.util.JsonParseException;

/** Events and checks shared by the slow-query log tests. */
final class SlowLogTesting {

    private SlowLogTesting() {
    }

    /** A realistic event; its size varies with {@code sequence} so that lines cross block and file limits at odd places. */
    static Map<String, Object> event(String writer, long sequence) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(SlowQueryLogSchema.TS, SlowQueryLogSchema.timestamp(Instant.now()));
        event.put(SlowQueryLogSchema.FINGERPRINT, "select * from orders where customer_id = ?");
        event.put(SlowQueryLogSchema.FINGERPRINT_ID, "5f1d" + (sequence % 7));
        event.put(SlowQueryLogSchema.SQL, "select * from orders where customer_id = " + sequence + " -- "
                + "é\u2028\"\\\n".repeat((int) (sequence % 13)));
        event.put(SlowQueryLogSchema.KIND, "QUERY");
        event.put(SlowQueryLogSchema.DURATION_MS, 100.0 + sequence % 50);
        event.put(SlowQueryLogSchema.ROWS, sequence % 10);
        event.put(SlowQueryLogSchema.POOL, "test-pool");
        event.put(SlowQueryLogSchema.AUTO_COMMIT, true);
        event.put(SlowQueryLogSchema.IN_TRANSACTION, false);
        event.put(SlowQueryLogSchema.PARAMS, List.of("?"));
        event.put(SlowQueryLogSchema.CALL_SITE, "com.shop.OrderDao.find(OrderDao.java:42)");
        event.put("writer", writer);
        event.put("seq", sequence);
        return event;
    }

    /** Every line of the file, parsed; fails the test on a line that is not a JSON object. */
    static List<Map<String, Object>> readEvents(Path file) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            try {
                events.add(Json.parseObject(line));
            } catch (JsonParseException e) {
                fail(file + " line " + (i + 1) + " is not a JSON object (" + e.getMessage() + "): "
                        + line.substring(0, Math.min(200, line.length())));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length == 0 || bytes[bytes.length - 1] == '\n', file + " does not end with a newline");
        return events;
    }

    /** The events of every file of a log, oldest file first. */
    static List<Map<String, Object>> readAllFiles(Path log) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Path file : SlowQueryLogFile.filesOldestFirst(log)) {
            events.addAll(readEvents(file));
        }
        return events;
    }

    static void assertNoBlankLines(Path file) throws IOException {
        assertFalse(Files.readString(file).contains("\n\n"), file + " has a blank line");
    }
}
