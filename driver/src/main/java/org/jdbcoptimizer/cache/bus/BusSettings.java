package org.jdbcoptimizer.cache.bus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The invalidation bus's settings, immutable. Build with {@link #builder()}; every value is
 * checked when set, and a bad one fails with a message that names the setting, the value and the
 * accepted range. {@link #defaults()} suits a Redis on localhost and PostgreSQL's own channel.
 */
public final class BusSettings {

    /** The Redis the bus talks to unless told otherwise. */
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    /**
     * The PostgreSQL channel unless told otherwise. One fixed name, not derived from the URL:
     * PostgreSQL delivers notifications only within one database, and two processes that name the
     * same database differently (a host alias) must still hear each other.
     */
    public static final String DEFAULT_POSTGRES_CHANNEL = "jdbc_optimizer";

    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final BusSettings DEFAULTS = new Builder().build();

    final String redisUrl;
    final int timeoutMillis;
    final int redisPoolSize;
    final int pollMillis;
    final int keepaliveMillis;
    final int reconnectMinMillis;
    final int reconnectMaxMillis;
    final String postgresChannel;
    final String redisKeyPrefix;
    final String logPrefix;

    private BusSettings(Builder b) {
        this.redisUrl = b.redisUrl;
        this.timeoutMillis = b.timeoutMillis;
        this.redisPoolSize = b.redisPoolSize;
        this.pollMillis = b.pollMillis;
        this.keepaliveMillis = b.keepaliveMillis;
        this.reconnectMinMillis = b.reconnectMinMillis;
        this.reconnectMaxMillis = b.reconnectMaxMillis;
        this.postgresChannel = b.postgresChannel;
        this.redisKeyPrefix = b.redisKeyPrefix;
        this.logPrefix = b.logPrefix;
    }

    public static BusSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String redisUrl() {
        return redisUrl;
    }

    public String postgresChannel() {
        return postgresChannel;
    }

    /** The explicit Redis key prefix, or null when it is derived from the database id. */
    public String redisKeyPrefix() {
        return redisKeyPrefix;
    }

    /** Builds {@link BusSettings}; not thread-safe. */
    public static final class Builder {
        private String redisUrl = DEFAULT_REDIS_URL;
        private int timeoutMillis = 2_000;
        private int redisPoolSize = 8;
        private int pollMillis = 500;
        private int keepaliveMillis = 5_000;
        private int reconnectMinMillis = 100;
        private int reconnectMaxMillis = 5_000;
        private String postgresChannel = DEFAULT_POSTGRES_CHANNEL;
        private String redisKeyPrefix;
        private String logPrefix = "cache-bus";

        private Builder() {
        }

        /** {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...}; default {@value #DEFAULT_REDIS_URL}. */
        public Builder redisUrl(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException("bus redisUrl: '" + redacted(url)
                        + "' is not a URL; expected redis://host:port or rediss://host:port", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
                throw new IllegalArgumentException("bus redisUrl: '" + redacted(url)
                        + "' is not a Redis URL; expected redis://host:port or rediss://host:port");
            }
            String path = uri.getPath();
            if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/[0-9]{1,5}")) {
                throw new IllegalArgumentException("bus redisUrl: '" + redacted(url) + "' names database '"
                        + path.substring(1) + "'; expected a number such as redis://host:6379/0");
            }
            this.redisUrl = url;
            return this;
        }

        /** Connect and read timeout of every Redis command and of the PostgreSQL listener's checks: 100..60000 ms, default 2000. */
        public Builder timeoutMillis(int millis) {
            this.timeoutMillis = checked("timeoutMillis", millis, 100, 60_000);
            return this;
        }

        /** Redis connections for commands (the subscription has its own): 1..64, default 8; every hit on Redis borrows one for an MGET. */
        public Builder redisPoolSize(int size) {
            this.redisPoolSize = checked("redisPoolSize", size, 1, 64);
            return this;
        }

        /** How long the PostgreSQL listener waits for notifications per poll: 10..10000 ms, default 500. */
        public Builder pollMillis(int millis) {
            this.pollMillis = checked("pollMillis", millis, 10, 10_000);
            return this;
        }

        /** After how long without traffic the listener checks its connection is alive: 100..600000 ms, default 5000. */
        public Builder keepaliveMillis(int millis) {
            this.keepaliveMillis = checked("keepaliveMillis", millis, 100, 600_000);
            return this;
        }

        /** First delay before reconnecting, doubled per failure: 10..60000 ms, default 100. */
        public Builder reconnectMinMillis(int millis) {
            this.reconnectMinMillis = checked("reconnectMinMillis", millis, 10, 60_000);
            return this;
        }

        /** Longest delay between reconnection attempts: 10..600000 ms, default 5000, not below the minimum. */
        public Builder reconnectMaxMillis(int millis) {
            this.reconnectMaxMillis = checked("reconnectMaxMillis", millis, 10, 600_000);
            return this;
        }

        /** The PostgreSQL channel: a letter or underscore then letters, digits, underscores, at most 63; default {@value #DEFAULT_POSTGRES_CHANNEL}. */
        public Builder postgresChannel(String channel) {
            if (channel == null || !CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException("bus postgresChannel: '" + channel + "' is not accepted; expected "
                        + "a letter or underscore followed by letters, digits or underscores, at most 63 characters");
            }
            this.postgresChannel = channel;
            return this;
        }

        /** The Redis keys' and channel's prefix; null (default) derives one from the database id. 1..200 characters, no spaces. */
        public Builder redisKeyPrefix(String prefix) {
            if (prefix != null && (prefix.isEmpty() || prefix.length() > 200 || prefix.chars().anyMatch(Character::isWhitespace))) {
                throw new IllegalArgumentException("bus redisKeyPrefix: '" + prefix
                        + "' is not accepted; expected 1 to 200 characters without spaces, or null to derive it");
            }
            this.redisKeyPrefix = prefix;
            return this;
        }

        /** What the bus's log lines start with, such as the pool name; default {@code cache-bus}. */
        public Builder logPrefix(String prefix) {
            this.logPrefix = prefix == null || prefix.isBlank() ? "cache-bus" : prefix;
            return this;
        }

        /** @throws IllegalArgumentException when reconnectMaxMillis is below reconnectMinMillis */
        public BusSettings build() {
            if (reconnectMaxMillis < reconnectMinMillis) {
                throw new IllegalArgumentException("bus reconnectMaxMillis: " + reconnectMaxMillis
                        + " is below reconnectMinMillis " + reconnectMinMillis + "; accepted " + reconnectMinMillis + "..600000");
            }
            return new BusSettings(this);
        }

        private static int checked(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("bus " + name + ": " + value + " is out of range; accepted "
                        + min + ".." + max);
            }
            return value;
        }
    }

    /** A Redis URL without its password, for messages and logs. */
    static String redacted(String url) {
        if (url == null) {
            return "null";
        }
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at > 0 && scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }
}
