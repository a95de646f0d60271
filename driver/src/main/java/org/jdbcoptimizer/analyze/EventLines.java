package org.jdbcoptimizer.analyze;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jdbcoptimizer.util.Json;

/**
 * A block of consecutive event lines as UTF-8 bytes, filled up to a block size and then handed to
 * one write call. A line longer than the block size makes a block of its own. Used by the log's
 * writer thread only.
 */
final class EventLines {

    /** What became of an event passed to {@link #add}. */
    enum Result {
        /** The line is in the block. */
        ADDED,
        /** The block is full: write it, {@link #reset()}, then add the event again. */
        FULL,
        /** The event cannot be written as JSON; see {@link #lastError()}. */
        UNWRITABLE
    }

    private final int blockBytes;
    private final StringBuilder line = new StringBuilder(512);
    private byte[] bytes;
    private int length;
    private int events;
    private String lastError;

    EventLines(int blockBytes) {
        this.blockBytes = blockBytes;
        this.bytes = new byte[blockBytes];
    }

    Result add(Map<?, ?> event) {
        line.setLength(0);
        try {
            Json.write(event, line).append('\n');
        } catch (RuntimeException e) {
            // An unsupported value type, a self-containing map, or a map changed while being written.
            lastError = e.toString();
            return Result.UNWRITABLE;
        }
        byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
        if (events > 0 && length + encoded.length > blockBytes) {
            return Result.FULL;
        }
        if (bytes.length < length + encoded.length) {
            bytes = Arrays.copyOf(bytes, length + encoded.length);
        }
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        events++;
        return Result.ADDED;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Events in the block. */
    int events() {
        return events;
    }

    String lastError() {
        return lastError;
    }

    void reset() {
        length = 0;
        events = 0;
        if (bytes.length > blockBytes) {
            bytes = new byte[blockBytes];
        }
    }
}
