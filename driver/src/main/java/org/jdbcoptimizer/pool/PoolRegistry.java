package org.jdbcoptimizer.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The process-wide pools behind {@code DriverManager} URLs: one pool per distinct target URL,
 * driver properties (user and credentials included) and pool options. A closed pool is replaced
 * by a new one on the next request.
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap}; two threads asking for the same key get one pool.
 */
public final class PoolRegistry {

    private static final ConcurrentHashMap<Key, ConnectionPool> POOLS = new ConcurrentHashMap<>();

    private PoolRegistry() {
    }

    /**
     * The identity of a pool. Holds the credentials to compare them, so it is never printed.
     */
    public static final class Key {
        private final String targetUrl;
        private final Map<String, String> driverProperties;
        private final String poolOptions;

        public Key(String targetUrl, Map<String, String> driverProperties, String poolOptions) {
            this.targetUrl = targetUrl;
            this.driverProperties = Map.copyOf(driverProperties);
            this.poolOptions = poolOptions;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key other = (Key) o;
            return targetUrl.equals(other.targetUrl) && driverProperties.equals(other.driverProperties)
                    && poolOptions.equals(other.poolOptions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(targetUrl, driverProperties, poolOptions);
        }

        @Override
        public String toString() {
            return "PoolRegistry.Key[credentials hidden]";
        }
    }

    /** The open pool for a key, created by {@code creator} when there is none (or only a closed one). */
    public static ConnectionPool get(Key key, Supplier<ConnectionPool> creator) {
        return POOLS.compute(key, (k, existing) -> existing != null && !existing.isClosed() ? existing : creator.get());
    }

    /** Every open pool, for statistics. */
    public static List<ConnectionPool> pools() {
        List<ConnectionPool> open = new ArrayList<>();
        for (ConnectionPool pool : POOLS.values()) {
            if (!pool.isClosed()) {
                open.add(pool);
            }
        }
        return open;
    }

    /** Closes and forgets every pool: for application shutdown and tests. */
    public static void closeAll() {
        for (Map.Entry<Key, ConnectionPool> entry : POOLS.entrySet()) {
            entry.getValue().close();
            POOLS.remove(entry.getKey(), entry.getValue());
        }
    }
}
