package org.jdbcoptimizer.analyze;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the slow-query log logs through System.Logger, which reaches java.util.logging
 * when no other logging framework is bridged (as in these tests).
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger(SlowQueryLogFile.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Messages at WARNING or above that mention the text. */
    List<String> warningsMentioning(String text) {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage)
                .filter(message -> message.contains(text))
                .toList();
    }

    List<String> messagesMentioning(String text) {
        return records.stream().map(LogRecord::getMessage).filter(message -> message.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
