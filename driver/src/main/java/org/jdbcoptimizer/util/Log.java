package org.jdbcoptimizer.util;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optimizer's logging: {@link System.Logger}, which routes to the application's logging
 * framework (JUL by default, SLF4J/Log4j through their System.LoggerFinder bridges). Every line
 * carries a prefix such as the pool name, so that several pools in one process can be told apart.
 */
public final class Log {

    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private final Logger logger;

    private Log(Class<?> owner) {
        this.logger = System.getLogger(owner.getName());
    }

    public static Log of(Class<?> owner) {
        return new Log(owner);
    }

    public boolean isLoggable(Level level) {
        return logger.isLoggable(level);
    }

    public void log(Level level, String prefix, String message) {
        if (logger.isLoggable(level)) {
            logger.log(level, prefix + " - " + message);
        }
    }

    public void log(Level level, String prefix, String message, Throwable thrown) {
        if (logger.isLoggable(level)) {
            logger.log(level, prefix + " - " + message, thrown);
        }
    }

    /**
     * Logs a message the first time a key is seen in this JVM: for failures that would otherwise
     * repeat on every statement (an unwritable log directory, a failing EXPLAIN).
     */
    public void once(String key, Level level, String prefix, String message, Throwable thrown) {
        if (ONCE.add(key)) {
            log(level, prefix, message, thrown);
        }
    }
}
