package org.jdbcoptimizer.analyze;

import static org.jdbcoptimizer.analyze.SlowLogTesting.event;
import static org.jdbcoptimizer.analyze.SlowLogTesting.readAllFiles;
import static org.jdbcoptimizer.analyze.SlowLogTesting.readEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowQueryLogRotationTest {

    private static final Duration RETRY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeKeepingAtMostMaxFilesAndTheNewestEvents() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 4096, 3)) {
            for (int i = 0; i < 500; i++) {
                log.offer(event("a", i));
                if (i % 7 == 0) {
                    log.flush();
                }
            }
            log.flush();
            assertEquals(500, log.writtenEvents());
        }
        assertEquals(Set.of("slow.jsonl", "slow.jsonl.1", "slow.jsonl.2", "slow.jsonl.3", "slow.jsonl.lock"),
                fileNames());
        for (Path file : SlowQueryLogFile.filesOldestFirst(path)) {
            assertTrue(Files.size(file) <= 4096, file + " has " + Files.size(file) + " bytes");
        }
        List<Map<String, Object>> kept = readAllFiles(path);
        assertFalse(kept.isEmpty());
        long first = (Long) kept.get(0).get("seq");
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(first + i, kept.get(i).get("seq"), "events are contiguous, oldest file first");
        }
        assertEquals(499L, kept.get(kept.size() - 1).get("seq"));
    }

    @Test
    void maxFilesZeroStartsAFreshFileWhenFull() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 2048, 0)) {
            for (int i = 0; i < 100; i++) {
                log.offer(event("a", i));
                log.flush();
            }
        }
        assertEquals(Set.of("slow.jsonl", "slow.jsonl.lock"), fileNames());
        List<Map<String, Object>> kept = readEvents(path);
        assertEquals(99L, kept.get(kept.size() - 1).get("seq"));
        assertTrue(Files.size(path) <= 2048);
    }

    @Test
    void deletesRotatedFilesBeyondALoweredMaxFiles() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        for (int i = 1; i <= 6; i++) {
            Files.writeString(RotatedFiles.rotated(path, i), "{\"old\":" + i + "}\n");
        }
        Files.writeString(path, "x".repeat(1000) + "\n");
        Files.writeString(dir.resolve("slow.jsonl.07"), "not ours");
        Files.writeString(dir.resolve("slow.jsonl.bak"), "not ours");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1024, 2)) {
            log.offer(event("a", 0));
            log.flush();
        }
        assertEquals(Set.of("slow.jsonl", "slow.jsonl.1", "slow.jsonl.2", "slow.jsonl.lock", "slow.jsonl.07",
                "slow.jsonl.bak"), fileNames());
        assertEquals("{\"old\":1}\n", Files.readString(RotatedFiles.rotated(path, 2)));
    }

    @Test
    void twoWritersOnOneFileLoseAndTearNothing() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        int perWriter = 3_000;
        try (SlowQueryLogFile first = new SlowQueryLogFile(path, 16_384, 1000, 10_000, RETRY);
             SlowQueryLogFile second = new SlowQueryLogFile(path, 16_384, 1000, 10_000, RETRY)) {
            Thread other = new Thread(() -> LogWriterProcess.writeInChunks(second, "second", perWriter));
            other.start();
            LogWriterProcess.writeInChunks(first, "first", perWriter);
            other.join();
            assertEquals(perWriter, first.writtenEvents());
            assertEquals(perWriter, second.writtenEvents());
        }
        assertEveryEventOnce(path, Map.of("first", perWriter, "second", perWriter));
        assertTrue(SlowQueryLogFile.filesOldestFirst(path).size() > 20, "the test rotated often");
    }

    @Test
    void twoWritersWithFewFilesKeepEveryLineWholeAndAtMostMaxFiles() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile first = new SlowQueryLogFile(path, 4096, 2, 10_000, RETRY);
             SlowQueryLogFile second = new SlowQueryLogFile(path, 4096, 2, 10_000, RETRY)) {
            Thread other = new Thread(() -> LogWriterProcess.writeInChunks(second, "second", 2_000));
            other.start();
            LogWriterProcess.writeInChunks(first, "first", 2_000);
            other.join();
        }
        assertTrue(fileNames().size() <= 4, fileNames().toString());
        assertFalse(readAllFiles(path).isEmpty());
    }

    @Test
    void anotherProcessAndThisOneShareAFileWithoutLosingOrTearingLines() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        int perWriter = 5_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LogWriterProcess.class.getName(), path.toString(), "16384", "1000", "child", String.valueOf(perWriter))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader childOut = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             SlowQueryLogFile log = new SlowQueryLogFile(path, 16_384, 1000, 10_000, RETRY)) {
            assertEquals("ready", childOut.readLine());
            OutputStream childIn = child.getOutputStream();
            childIn.write('\n');
            childIn.flush();
            LogWriterProcess.writeInChunks(log, "parent", perWriter);
            assertEquals("written=" + perWriter + " dropped=0", childOut.readLine());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            assertEquals(perWriter, log.writtenEvents());
        } finally {
            child.destroyForcibly();
        }
        assertEveryEventOnce(path, Map.of("parent", perWriter, "child", perWriter));
    }

    @Test
    void reopensAFileDeletedUnderIt() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 1)) {
            log.offer(event("a", 0));
            log.flush();
            Files.delete(path);
            log.offer(event("a", 1));
            log.flush();
            assertEquals(List.of(1L), readEvents(path).stream().map(e -> e.get("seq")).toList());
        }
    }

    @Test
    void aTornLastLineStaysAloneOnItsLine() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        Files.writeString(path, "{\"fingerprintId\":\"a\",\"durationMs\":1}\n{\"fingerprintId\":\"b\",\"dur");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 1)) {
            log.offer(event("a", 7));
            log.flush();
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(3, lines.size());
        assertEquals("{\"fingerprintId\":\"b\",\"dur", lines.get(1));
        assertTrue(lines.get(2).endsWith("\"seq\":7}"), lines.get(2));
    }

    private void assertEveryEventOnce(Path path, Map<String, Integer> expected) throws Exception {
        Map<String, Set<Long>> seen = new HashMap<>();
        for (Map<String, Object> event : readAllFiles(path)) {
            Set<Long> sequences = seen.computeIfAbsent((String) event.get("writer"), k -> new HashSet<>());
            assertTrue(sequences.add((Long) event.get("seq")), "duplicate " + event);
        }
        assertEquals(expected.keySet(), seen.keySet());
        for (Map.Entry<String, Integer> writer : expected.entrySet()) {
            assertEquals(writer.getValue(), seen.get(writer.getKey()).size(), writer.getKey() + " lost events");
        }
        // Blank lines are allowed here: a writer that opens the file while another is mid-append may
        // take the tail for a torn line and start with a spare newline (harmless, readers skip it).
    }

    private Set<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
