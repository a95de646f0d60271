package org.jdbcoptimizer.analyze;

import static org.jdbcoptimizer.analyze.SlowLogTesting.event;
import static org.jdbcoptimizer.analyze.SlowLogTesting.readEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowQueryLogFileTest {

    @TempDir
    Path dir;

    @Test
    void writesOneJsonLinePerEventInOfferOrderKeepingFieldOrder() throws Exception {
        Path path = dir.resolve("logs/slow.jsonl");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 10_000_000, 3)) {
            for (int i = 0; i < 100; i++) {
                assertTrue(log.offer(event("a", i)));
            }
            log.flush();
            assertEquals(100, log.writtenEvents());
            assertEquals(0, log.droppedEvents());
        }
        List<Map<String, Object>> events = readEvents(path);
        assertEquals(100, events.size());
        for (int i = 0; i < 100; i++) {
            Map<String, Object> written = events.get(i);
            assertEquals((long) i, written.get("seq"));
            assertEquals(new ArrayList<>(event("a", i).keySet()), new ArrayList<>(written.keySet()));
            assertEquals(event("a", i).get(SlowQueryLogSchema.SQL), written.get(SlowQueryLogSchema.SQL));
        }
        SlowLogTesting.assertNoBlankLines(path);
    }

    @Test
    void manyThreadsOfferingConcurrentlyEveryLineParsesAndCountsMatch() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        int threads = 16;
        int perThread = 5_000;
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1L << 30, 1, 500, Duration.ofSeconds(30))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String writer = "t" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        (log.offer(event(writer, i)) ? accepted : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            log.flush();
            assertEquals(threads * perThread, log.writtenEvents() + log.droppedEvents());
            assertEquals(accepted.get(), log.writtenEvents());
            assertEquals(refused.get(), log.droppedEvents());
            List<Map<String, Object>> events = readEvents(path);
            assertEquals(log.writtenEvents(), events.size());
            Set<String> unique = new HashSet<>();
            for (Map<String, Object> written : events) {
                assertTrue(unique.add(written.get("writer") + "/" + written.get("seq")), "duplicate " + written);
            }
        }
    }

    @Test
    void offerNeverBlocksWhileTheWriterIsStalled() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                new LogFileLock(path.toAbsolutePath()).run(() -> {
                    stalled.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        holder.start();
        stalled.await();
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 1, 10, Duration.ofSeconds(30))) {
            long started = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 1_000; i++) {
                accepted += log.offer(event("a", i)) ? 1 : 0;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 2_000, "1000 offers took " + millis + " ms");
            assertTrue(accepted <= 10, "accepted " + accepted);
            assertEquals(1_000 - accepted, log.droppedEvents());
            assertFalse(log.flush(Duration.ofMillis(50)), "flush cannot finish while the file is locked");
            release.countDown();
            log.flush();
            assertEquals(accepted, log.writtenEvents());
            assertEquals(accepted, readEvents(path).size());
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndIsIdempotent() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 30, 1);
        for (int i = 0; i < 2_000; i++) {
            log.offer(event("a", i));
        }
        log.close();
        log.close();
        assertEquals(2_000, log.writtenEvents());
        assertEquals(2_000, readEvents(path).size());
        assertFalse(log.offer(event("a", 0)));
        assertEquals(1, log.droppedEvents());
        assertTrue(log.flush(Duration.ofSeconds(1)));
    }

    @Test
    void offersRacingCloseAreEachCountedOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path path = dir.resolve("race" + round + ".jsonl");
            SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 30, 1, 100, Duration.ofSeconds(30));
            AtomicLong offered = new AtomicLong();
            CountDownLatch running = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    running.countDown();
                    for (int i = 0; i < 3_000; i++) {
                        log.offer(event("r", i));
                        offered.incrementAndGet();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            running.await();
            log.close();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(offered.get(), log.writtenEvents() + log.droppedEvents());
            assertEquals(log.writtenEvents(), readEvents(path).size());
        }
    }

    @Test
    void anEventThatCannotBeWrittenIsDroppedAndLoggedOnce() throws Exception {
        Path path = dir.resolve("slow.jsonl");
        try (LogCapture capture = new LogCapture();
             SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 1)) {
            Map<String, Object> bad = new LinkedHashMap<>(event("a", 1));
            bad.put("when", new java.util.Date());
            assertTrue(log.offer(event("a", 0)));
            assertTrue(log.offer(bad));
            assertTrue(log.offer(bad));
            assertTrue(log.offer(event("a", 2)));
            assertFalse(log.offer(null));
            log.flush();
            assertEquals(2, log.writtenEvents());
            assertEquals(3, log.droppedEvents());
            assertEquals(List.of(0L, 2L), readEvents(path).stream().map(e -> e.get("seq")).toList());
            List<String> warnings = capture.warningsMentioning("could not be written as JSON");
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("java.util.Date"), warnings.get(0));
        }
    }

    @Test
    void createsTheFileAndItsDirectoriesAtStart() throws Exception {
        Path path = dir.resolve("a/b/slow.jsonl");
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, 1 << 20, 1)) {
            log.flush();
            assertTrue(Files.isRegularFile(path));
            assertEquals(0, Files.size(path));
        }
    }

    @Test
    void rejectsOutOfRangeSettingsNamingThem() {
        Path path = dir.resolve("slow.jsonl");
        Duration retry = Duration.ofSeconds(1);
        assertMessage("slow-query log maxFileBytes must be at least 1024, was 10",
                () -> new SlowQueryLogFile(path, 10, 1));
        assertMessage("slow-query log maxFiles must be 0 to 1000, was -1", () -> new SlowQueryLogFile(path, 4096, -1));
        assertMessage("slow-query log queueCapacity must be 1 to 1000000, was 0",
                () -> new SlowQueryLogFile(path, 4096, 1, 0, retry));
        assertMessage("slow-query log retryInterval must be positive and at most 1 day, was PT0S",
                () -> new SlowQueryLogFile(path, 4096, 1, 10, Duration.ZERO));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
