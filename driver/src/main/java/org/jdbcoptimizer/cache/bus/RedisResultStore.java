package org.jdbcoptimizer.cache.bus;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import org.jdbcoptimizer.util.Log;

import redis.clients.jedis.params.SetParams;

/**
 * Results in Redis under {@code <prefix>:r:<key>}, with the entry's TTL as the key's expiry (so
 * Redis needs no eviction policy for them; {@code allkeys-lru} would also do, unlike for the
 * version counters). Runs on the bus's connection pool. A failure is logged once per outage and
 * reads as a miss; it does not make the bus unhealthy, since a missing result is never stale.
 */
final class RedisResultStore implements ResultStore {

    private static final Log LOG = Log.of(RedisResultStore.class);

    private final String prefix;
    private final RedisCommands commands;
    private final String logPrefix;
    private volatile boolean failing;

    RedisResultStore(String keyPrefix, RedisCommands commands, String logPrefix) {
        this.prefix = keyPrefix + ":r:";
        this.commands = commands;
        this.logPrefix = logPrefix;
    }

    @Override
    public byte[] get(String key) {
        try {
            byte[] value = commands.call(jedis -> jedis.get(bytes(key)));
            recovered();
            return value;
        } catch (Exception e) {
            failed(e);
            return null;
        }
    }

    @Override
    public void put(String key, byte[] value, long ttlMillis) {
        if (ttlMillis <= 0) {
            return;
        }
        try {
            commands.call(jedis -> jedis.set(bytes(key), value, SetParams.setParams().px(ttlMillis)));
            recovered();
        } catch (Exception e) {
            failed(e);
        }
    }

    private byte[] bytes(String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    private void failed(Exception e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, logPrefix, "the Redis result store failed; results are taken from the database"
                    + " until it answers again: " + e, null);
        }
    }

    private void recovered() {
        failing = false;
    }
}
