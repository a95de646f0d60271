package org.jdbcoptimizer.analyze;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process writing to a shared log, for {@link SlowQueryLogRotationTest}: arguments are
 * the log path, maxFileBytes, maxFiles, the writer's name and how many events to write. It prints
 * {@code ready}, waits for a line on stdin, writes in flushed chunks (so the queue never
 * overflows), then prints {@code written=N dropped=M}.
 */
public final class LogWriterProcess {

    private LogWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        long maxFileBytes = Long.parseLong(args[1]);
        int maxFiles = Integer.parseInt(args[2]);
        String writer = args[3];
        int count = Integer.parseInt(args[4]);
        try (SlowQueryLogFile log = new SlowQueryLogFile(path, maxFileBytes, maxFiles, 10_000, Duration.ofSeconds(30))) {
            System.out.println("ready");
            System.out.flush();
            System.in.read();
            writeInChunks(log, writer, count);
            System.out.println("written=" + log.writtenEvents() + " dropped=" + log.droppedEvents());
        }
    }

    static void writeInChunks(SlowQueryLogFile log, String writer, int count) {
        for (int i = 0; i < count; i++) {
            log.offer(SlowLogTesting.event(writer, i));
            if (i % 200 == 199) {
                log.flush();
            }
        }
        log.flush();
    }
}
