package org.jdbcoptimizer.analyze;

import static org.jdbcoptimizer.analyze.SlowLogTesting.event;
import static org.jdbcoptimizer.analyze.SlowLogTesting.readEvents;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real file-system faults: a directory that cannot exist (its parent is a regular file, which
 * fails even for root) and a full disk ({@code /dev/full}, which fails every write with ENOSPC).
 */
class SlowQueryLogFaultTest {

    private static final Duration RETRY = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void anImpossibleDirectoryDropsEventsLogsOnceAndRecoversWhenFixed() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a regular file, not a directory");
        Path path = blocker.resolve("logs/slow.jsonl");
        try (LogCapture capture = new LogCapture();
             SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 2, 1_000, RETRY)) {
            for (int i = 0; i < 50; i++) {
                int sequence = i;
                assertDoesNotThrow(() -> log.offer(event("a", sequence)));
                if (i % 10 == 0) {
                    Thread.sleep(RETRY.toMillis() / 4);
                }
            }
            log.flush();
            assertEquals(0, log.writtenEvents());
            assertEquals(50, log.droppedEvents());
            List<String> warnings = capture.warningsMentioning(path.toAbsolutePath().toString());
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("cannot create or open the file"), warnings.get(0));
            assertTrue(warnings.get(0).contains("retried every 200 ms"), warnings.get(0));

            Files.delete(blocker);
            Thread.sleep(RETRY.toMillis() + 100);
            for (int i = 50; i < 60; i++) {
                log.offer(event("a", i));
            }
            log.flush();
            assertEquals(10, log.writtenEvents());
            assertEquals(50, log.droppedEvents());
            assertEquals(10, readEvents(path).size());
            assertEquals(1, capture.messagesMentioning("writing again").size());
            assertEquals(1, capture.warningsMentioning(path.toAbsolutePath().toString()).size());
        }
    }

    @Test
    void aFullDiskDropsEventsLogsOnceAndRecoversWhenSpaceReturns() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full) && Files.isWritable(full), "needs /dev/full");
        Path path = dir.resolve("slow.jsonl");
        Files.createSymbolicLink(path, full);
        try (LogCapture capture = new LogCapture();
             SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 2, 1_000, RETRY)) {
            for (int i = 0; i < 20; i++) {
                assertTrue(log.offer(event("a", i)));
                log.flush();
            }
            assertEquals(0, log.writtenEvents());
            assertEquals(20, log.droppedEvents());
            List<String> warnings = capture.warningsMentioning(path.toAbsolutePath().toString());
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("cannot write to the file"), warnings.get(0));
            assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));

            Files.delete(path);
            Thread.sleep(RETRY.toMillis() + 100);
            log.offer(event("a", 20));
            log.flush();
            assertEquals(1, log.writtenEvents());
            assertEquals(1, readEvents(path).size());
        }
    }

    @Test
    void aSecondFailureAfterRecoveryIsLoggedAgain() throws Exception {
        Path blocker = dir.resolve("blocker");
        Path path = blocker.resolve("slow.jsonl");
        Files.writeString(blocker, "x");
        try (LogCapture capture = new LogCapture();
             SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 2, 1_000, RETRY)) {
            log.flush();
            Files.delete(blocker);
            Thread.sleep(RETRY.toMillis() + 100);
            log.offer(event("a", 0));
            log.flush();
            assertEquals(1, log.writtenEvents());

            // Break it again: replace the directory by a file; the open channel's file is gone.
            Files.delete(path);
            Files.delete(blocker.resolve("slow.jsonl.lock"));
            Files.delete(blocker);
            Files.writeString(blocker, "x");
            log.offer(event("a", 1));
            log.flush();
            assertEquals(1, log.droppedEvents());
            assertEquals(2, capture.warningsMentioning(path.toAbsolutePath().toString()).size());
        }
    }
}
