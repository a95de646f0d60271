package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;

/**
 * A one-line progress bar for a loading step. On a terminal the line is redrawn in place as work
 * advances; when output goes to a file or pipe only the finished line is printed, so logs stay clean.
 *
 * <p>Not thread-safe: one loader thread drives it.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private final long total;
    private long done;
    private int drawnPercent = -1;

    private Progress(PrintStream out, boolean interactive, String label, long total) {
        this.out = out;
        this.interactive = interactive;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /** A progress line for {@code total} units; redrawn in place only when stdout is a terminal. */
    static Progress start(PrintStream out, String label, long total) {
        Progress progress = new Progress(out, out == System.out && System.console() != null, label, total);
        progress.draw();
        return progress;
    }

    void advance(long units) {
        done = Math.min(total, done + units);
        draw();
    }

    /** Prints the finished line with what took how long. */
    void finish(long elapsedNanos) {
        done = total;
        String line = line() + "  " + Units.duration(elapsedNanos);
        out.print(interactive ? "\r" + line + System.lineSeparator() : line + System.lineSeparator());
        out.flush();
    }

    private void draw() {
        int percent = (int) (done * 100 / total);
        if (!interactive || percent == drawnPercent) {
            return;
        }
        drawnPercent = percent;
        out.print("\r" + line());
        out.flush();
    }

    private String line() {
        int filled = (int) (done * WIDTH / total);
        return String.format("  %-12s [%s%s] %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Units.count(done));
    }
}
