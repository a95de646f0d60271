package org.jdbcoptimizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.AdviceJson;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.ServedShape;
import org.jdbcoptimizer.analyze.SlowQueryLogFile;
import org.jdbcoptimizer.analyze.SlowQueryLogSchema;
import org.jdbcoptimizer.util.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} with an advice log: each suggestion under the slow shapes it serves, and only there. */
class ReportWithAdviceTest {

    private static final String ORDERS = "select id from orders where customer_id = ?";
    private static final String ITEMS = "select id from items where sku = ?";
    private static final String DDL = "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id)";

    @TempDir
    Path dir;
    Path log;

    @BeforeEach
    void writeLog() {
        log = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile file = new SlowQueryLogFile(log, 1 << 20, 2)) {
            for (int i = 0; i < 3; i++) {
                file.offer(event("a1", ORDERS));
                file.offer(event("c3", ITEMS));
            }
        }
    }

    private static Map<String, Object> event(String id, String fingerprint) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(SlowQueryLogSchema.TS, SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:00:00Z")));
        event.put(SlowQueryLogSchema.FINGERPRINT, fingerprint);
        event.put(SlowQueryLogSchema.FINGERPRINT_ID, id);
        event.put(SlowQueryLogSchema.SQL, fingerprint.replace("?", "42"));
        event.put(SlowQueryLogSchema.KIND, "QUERY");
        event.put(SlowQueryLogSchema.DURATION_MS, 250.0);
        event.put(SlowQueryLogSchema.ROWS, 1L);
        event.put(SlowQueryLogSchema.POOL, "app");
        return event;
    }

    private static void writeAdvice(Path file, String servedId) throws Exception {
        IndexSuggestion s = new IndexSuggestion("public.orders", List.of("customer_id"), List.of(), null, DDL,
                List.of(new ServedShape(servedId, ORDERS, 3, 750_000_000L, 1234.5, 8.0)), 1234.5, 8.0,
                "Seq Scan on orders", "Index Scan using orders_customer_id_idx on orders", 1 << 20, 0.5, true);
        Advice advice = new Advice("postgresql://db/app", Instant.parse("2025-01-31T12:05:00Z"), true, List.of(s),
                List.of(), List.of(), List.of());
        Files.writeString(file, Json.write(AdviceJson.toMap(advice)) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void adviceNextToTheLogIsShownUnderTheShapeItServes() throws Exception {
        writeAdvice(dir.resolve("advice.jsonl"), "a1");
        CliRun run = CliRun.run("report", log.toString(), "--width", "200");
        assertEquals(Main.OK, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("Index advice " + dir.resolve("advice.jsonl") + ": 1 suggestion"), out);
        List<String> lines = out.lines().toList();
        int orders = indexOf(lines, ORDERS);
        int items = indexOf(lines, ITEMS);
        int index = indexOf(lines, "index: " + DDL + " -> cost 1,234.5 -> 8.0");
        assertTrue(index > orders && (items < orders || index < items), "under the orders shape:\n" + out);
        assertEquals(1, lines.stream().filter(l -> l.contains(DDL)).count(), out);
    }

    @Test
    void adviceGivenWithTheOptionIsUsedAndAMissingOneIsAnError() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("my-advice.jsonl");
        writeAdvice(elsewhere, "a1");
        CliRun run = CliRun.run("report", log.toString(), "--advice", elsewhere.toString());
        assertEquals(Main.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("index: " + DDL), run.out());

        CliRun missing = CliRun.run("report", log.toString(), "--advice", dir.resolve("nope.jsonl").toString());
        assertEquals(Main.FAILED, missing.exitCode());
        assertTrue(missing.err().contains("nope.jsonl: no such advice file"), missing.err());
    }

    @Test
    void withoutAdviceOrForOtherShapesNothingIsAdded() throws Exception {
        CliRun plain = CliRun.run("report", log.toString());
        assertEquals(Main.OK, plain.exitCode(), plain.err());
        assertFalse(plain.out().contains("index:"), plain.out());
        assertFalse(plain.out().contains("Index advice"), plain.out());

        writeAdvice(dir.resolve("advice.jsonl"), "ffff");
        CliRun other = CliRun.run("report", log.toString());
        assertEquals(Main.OK, other.exitCode(), other.err());
        assertFalse(other.out().contains("index:"), other.out());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text + " in\n" + String.join("\n", lines));
    }
}
