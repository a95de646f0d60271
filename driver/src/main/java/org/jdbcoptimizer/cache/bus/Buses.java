package org.jdbcoptimizer.cache.bus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Creates the invalidation bus that the configuration names: {@value #NONE}, {@value #POSTGRES}
 * or {@value #REDIS}. Stateless and thread-safe.
 */
public final class Buses {

    /** No bus: the cache is local; writes made elsewhere are seen only after the TTL. */
    public static final String NONE = "none";
    /** PostgreSQL {@code LISTEN/NOTIFY} on the cached database itself. */
    public static final String POSTGRES = "postgres";
    /** Redis pub/sub plus per-table version counters. */
    public static final String REDIS = "redis";

    private Buses() {
    }

    /**
     * A new bus, not yet started: the caller calls {@link InvalidationBus#start} once, and
     * {@link InvalidationBus#close} when done. Nothing connects before {@code start} or the first
     * command, so creating a bus never fails for an unreachable server.
     *
     * @param kind {@value #NONE}, {@value #POSTGRES} or {@value #REDIS} (case-insensitive)
     * @param databaseId what identifies the cached database (such as its URL without credentials):
     *     Redis keys are prefixed with a hash of it, so two databases never mix, while processes
     *     that name the same database the same way share them; never logged
     * @param settings the bus's settings
     * @param listenerConnections opens the PostgreSQL bus's dedicated listener connection to the
     *     same database; required for {@value #POSTGRES}, ignored otherwise
     * @throws IllegalArgumentException for an unknown kind, or {@value #POSTGRES} without
     *     {@code listenerConnections}
     * @throws IllegalStateException for {@value #POSTGRES} when the PostgreSQL driver (pgjdbc) is
     *     not on the class path
     */
    public static InvalidationBus create(String kind, String databaseId, BusSettings settings,
            ConnectionSupplier listenerConnections) {
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(settings, "settings");
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case NONE:
                return NoBus.INSTANCE;
            case POSTGRES:
                if (listenerConnections == null) {
                    throw new IllegalArgumentException("bus '" + POSTGRES + "' needs a supplier of listener connections");
                }
                requirePgjdbc();
                return new PostgresBus(settings, listenerConnections);
            case REDIS:
                String prefix = settings.redisKeyPrefix != null ? settings.redisKeyPrefix : redisKeyPrefix(databaseId);
                return new RedisBus(prefix, settings);
            default:
                throw new IllegalArgumentException("bus: '" + kind + "' is not a bus; accepted "
                        + NONE + ", " + POSTGRES + ", " + REDIS);
        }
    }

    /**
     * The Redis key prefix derived from a database id: {@code jdbcopt:} and the first 16 hex
     * digits of the id's SHA-256 (a hash, so no credential in the id ever reaches Redis).
     */
    public static String redisKeyPrefix(String databaseId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(databaseId.getBytes(StandardCharsets.UTF_8));
            return "jdbcopt:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void requirePgjdbc() {
        try {
            Class.forName("org.postgresql.PGConnection", false, Buses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("bus '" + POSTGRES + "' needs the PostgreSQL driver (org.postgresql:postgresql)"
                    + " on the class path; add it, or choose the bus '" + REDIS + "' or '" + NONE + "'", e);
        }
    }
}
