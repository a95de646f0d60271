package org.jdbcoptimizer.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The texts one physical connection has prepared, most recently used last, at most
 * {@value #MAX_TEXTS}: an application prepares the same few texts again on every borrow, and each
 * then finds its {@link PreparedText} here without touching the shared caches.
 *
 * <p>Not thread-safe: one per physical connection, used only by the holder of its lease.
 */
final class PreparedTexts {

    static final int MAX_TEXTS = 256;

    private final Map<String, PreparedText> texts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedText> eldest) {
            return size() > MAX_TEXTS;
        }
    };

    /** The features the texts were judged by: a pool may be reached through URLs configured differently. */
    private ConnectionContext context;

    PreparedText of(String sql, ConnectionContext context) {
        if (context != this.context) {
            texts.clear();
            this.context = context;
        }
        PreparedText text = texts.get(sql);
        if (text == null) {
            text = new PreparedText(sql, context.listener(), context.cache());
            texts.put(sql, text);
        }
        return text;
    }
}
