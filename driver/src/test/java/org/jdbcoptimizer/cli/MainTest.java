package org.jdbcoptimizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments and bad inputs: each gets a clear message on stderr and its exit code. */
class MainTest {

    private static final String EVENT = "{\"ts\":\"2025-01-31T12:00:00.000Z\",\"fingerprint\":\"select 1\","
            + "\"fingerprintId\":\"f1\",\"durationMs\":12.5,\"rows\":1}\n";

    @TempDir
    Path dir;

    @Test
    void helpPrintsTheUsageOnStdout() {
        CliRun run = CliRun.run("help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: java -jar jdbc-optimizer.jar <command> [arguments]"), run.out());
        assertTrue(run.out().contains("  report <log file> [--top N] [--sort total|mean|p95|calls] [--width N] [--advice FILE]\n"),
                run.out());
        assertEquals("", run.err());
        assertEquals(0, CliRun.run("--help").exitCode());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("jdbc-optimizer: missing a command\nUsage:"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.run("frobnicate", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("jdbc-optimizer: unknown command 'frobnicate'\nUsage:"), run.err());
    }

    @Test
    void wrongReportArgumentsAreUsageErrors() {
        assertUsageError("missing the log file, e.g. report logs/slow.jsonl", "report");
        assertUsageError("--top needs a whole number of at least 1, got 'x'", "report", "a.jsonl", "--top", "x");
        assertUsageError("--top needs a whole number of at least 1, got '0'", "report", "a.jsonl", "--top=0");
        assertUsageError("--top needs a value", "report", "a.jsonl", "--top");
        assertUsageError("--sort needs one of total, mean, p95, calls; got 'median'", "report", "a.jsonl", "--sort",
                "median");
        assertUsageError("--width needs a whole number of at least 60, got '10'", "report", "a.jsonl", "--width", "10");
        assertUsageError("unknown option '--colour'", "report", "a.jsonl", "--colour");
        assertUsageError("one log file expected, got 'a.jsonl' and 'b.jsonl'", "report", "a.jsonl", "b.jsonl");
    }

    private static void assertUsageError(String message, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("jdbc-optimizer report: " + message + "\nUsage:"), run.err());
    }

    @Test
    void aMissingFileFails() {
        Path missing = dir.resolve("nope.jsonl");
        assertFails("jdbc-optimizer report: " + missing + ": no such file\n", "report", missing.toString());
    }

    @Test
    void aDirectoryFails() {
        assertFails("jdbc-optimizer report: " + dir + " is a directory; give the slow-query log file in it, e.g. "
                + dir.resolve("slow.jsonl") + "\n", "report", dir.toString());
    }

    @Test
    void anEmptyFileFails() throws Exception {
        Path empty = Files.createFile(dir.resolve("slow.jsonl"));
        assertFails("jdbc-optimizer report: " + empty + " is empty: no slow statements have been logged\n", "report",
                empty.toString());
        Files.writeString(empty, "\n  \n\n");
        assertFails("jdbc-optimizer report: " + empty + " is empty: no slow statements have been logged\n", "report",
                empty.toString());
    }

    @Test
    void aPlainTextFileIsNotALog() throws Exception {
        Path text = Files.writeString(dir.resolve("postgresql.log"),
                "2025-01-31 12:00:00 UTC LOG:  duration: 1500.123 ms  statement: select 1\n");
        assertFails(text + " is not a jdbc-optimizer slow-query log (line 1: not JSON: unexpected '-' after the JSON value"
                + " at column 5)\n", "report", text.toString());
        Files.writeString(text, "LOG:  duration: 1500.123 ms  statement: select 1\n");
        assertFails(text + " is not a jdbc-optimizer slow-query log (line 1: not JSON: expected a value but found 'L'"
                + " at column 1)\n", "report", text.toString());
    }

    @Test
    void jsonWithoutOurFieldsIsNotALog() throws Exception {
        Path json = Files.writeString(dir.resolve("events.jsonl"), "{\"level\":\"info\",\"msg\":\"started\"}\n");
        assertFails(json + " is not a jdbc-optimizer slow-query log (line 1: a JSON object without the fields "
                + "fingerprintId (string) and durationMs (number))\n", "report", json.toString());
        Files.writeString(json, "\n[1,2,3]\n");
        assertFails(json + " is not a jdbc-optimizer slow-query log (line 2: not a JSON object but an array)\n",
                "report", json.toString());
    }

    @Test
    void aBinaryFileIsNotALog() throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(1).nextBytes(bytes);
        Path binary = Files.write(dir.resolve("data.bin"), bytes);
        CliRun run = CliRun.run("report", binary.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith(binary + " is not a jdbc-optimizer slow-query log (line 1: not JSON: "), run.err());
        assertTrue(run.err().length() < 400, run.err());
    }

    @Test
    void aTruncatedLastLineIsSkippedWithAWarning() throws Exception {
        Path log = Files.writeString(dir.resolve("slow.jsonl"), EVENT + EVENT + EVENT.substring(0, 40));
        CliRun run = CliRun.run("report", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("warning: skipped 1 incomplete last line (a writer stopped in the middle of a line)\n", run.err());
        assertTrue(run.out().contains(": 2 events in 1 file, 1 statement shape"), run.out());
    }

    @Test
    void warningsNameTheFirstStrayLineNotTheTruncatedOne() throws Exception {
        Files.writeString(dir.resolve("slow.jsonl.1"), EVENT + "{\"fingerprintId\":\"f");
        Path log = Files.writeString(dir.resolve("slow.jsonl"), EVENT + "[]\n" + EVENT);
        CliRun run = CliRun.run("report", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("warning: skipped 1 incomplete last line (a writer stopped in the middle of a line)\n"
                + "warning: skipped 1 line that is not a slow-query event (first: line 2: not a JSON object but an array)\n",
                run.err());
    }

    @Test
    void aStrayLineIsSkippedWithAWarningNamingIt() throws Exception {
        Path log = Files.writeString(dir.resolve("slow.jsonl"), EVENT + "oops\n" + EVENT);
        Files.writeString(dir.resolve("slow.jsonl.1"), EVENT + "{\"x\":1}\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run("report", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("warning: skipped 2 lines that are not slow-query events (first: slow.jsonl.1 line 2: a JSON "
                + "object without the fields fingerprintId (string) and durationMs (number))\n", run.err());
        assertTrue(run.out().contains(": 3 events in 2 files, 1 statement shape"), run.out());
    }

    @Test
    void aHugeLineIsSkippedWithoutReadingItIntoMemory() throws Exception {
        Path log = dir.resolve("slow.jsonl");
        try (var out = Files.newOutputStream(log)) {
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) {
                out.write(chunk);
            }
            out.write('\n');
            out.write(EVENT.getBytes(StandardCharsets.UTF_8));
        }
        CliRun run = CliRun.run("report", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("warning: skipped 1 line that is not a slow-query event (first: line 1: a line longer than 16 MiB)\n",
                run.err());
        assertTrue(run.out().contains(": 1 event in 1 file"), run.out());
    }

    private static void assertFails(String err, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(err, run.err());
        assertEquals("", run.out());
    }
}
