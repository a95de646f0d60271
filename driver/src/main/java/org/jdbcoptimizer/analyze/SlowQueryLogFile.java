package org.jdbcoptimizer.analyze;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jdbcoptimizer.util.Json;
import org.jdbcoptimizer.util.Log;

/**
 * The slow-query log: a JSON Lines file, one event (see {@link SlowQueryLogSchema}) per line,
 * rotated by size, written off the application's thread. Several processes may share one file.
 *
 * <p>Contract: {@link #offer} never blocks and never throws; it returns false and counts the
 * event as dropped when the queue is full, the log is closed, or the event is null. Every offered
 * event ends up counted exactly once, in {@link #writtenEvents()} or {@link #droppedEvents()}
 * (events still queued are in neither until written). Faults of the file system (a directory that
 * cannot be created, a full disk) are logged once per episode, count the events as dropped, and
 * the file is reopened at most once per retry interval, so fixing the directory restores logging.
 * The caller hands over the event map: it must not change it after {@code offer}. Thread-safe.
 *
 * <p>Design: a bounded {@link ArrayBlockingQueue} feeds one daemon writer thread, which drains up
 * to {@value #MAX_BATCH_EVENTS} events at a time, serializes them with {@link Json}, and appends
 * them in blocks of at most 64 KiB, each in one {@code write} call ({@link LogFileAppender} explains
 * why lines never tear or interleave across processes, and how rotation is coordinated).
 * {@link #flush} queues a marker and waits for the writer to pass it (FIFO: everything queued
 * before it is then written or dropped). {@link #close} stops accepting events, queues a stop
 * marker and waits for the writer; once the writer has stopped, an event that slipped into the
 * queue concurrently is removed and counted as dropped by whichever of the writer and the
 * offering thread removes it, so the counts stay exact. Data reaches the operating system, not
 * necessarily the disk: there is no fsync.
 */
public final class SlowQueryLogFile implements AutoCloseable {

    /** Events the queue holds when no capacity is given. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** Delay before reopening a file that could not be opened or written, when none is given. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

    static final int MAX_BATCH_EVENTS = 512;
    private static final int MAX_BLOCK_BYTES = 64 * 1024;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Log LOG = Log.of(SlowQueryLogFile.class);

    private static final Object STOP = new Object();

    private final Path path;
    private final BlockingQueue<Object> queue;
    private final LogFileAppender appender;
    private final int blockBytes;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopped;

    /** A point in the queue that {@link #flush} waits for. */
    private static final class Marker {
        final CountDownLatch passed = new CountDownLatch(1);
    }

    /**
     * Opens a log with a queue of {@value #DEFAULT_QUEUE_CAPACITY} events and a retry interval of
     * 30 s; as {@link #SlowQueryLogFile(Path, long, int, int, Duration)}.
     */
    public SlowQueryLogFile(Path path, long maxFileBytes, int maxFiles) {
        this(path, maxFileBytes, maxFiles, DEFAULT_QUEUE_CAPACITY, DEFAULT_RETRY_INTERVAL);
    }

    /**
     * Starts the writer thread, which creates the directory and the file (a failure is logged and
     * retried, never thrown).
     *
     * @param path          the log file, e.g. {@code logs/slow.jsonl}; rotated files get {@code .1},
     *                      {@code .2}, ... appended, and {@code .lock} names the lock file
     * @param maxFileBytes  the size past which the file is rotated, at least 1024
     * @param maxFiles      rotated files kept (the oldest are deleted), 0 to 1000; 0 deletes the
     *                      file when it is full
     * @param queueCapacity events waiting to be written before new ones are dropped, 1 to 1,000,000
     * @param retryInterval how long to wait before reopening after a failure, positive, at most 1 day
     * @throws IllegalArgumentException when a value is out of range (the message names it)
     * @throws NullPointerException when {@code path} or {@code retryInterval} is null
     */
    public SlowQueryLogFile(Path path, long maxFileBytes, int maxFiles, int queueCapacity, Duration retryInterval) {
        this.path = Objects.requireNonNull(path, "path");
        check(maxFileBytes >= 1024, "maxFileBytes", maxFileBytes, "at least 1024");
        check(maxFiles >= 0 && maxFiles <= 1000, "maxFiles", maxFiles, "0 to 1000");
        check(queueCapacity >= 1 && queueCapacity <= 1_000_000, "queueCapacity", queueCapacity, "1 to 1000000");
        Objects.requireNonNull(retryInterval, "retryInterval");
        boolean retryInRange = !retryInterval.isNegative() && !retryInterval.isZero()
                && retryInterval.compareTo(Duration.ofDays(1)) <= 0;
        check(retryInRange, "retryInterval", retryInterval, "positive and at most 1 day");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.appender = new LogFileAppender(path, maxFileBytes, maxFiles, retryInterval.toNanos());
        this.blockBytes = (int) Math.min(MAX_BLOCK_BYTES, maxFileBytes);
        this.writer = new Thread(this::runWriter, "jdbc-optimizer-slow-log-" + path.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    private static void check(boolean valid, String name, Object value, String range) {
        if (!valid) {
            throw new IllegalArgumentException("slow-query log " + name + " must be " + range + ", was " + value);
        }
    }

    /**
     * Queues an event for writing; never blocks, never throws.
     *
     * @param event the event's fields, in the order they should appear; values of the types
     *     {@link Json#write(Object)} accepts (an event it cannot write is dropped and logged once)
     * @return true when queued; false when dropped (queue full, log closed, or null event)
     */
    public boolean offer(Map<String, ?> event) {
        if (event == null || closed.get() || !queue.offer(event)) {
            dropped.increment();
            return false;
        }
        if (stopped && queue.remove(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /**
     * Waits until every event queued before this call has been written or dropped. Returns early,
     * with the interrupt status set, when the calling thread is interrupted.
     */
    public void flush() {
        flushWithin(Long.MAX_VALUE / 2);
    }

    /**
     * Waits, at most {@code timeout}, until every event queued before this call has been written
     * or dropped.
     *
     * @return true when done; false on timeout, interruption (the interrupt status is kept) or a
     *     writer thread that is no longer running
     */
    public boolean flush(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return flushWithin(Math.min(nanos, Long.MAX_VALUE / 2));
    }

    private boolean flushWithin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        Marker marker = new Marker();
        try {
            if (!enqueue(marker, deadline)) {
                return closed.get() && !writer.isAlive();
            }
            while (!marker.passed.await(Math.min(100_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (!writer.isAlive() || System.nanoTime() - deadline >= 0) {
                    return marker.passed.getCount() == 0;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Puts a control object in the queue, waiting for room until the deadline or the writer's end. */
    private boolean enqueue(Object control, long deadline) throws InterruptedException {
        while (writer.isAlive() && !stopped) {
            if (queue.offer(control, Math.min(100_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * Stops accepting events, writes those already queued and closes the file, waiting at most
     * 5 s for the writer. Idempotent; later {@link #offer} calls return false and count as dropped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            if (enqueue(STOP, deadline)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.log(Level.WARNING, "slow-query log " + path, "the writer did not finish within "
                    + CLOSE_TIMEOUT.toSeconds() + " s; events still queued may be lost");
        }
    }

    /** Events written to the file so far. */
    public long writtenEvents() {
        return written.get();
    }

    /** Events dropped so far: queue full, log closed, file system failure, or not writable as JSON. */
    public long droppedEvents() {
        return dropped.sum();
    }

    /** The log file as given to the constructor. */
    public Path path() {
        return path;
    }

    /**
     * The files of a log that exist, oldest first: {@code path.N, ..., path.1, path}, for readers
     * such as the {@code report} command.
     *
     * @throws IOException when the directory cannot be read
     */
    public static List<Path> filesOldestFirst(Path path) throws IOException {
        return RotatedFiles.oldestFirst(path);
    }

    private void runWriter() {
        EventLines block = new EventLines(blockBytes);
        List<Object> batch = new ArrayList<>(MAX_BATCH_EVENTS);
        try {
            appender.openAfterDelay();
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH_EVENTS - 1);
                if (!process(batch, block)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            discard(batch);
            Object rest;
            while ((rest = queue.poll()) != null) {
                discard(List.of(rest));
            }
            appender.close();
        }
    }

    /**
     * Writes a batch, removing each item once it is accounted for (so that the writer's exit
     * discards only what is left); returns false at the stop marker.
     */
    private boolean process(List<Object> batch, EventLines block) {
        int done = 0;
        try {
            for (; done < batch.size(); done++) {
                Object item = batch.get(done);
                if (item == STOP) {
                    writeBlock(block);
                    batch.subList(0, done + 1).clear();
                    done = 0;
                    return false;
                } else if (item instanceof Marker marker) {
                    writeBlock(block);
                    marker.passed.countDown();
                } else {
                    add((Map<?, ?>) item, block);
                }
            }
            writeBlock(block);
            return true;
        } finally {
            batch.subList(0, done).clear();
        }
    }

    private void add(Map<?, ?> event, EventLines block) {
        EventLines.Result result = block.add(event);
        if (result == EventLines.Result.FULL) {
            writeBlock(block);
            result = block.add(event);
        }
        if (result == EventLines.Result.UNWRITABLE) {
            dropped.increment();
            LOG.once("slow-query log unwritable event " + path, Level.WARNING, "slow-query log " + path,
                    "an event could not be written as JSON and was dropped (" + block.lastError()
                            + "); further ones are dropped silently", null);
        }
    }

    /** Appends the block; its events count as written or, on failure, as dropped. */
    private void writeBlock(EventLines block) {
        if (block.events() == 0) {
            return;
        }
        if (appender.append(block.bytes(), block.length())) {
            written.addAndGet(block.events());
        } else {
            dropped.add(block.events());
        }
        block.reset();
    }

    private void discard(List<Object> items) {
        for (Object item : items) {
            if (item instanceof Marker marker) {
                marker.passed.countDown();
            } else if (item != STOP) {
                dropped.increment();
            }
        }
        items.clear();
    }
}
