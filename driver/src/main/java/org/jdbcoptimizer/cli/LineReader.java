package org.jdbcoptimizer.cli;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file line by line as UTF-8 (malformed bytes become U+FFFD) with a bound on line length,
 * so that a foreign binary file without newlines cannot exhaust memory, and says whether the last
 * line was terminated: a log line without its newline was cut short by a writer that stopped.
 * Not thread-safe.
 */
final class LineReader implements Closeable {

    /** A line; {@code text} is null when it was longer than the limit (its bytes were skipped). */
    record Line(int number, String text, boolean terminated) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private int position;
    private int limit;
    private int number;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its {@code \n} (and a {@code \r} before it), or null at the end. */
    Line next() throws IOException {
        line.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(tooLong, false) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                int length = position - start;
                if (line.size() + length > maxLineBytes) {
                    tooLong = true;
                    line.reset();
                } else {
                    line.write(buffer, start, length);
                }
            }
            if (position < limit) {
                position++;
                return finish(tooLong, true);
            }
        }
    }

    private Line finish(boolean tooLong, boolean terminated) {
        number++;
        if (tooLong) {
            return new Line(number, null, terminated);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(number, text, terminated);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
