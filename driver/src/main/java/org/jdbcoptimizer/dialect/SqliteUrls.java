package org.jdbcoptimizer.dialect;

import java.util.Locale;
import java.util.Properties;

/**
 * SQLite specifics of connecting: which URLs are in-memory databases, and the pragmas a file
 * database gets unless the user chose otherwise.
 *
 * <p>Why: a private {@code :memory:} database lives and dies with one physical connection, so a
 * pool of several connections would hand out different, empty databases; and a file database
 * shared by a pool needs WAL (readers do not block the writer) and a busy timeout (a writer waits
 * for the lock instead of failing at once with SQLITE_BUSY).
 */
public final class SqliteUrls {

    /** Applied to file databases when the user did not set them. */
    public static final String JOURNAL_MODE = "journal_mode";
    public static final String BUSY_TIMEOUT = "busy_timeout";
    static final String DEFAULT_JOURNAL_MODE = "WAL";
    static final String DEFAULT_BUSY_TIMEOUT_MILLIS = "5000";

    private SqliteUrls() {
    }

    /** True for {@code jdbc:sqlite:}, {@code jdbc:sqlite::memory:} and {@code file:...mode=memory} URLs. */
    public static boolean isInMemory(String targetUrl) {
        String path = pathOf(targetUrl).toLowerCase(Locale.ROOT);
        return path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file::memory:")
                || path.contains("mode=memory");
    }

    /** True when several connections see the same in-memory database ({@code cache=shared}). */
    public static boolean isSharedCache(String targetUrl) {
        return targetUrl.toLowerCase(Locale.ROOT).contains("cache=shared");
    }

    /**
     * Adds WAL journal mode and a busy timeout to the properties for a file database, unless the URL
     * or the properties already set them (any case).
     */
    public static Properties withFileDefaults(String targetUrl, Properties info) {
        if (isInMemory(targetUrl)) {
            return info;
        }
        Properties result = info;
        String lowerUrl = targetUrl.toLowerCase(Locale.ROOT);
        if (!mentions(lowerUrl, info, JOURNAL_MODE)) {
            result = copyOnce(result, info);
            result.setProperty(JOURNAL_MODE, DEFAULT_JOURNAL_MODE);
        }
        if (!mentions(lowerUrl, info, BUSY_TIMEOUT)) {
            result = copyOnce(result, info);
            result.setProperty(BUSY_TIMEOUT, DEFAULT_BUSY_TIMEOUT_MILLIS);
        }
        return result;
    }

    private static boolean mentions(String lowerUrl, Properties info, String key) {
        if (lowerUrl.contains(key + "=")) {
            return true;
        }
        for (String name : info.stringPropertyNames()) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static Properties copyOnce(Properties current, Properties original) {
        if (current != original) {
            return current;
        }
        Properties copy = new Properties();
        copy.putAll(original);
        return copy;
    }

    private static String pathOf(String targetUrl) {
        String rest = targetUrl.substring("jdbc:sqlite:".length());
        return rest.trim();
    }
}
