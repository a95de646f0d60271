package org.jdbcoptimizer.analyze;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.jdbcoptimizer.util.Log;

/**
 * Appends blocks of whole lines to a log file that other processes may append to and rotate at
 * the same time; used by one thread only (the log's writer thread).
 *
 * <p>Design: every block goes out in one {@code write} call on a channel opened with
 * {@code APPEND} (O_APPEND), so the kernel places it at the end of the file in one piece and lines
 * from several processes never interleave. Before each block the path is {@code stat}ed: a file
 * key (inode) that differs from the open channel's, or a missing file, means another process
 * rotated or someone deleted the file, and the channel is reopened. Opening and rotating happen
 * under the {@link LogFileLock}, re-checking the file there, so exactly one writer renames a full
 * file. A block is never split across files: the file is rotated before a block that would take
 * it past {@code maxBytes} (a single line longer than that gets a file of its own).
 *
 * <p>Faults (no directory, not writable, disk full) never propagate: {@link #append} returns
 * false, the first failure of an episode is logged once, and the file is reopened no sooner than
 * {@code retryNanos} later. When a file is found at open not to end in a newline (a writer
 * was killed mid-line, or a short write hit a full disk), the next block starts with a newline, so the torn line stays
 * alone on its line and costs only itself.
 */
final class LogFileAppender implements AutoCloseable {

    private static final Log LOG = Log.of(SlowQueryLogFile.class);

    private final Path path;
    private final long maxBytes;
    private final int maxFiles;
    private final long retryNanos;
    private final LogFileLock lock;
    private final String prefix;

    private FileChannel channel;
    private Object fileKey;
    private long knownSize;
    private boolean tornTail;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024 + 1);

    private boolean failing;
    private long retryAt;
    private int episode;

    LogFileAppender(Path path, long maxBytes, int maxFiles, long retryNanos) {
        this.path = path.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.retryNanos = retryNanos;
        this.lock = new LogFileLock(this.path);
        this.prefix = "slow-query log " + this.path;
    }

    /**
     * Appends whole lines (UTF-8, each ending in a newline) in one write call.
     *
     * @return true when written; false when the block was dropped because the file cannot be
     *     opened or written (logged once per episode of failure)
     */
    boolean append(byte[] lines, int length) {
        if (channel == null && !openAfterDelay()) {
            return false;
        }
        try {
            BasicFileAttributes current = attributesOrNull();
            if (current == null || !isOpenFile(current)) {
                lock.run(this::openLocked);
                current = attributesOrNull();
            }
            if (current != null && current.size() > 0 && current.size() + length > maxBytes) {
                lock.run(() -> rotateLocked(length));
            }
            write(lines, length);
            recovered();
            return true;
        } catch (IOException | RuntimeException e) {
            fail("cannot write to the file", e);
            return false;
        }
    }

    /** Opens the file now unless a failure's retry delay is still running; true when open. */
    boolean openAfterDelay() {
        if (channel != null) {
            return true;
        }
        if (failing && System.nanoTime() - retryAt < 0) {
            return false;
        }
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            lock.run(this::openLocked);
            return true;
        } catch (IOException | RuntimeException e) {
            fail("cannot create or open the file", e);
            return false;
        }
    }

    private void openLocked() throws IOException {
        closeChannel();
        FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            fileKey = attributes.fileKey();
            knownSize = attributes.size();
            tornTail = knownSize > 0 && attributes.isRegularFile() && !endsWithNewline();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    /** Rotates unless another writer did so since the check outside the lock; then reopens. */
    private void rotateLocked(int length) throws IOException {
        BasicFileAttributes current = attributesOrNull();
        if (current != null && isOpenFile(current) && current.size() > 0 && current.size() + length > maxBytes) {
            closeChannel();
            RotatedFiles.rotate(path, maxFiles);
        }
        openLocked();
    }

    private void write(byte[] lines, int length) throws IOException {
        int needed = length + 1;
        if (buffer.capacity() < needed) {
            buffer = ByteBuffer.allocateDirect(needed);
        }
        buffer.clear();
        if (tornTail) {
            buffer.put((byte) '\n');
        }
        buffer.put(lines, 0, length).flip();
        int expected = buffer.remaining();
        int written = channel.write(buffer);
        knownSize += written;
        if (written != expected) {
            throw new IOException("short write: " + written + " of " + expected + " bytes (is the disk full?)");
        }
        tornTail = false;
    }

    /**
     * Whether the file ends in a newline. Another process may be in the middle of appending (the
     * size can grow before all of its bytes are in place), so a missing newline is checked again
     * after a pause before the tail counts as torn. False when the file cannot be read: a spare
     * newline is harmless.
     */
    private boolean endsWithNewline() {
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            for (int attempt = 0; attempt < 3; attempt++) {
                last.clear();
                long size = reader.size();
                if (size == 0 || reader.read(last, size - 1) == 1 && last.get(0) == '\n') {
                    return true;
                }
                Thread.sleep(2);
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private BasicFileAttributes attributesOrNull() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Whether the path still names the file the channel has open (without a file key: it did not shrink). */
    private boolean isOpenFile(BasicFileAttributes current) {
        Object key = current.fileKey();
        return fileKey != null && key != null ? fileKey.equals(key) : current.size() >= knownSize;
    }

    private void fail(String what, Exception e) {
        closeChannel();
        if (!failing) {
            failing = true;
            LOG.once(prefix + " failure " + episode, Level.WARNING, prefix, what + " (" + e
                    + "); slow statements are dropped until it works again, retried every " + retryText()
                    + ". Make the directory exist and be writable by this process, free disk space,"
                    + " or configure another path.", null);
        }
        retryAt = System.nanoTime() + retryNanos;
    }

    private void recovered() {
        if (failing) {
            failing = false;
            episode++;
            LOG.log(Level.INFO, prefix, "writing again after a failure");
        }
    }

    private String retryText() {
        long millis = retryNanos / 1_000_000L;
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Whether the last open or write failed (and the retry delay applies). */
    boolean failing() {
        return failing;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was buffered by us; the lines already written stay written.
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeChannel();
    }
}
