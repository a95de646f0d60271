package org.jdbcoptimizer.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How results travel through the Redis result store: the key every process derives alike from a
 * {@link CacheKey}, and the value, a serialized {@link Entry}.
 *
 * <p>The key is the SHA-256 of the cache key's parts (scope, text, scroll type and each parameter
 * with its type), so no SQL or parameter value is readable in Redis; a parameter of a type without
 * a canonical text (a stream, a driver object) makes the statement unshared. The value is Java
 * serialization of the captured result, read back through an allow-list filter of the classes a
 * captured result holds (the JDK's value types, pgjdbc's value objects, this package), so a value
 * planted in Redis cannot name arbitrary classes. A value that does not read back is a miss.
 *
 * <p>Puts run on one background thread with a bounded queue (a full queue drops the put): sharing
 * a result must not slow the miss that loaded it.
 */
final class SharedResults {

    /** Bumped whenever the serialized form changes, so processes of different versions never mix values. */
    private static final String FORMAT = "1";

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=10000000;maxbytes=1073741824;"
                    + "java.lang.*;java.math.*;java.sql.*;java.time.*;java.util.UUID;java.util.BitSet;"
                    + "java.util.ArrayList;java.util.Collections$*;java.util.Arrays$ArrayList;"
                    + "org.postgresql.util.*;org.postgresql.geometric.*;org.jdbcoptimizer.cache.*;!*");

    private static final ThreadPoolExecutor PUTS = putExecutor();

    /**
     * A stored result with what its validity depends on.
     *
     * @param tables         the tables it read (bare, lower-case), as the cache names them
     * @param remoteVersions the remote versions of those tables read before its query ran
     * @param result         the captured rows
     */
    record Entry(String[] tables, long[] remoteVersions, CachedResult result) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private SharedResults() {
    }

    /** The store key of a cache key, or null when a parameter has no canonical text. */
    static String keyOf(CacheKey key) {
        StringBuilder canonical = new StringBuilder(256).append(FORMAT).append('\u0000')
                .append(key.scope()).append('\u0000').append(key.sql()).append('\u0000').append(key.resultSetType());
        Object[] parameters = key.parameters();
        if (parameters != null) {
            for (Object parameter : parameters) {
                String text = canonical(parameter);
                if (text == null) {
                    return null;
                }
                canonical.append('\u0000').append(text);
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            return null; // every JDK has SHA-256; without it, nothing is shared
        }
    }

    /** The parameter's type and value as text, or null for a type whose text is not canonical. */
    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof Boolean || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Double || value instanceof Float
                || value instanceof UUID || value instanceof java.sql.Date || value instanceof java.sql.Time
                || value instanceof java.sql.Timestamp || value instanceof java.time.temporal.TemporalAccessor) {
            return value.getClass().getName() + ':' + value;
        }
        if (value instanceof byte[] bytes) {
            return "byte[]:" + Base64.getEncoder().encodeToString(bytes);
        }
        return null;
    }

    /** The serialized entry, or null when its values cannot be serialized (a driver object). */
    static byte[] encode(Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(entry);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return bytes.toByteArray();
    }

    /** The entry, or null when the bytes are not a readable entry of this format. */
    static Entry decode(byte[] value) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(value))) {
            in.setObjectInputFilter(FILTER);
            Object read = in.readObject();
            return read instanceof Entry entry ? entry : null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /** Runs a put in the background; dropped when the queue is full. */
    static void putLater(Runnable put) {
        PUTS.execute(put);
    }

    private static ThreadPoolExecutor putExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                r -> {
                    Thread t = new Thread(r, "jdbc-optimizer-result-store");
                    t.setDaemon(true);
                    t.setContextClassLoader(SharedResults.class.getClassLoader());
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
