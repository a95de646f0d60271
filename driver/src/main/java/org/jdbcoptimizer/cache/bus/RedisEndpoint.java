package org.jdbcoptimizer.cache.bus;

import java.net.URI;
import java.util.Locale;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

/**
 * Where and how the Redis bus connects: host, port, credentials, database and TLS from the
 * settings' URL, with the settings' timeout for connecting and for every read. The client names
 * itself {@code jdbc-optimizer} (visible in {@code CLIENT LIST}) and sends no {@code CLIENT SETINFO}.
 * Immutable; {@link #open()} may be called from any thread.
 */
final class RedisEndpoint {

    private final HostAndPort hostAndPort;
    private final JedisClientConfig config;

    RedisEndpoint(BusSettings settings) {
        URI uri = URI.create(settings.redisUrl);
        int port = uri.getPort() < 0 ? Protocol.DEFAULT_PORT : uri.getPort();
        this.hostAndPort = new HostAndPort(uri.getHost(), port);
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis)
                .socketTimeoutMillis(settings.timeoutMillis)
                .clientName("jdbc-optimizer")
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .ssl("rediss".equals(uri.getScheme().toLowerCase(Locale.ROOT)))
                .database(database(uri));
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : userInfo.substring(0, colon);
            builder.user(user == null || user.isEmpty() ? null : user);
            builder.password(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        this.config = builder.build();
    }

    /**
     * A new connection, connected and authenticated; the caller closes it.
     *
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or refuses
     */
    Jedis open() {
        return new Jedis(hostAndPort, config);
    }

    /** host:port, never the credentials. */
    @Override
    public String toString() {
        return hostAndPort.toString();
    }

    /** The database number; BusSettings checked it is one. */
    private static int database(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? Protocol.DEFAULT_DATABASE : Integer.parseInt(path.substring(1));
    }
}
