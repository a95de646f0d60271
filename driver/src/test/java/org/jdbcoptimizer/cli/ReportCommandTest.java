package org.jdbcoptimizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.SlowQueryLogFile;
import org.jdbcoptimizer.analyze.SlowQueryLogSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report over a log written by {@link SlowQueryLogFile}, rotated into several files. */
class ReportCommandTest {

    private static final String ORDERS = "select * from orders where customer_id = ?";
    private static final String ACCOUNTS = "update accounts set balance = ? where id = ?";
    private static final String ITEMS = "select * from items where order_id = ?";

    @TempDir
    Path dir;
    Path log;

    /**
     * Orders: 10 calls of 100..1000 ms (total 5,500; p95 1,000) with a seq-scan finding. Accounts:
     * 2 calls of 3,000 and 4,000 ms (total 7,000), rows unknown, one error. Items: 40 calls of
     * 50 ms (total 2,000) in N+1 bursts from two call sites, with a lint.
     */
    @BeforeEach
    void writeLog() {
        log = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile file = new SlowQueryLogFile(log, 4096, 10)) {
            for (int i = 1; i <= 10; i++) {
                Map<String, Object> event = event("a1", ORDERS, "QUERY", 100.0 * i, 1);
                event.put(SlowQueryLogSchema.PLAN, Map.of(SlowQueryLogSchema.PLAN_FORMAT, "json",
                        SlowQueryLogSchema.PLAN_JSON, List.of(Map.of("Plan", Map.of("Node Type", "Seq Scan"))),
                        SlowQueryLogSchema.PLAN_FINDINGS, List.of(finding(99_000 + i))));
                file.offer(event);
            }
            file.offer(event("b2", ACCOUNTS, "UPDATE", 3000.0, -1));
            Map<String, Object> failed = event("b2", ACCOUNTS, "UPDATE", 4000.0, -1);
            failed.put(SlowQueryLogSchema.ERROR, Map.of(SlowQueryLogSchema.ERROR_SQL_STATE, "57014",
                    SlowQueryLogSchema.ERROR_MESSAGE, "canceling statement due to statement timeout"));
            file.offer(failed);
            for (int i = 0; i < 40; i++) {
                Map<String, Object> event = event("c3", ITEMS, "QUERY", 50.0, 3);
                event.put(SlowQueryLogSchema.LINTS, List.of(Map.of(SlowQueryLogSchema.LINT_KIND, "select-star",
                        SlowQueryLogSchema.LINT_MESSAGE, "SELECT * reads every column",
                        SlowQueryLogSchema.LINT_FIX, "name the columns you use")));
                if (i % 10 == 9) {
                    event.put(SlowQueryLogSchema.N_PLUS_ONE, Map.of(SlowQueryLogSchema.N_PLUS_ONE_COUNT, 10L + i,
                            SlowQueryLogSchema.N_PLUS_ONE_TOTAL_MS, 500.0,
                            SlowQueryLogSchema.N_PLUS_ONE_CALL_SITE, i < 20 ? "com.shop.Orders.items(Orders.java:12)"
                                    : "com.shop.Invoices.print(Invoices.java:88)"));
                }
                file.offer(event);
            }
        }
    }

    private static Map<String, Object> event(String id, String fingerprint, String kind, double millis, long rows) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(SlowQueryLogSchema.TS, SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:00:00Z")));
        event.put(SlowQueryLogSchema.FINGERPRINT, fingerprint);
        event.put(SlowQueryLogSchema.FINGERPRINT_ID, id);
        event.put(SlowQueryLogSchema.SQL, fingerprint.replace("?", "42"));
        event.put(SlowQueryLogSchema.KIND, kind);
        event.put(SlowQueryLogSchema.DURATION_MS, millis);
        event.put(SlowQueryLogSchema.ROWS, rows);
        event.put(SlowQueryLogSchema.POOL, "app");
        event.put(SlowQueryLogSchema.AUTO_COMMIT, true);
        event.put(SlowQueryLogSchema.IN_TRANSACTION, false);
        event.put(SlowQueryLogSchema.PARAMS, List.of("?"));
        event.put(SlowQueryLogSchema.CALL_SITE, "com.shop.Orders.find(Orders.java:7)");
        return event;
    }

    private static Map<String, Object> finding(long rowsRemoved) {
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put(SlowQueryLogSchema.FINDING_KIND, "seq-scan");
        finding.put(SlowQueryLogSchema.FINDING_NODE, "Seq Scan on orders");
        finding.put(SlowQueryLogSchema.FINDING_DETAIL, "Filter: (customer_id = $1)");
        finding.put("rows", 1L);
        finding.put("rowsRemoved", rowsRemoved);
        finding.put("cost", 1834.0);
        return finding;
    }

    @Test
    void readsRotatedFilesAndRanksShapesByTotalTimeWithExactNumbers() throws Exception {
        assertTrue(SlowQueryLogFile.filesOldestFirst(log).size() > 2, "the log was rotated");
        CliRun run = CliRun.run("report", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("Slow-query log " + log + ": 52 events in "
                + SlowQueryLogFile.filesOldestFirst(log).size() + " files, 3 statement shapes, "
                + "2025-01-31T12:00:00.000Z to 2025-01-31T12:00:00.000Z\nRanked by total time:\n"), out);
        assertEquals(List.of(ACCOUNTS, ORDERS, ITEMS), fingerprintsInOrder(out));
        assertTrue(out.contains("   1       2      7,000.0    3,500.0    4,000.0    4,000.0                 -  " + ACCOUNTS),
                out);
        assertTrue(out.contains("   2      10      5,500.0      550.0    1,000.0    1,000.0          10 / 1.0  " + ORDERS),
                out);
        assertTrue(out.contains("   3      40      2,000.0       50.0       50.0       50.0         120 / 3.0  " + ITEMS),
                out);
    }

    @Test
    void printsDeduplicatedFindingsNPlusOneLintsAndErrorsUnderTheirShape() {
        String out = CliRun.run("report", log.toString()).out();
        assertTrue(out.contains("\n       errors: 1 (last: 57014 canceling statement due to statement timeout)\n"), out);
        assertTrue(out.contains("\n       plan: seq-scan | Seq Scan on orders | Filter: (customer_id = $1)"
                + " rows=1 rowsRemoved=99010 cost=1834 (in 10 events)\n"), out);
        assertEquals(1, occurrences(out, "plan: "), out);
        assertTrue(out.contains("\n       N+1: 4 bursts of up to 49 calls, 2,000.0 ms in bursts; from "
                + "com.shop.Orders.items(Orders.java:12), com.shop.Invoices.print(Invoices.java:88)\n"), out);
        assertTrue(out.contains("\n       lint: select-star | SELECT * reads every column -> fix: name the columns you use\n"),
                out);
        assertEquals(1, occurrences(out, "lint: "), out);
        int items = out.indexOf(ITEMS);
        assertTrue(out.indexOf("N+1:") > items && out.indexOf("lint:") > items, "details follow their shape");
        assertTrue(out.indexOf("plan:") > out.indexOf(ORDERS) && out.indexOf("plan:") < items);
    }

    @Test
    void sortsByTheChosenMeasure() {
        assertEquals(List.of(ITEMS, ORDERS, ACCOUNTS), fingerprintsInOrder(CliRun.run("report", log.toString(),
                "--sort", "calls").out()));
        assertEquals(List.of(ACCOUNTS, ORDERS, ITEMS), fingerprintsInOrder(CliRun.run("report", log.toString(),
                "--sort=mean").out()));
        assertEquals(List.of(ACCOUNTS, ORDERS, ITEMS), fingerprintsInOrder(CliRun.run("report", "--sort", "p95",
                log.toString()).out()));
        assertTrue(CliRun.run("report", log.toString(), "--sort", "p95").out().contains("Ranked by 95th percentile time"));
    }

    @Test
    void topLimitsTheShapesShown() {
        CliRun run = CliRun.run("report", log.toString(), "--top", "1");
        assertEquals(0, run.exitCode());
        assertEquals(List.of(ACCOUNTS), fingerprintsInOrder(run.out()));
        assertTrue(run.out().contains("Ranked by total time, top 1:"), run.out());
        assertTrue(run.out().endsWith("\n2 more shapes; --top 3 shows all.\n"), run.out());
    }

    @Test
    void fingerprintsAreCutToTheTerminalWidthOrAHundredCharacters() throws Exception {
        Path wide = dir.resolve("wide.jsonl");
        String longFingerprint = "select " + "a_column, ".repeat(30) + "z from t where x = ?";
        try (SlowQueryLogFile file = new SlowQueryLogFile(wide, 1 << 20, 1)) {
            file.offer(event("w", longFingerprint, "QUERY", 5.0, 1));
        }
        String defaultWidth = CliRun.run("report", wide.toString()).out();
        assertTrue(defaultWidth.contains("  " + longFingerprint.substring(0, 97) + "...\n"), defaultWidth);

        String narrow = CliRun.runWithEnvironment(Map.of("COLUMNS", "120"), "report", wide.toString()).out();
        String row = narrow.lines().filter(line -> line.contains("select a_column")).findFirst().orElseThrow();
        assertEquals(120, row.length(), row);
        assertTrue(row.endsWith("..."), row);

        String option = CliRun.runWithEnvironment(Map.of("COLUMNS", "120"), "report", wide.toString(), "--width", "90")
                .out();
        List<String> lines = option.lines().toList();
        int fingerprintLine = lines.indexOf(lines.stream().filter(line -> line.contains("select a_column")).findFirst()
                .orElseThrow());
        assertEquals(90, lines.get(fingerprintLine).length(), "a narrow terminal gets the fingerprint on its own line");
        assertTrue(lines.get(fingerprintLine).startsWith("       select a_column"), lines.get(fingerprintLine));
        assertTrue(lines.get(fingerprintLine - 1).matches("^ {3}1 +1 +5\\.0 .*1 / 1\\.0$"), lines.get(fingerprintLine - 1));
    }

    @Test
    void textFromTheLogCannotControlTheTerminal() throws Exception {
        Path hostile = dir.resolve("hostile.jsonl");
        try (SlowQueryLogFile file = new SlowQueryLogFile(hostile, 1 << 20, 1)) {
            file.offer(event("h", "select \u001b[2J\u001b]0;owned\u0007 1\nfrom\tt \u202e", "QUERY", 5.0, 1));
        }
        String out = CliRun.run("report", hostile.toString()).out();
        assertFalse(out.contains("\u001b") || out.contains("\u0007") || out.contains("\u202e"), out);
        assertTrue(out.contains("  select [2J ]0;owned 1 from t\n"), out);
    }

    @Test
    void percentilesAreExactNearestRank() {
        ShapeStats shape = new ShapeStats("p");
        for (int i = 100; i >= 1; i--) {
            shape.add(Map.of(SlowQueryLogSchema.FINGERPRINT_ID, "p", SlowQueryLogSchema.DURATION_MS, (double) i));
        }
        assertEquals(95.0, shape.percentileMs(95));
        assertEquals(50.0, shape.percentileMs(50));
        assertEquals(100.0, shape.maxMs());
        assertEquals(1.0, shape.percentileMs(0));
        ShapeStats one = new ShapeStats("o");
        one.add(Map.of(SlowQueryLogSchema.FINGERPRINT_ID, "o", SlowQueryLogSchema.DURATION_MS, 7L));
        assertEquals(7.0, one.percentileMs(95));
    }

    @Test
    void countsFitTheRowsColumn() {
        assertEquals("1.0", ReportPrinter.meanCount(1));
        assertEquals("2.5", ReportPrinter.meanCount(2.5));
        assertEquals("99.9", ReportPrinter.meanCount(99.94));
        assertEquals("120", ReportPrinter.meanCount(119.6));
        assertEquals("12.3k", ReportPrinter.meanCount(12_345.6));
        assertEquals("120", ReportPrinter.count(120));
        assertEquals("9,999", ReportPrinter.count(9_999));
        assertEquals("10.0k", ReportPrinter.count(10_000));
        assertEquals("120k", ReportPrinter.count(120_000));
        assertEquals("1.0M", ReportPrinter.count(999_999));
        assertEquals("4.5M", ReportPrinter.count(4_500_000));
        assertEquals("9223372T", ReportPrinter.count(Long.MAX_VALUE));
    }

    private static List<String> fingerprintsInOrder(String out) {
        return out.lines().filter(line -> line.matches("^ {0,3}\\d+ +\\d.*"))
                .map(line -> line.substring(78)).toList();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void aLogWithOnlyTheCurrentFileNeedsNoSiblings() throws Exception {
        Path single = dir.resolve("single.jsonl");
        Files.writeString(single, "{\"fingerprintId\":\"x\",\"durationMs\":2.5,\"fingerprint\":\"select 1\"}\n");
        CliRun run = CliRun.run("report", single.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Slow-query log " + single + ": 1 event in 1 file, 1 statement shape\n"),
                run.out());
    }
}
