package org.jdbcoptimizer.cache.bus;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text of one invalidation message, the same on every bus: {@code 1|<sender>|<tables>}, where
 * {@code 1} is the format, {@code sender} the sending bus instance's id (so it can skip its own
 * messages; the triggers send {@code db}) and {@code tables} the written tables' bare lower-case
 * names separated by commas, or {@code *} for everything.
 *
 * <p>Anything that cannot be read exactly (another format, no sender, an empty name, a name with a
 * comma) decodes as "everything": a message is never dropped because it is odd. Stateless.
 */
final class Payload {

    static final String FORMAT = "1";
    static final String EVERYTHING = "*";
    /** The sender of the PostgreSQL triggers' messages: never a bus's own id. */
    static final String DATABASE_SENDER = "db";
    /** PostgreSQL's payload must be shorter than 8000 bytes (default build). */
    static final int POSTGRES_MAX_BYTES = 7999;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A decoded message; {@code tables} is null for "everything". */
    record Message(String sender, Set<String> tables) {
        boolean everything() {
            return tables == null;
        }
    }

    private Payload() {
    }

    /** A new random sender id: 16 hex digits, so two processes never share one in practice. */
    static String newSenderId() {
        return String.format(Locale.ROOT, "%016x", RANDOM.nextLong());
    }

    /**
     * The messages for one write, each at most {@code maxBytes} bytes in UTF-8: the tables split
     * over as many messages as needed, or one {@code *} message when {@code everything} or when a
     * name cannot be sent exactly. No message when there is nothing to invalidate.
     */
    static List<String> encode(String sender, Set<String> tables, boolean everything, int maxBytes) {
        String header = FORMAT + '|' + sender + '|';
        if (everything || tables.stream().anyMatch(t -> normalize(t) == null)) {
            return List.of(header + EVERYTHING);
        }
        if (tables.isEmpty()) {
            return List.of();
        }
        int headerBytes = utf8Length(header);
        List<String> messages = new ArrayList<>(1);
        StringBuilder chunk = new StringBuilder(header);
        int chunkBytes = headerBytes;
        for (String table : new LinkedHashSet<>(tables.stream().map(Payload::normalize).toList())) {
            int bytes = utf8Length(table);
            if (headerBytes + bytes > maxBytes) {
                return List.of(header + EVERYTHING);
            }
            boolean first = chunkBytes == headerBytes;
            if (!first && chunkBytes + 1 + bytes > maxBytes) {
                messages.add(chunk.toString());
                chunk.setLength(header.length());
                chunkBytes = headerBytes;
                first = true;
            }
            if (!first) {
                chunk.append(',');
                chunkBytes++;
            }
            chunk.append(table);
            chunkBytes += bytes;
        }
        messages.add(chunk.toString());
        return messages;
    }

    /** One message with no size limit (Redis). */
    static String encodeOne(String sender, Set<String> tables, boolean everything) {
        return encode(sender, tables, everything, Integer.MAX_VALUE).stream().findFirst().orElse(null);
    }

    /** Reads a message; never throws, never returns null. */
    static Message decode(String payload) {
        if (payload == null) {
            return new Message("", null);
        }
        String[] parts = payload.split("\\|", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0]) || parts[1].isEmpty()) {
            return new Message(parts.length == 3 ? parts[1] : "", null);
        }
        Set<String> tables = new LinkedHashSet<>();
        for (String name : parts[2].split(",", -1)) {
            String table = normalize(name);
            if (table == null) {
                return new Message(parts[1], null);
            }
            tables.add(table);
        }
        return new Message(parts[1], Collections.unmodifiableSet(tables));
    }

    /** The name as sent: lower-case; null when it cannot be sent exactly (empty, {@code *}, a comma, a line break). */
    static String normalize(String table) {
        if (table == null || table.isEmpty() || table.equals(EVERYTHING) || table.indexOf(',') >= 0
                || table.indexOf('\n') >= 0 || table.indexOf('\r') >= 0) {
            return null;
        }
        return table.toLowerCase(Locale.ROOT);
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
