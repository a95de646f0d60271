package org.jdbcoptimizer.cache.bus;

import java.time.Duration;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The Redis bus's small pool of command connections: commons-pool2's {@link GenericObjectPool}
 * of plain {@link Jedis} connections (what {@code JedisPool} is, without its need for SLF4J).
 * A borrower waits at most the settings' timeout; a connection that failed is discarded. A command
 * that lost its connection is tried once more on another only when that connection had already
 * served a command (it may have been closed while idle, or before a Redis restart): a fresh
 * connection that fails means Redis is unreachable, and waiting twice would only delay the
 * application. No JMX registration, no evictor thread.
 *
 * <p>Thread-safe: the pool is; each command owns its connection between borrow and return.
 */
final class RedisCommands implements AutoCloseable {

    /** A command run on one connection. */
    @FunctionalInterface
    interface Command<T> {
        T run(Jedis jedis);
    }

    /** A pooled connection and whether it served a command already; owned by one borrower at a time. */
    private static final class Pooled {
        final Jedis jedis;
        boolean used;

        Pooled(Jedis jedis) {
            this.jedis = jedis;
        }
    }

    private final GenericObjectPool<Pooled> pool;

    RedisCommands(RedisEndpoint endpoint, BusSettings settings) {
        GenericObjectPoolConfig<Pooled> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.redisPoolSize);
        config.setMaxIdle(settings.redisPoolSize);
        config.setMinIdle(0);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(Duration.ofMillis(settings.timeoutMillis));
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new Factory(endpoint), config);
    }

    /**
     * Runs a command on a pooled connection.
     *
     * @throws Exception whatever failed: Redis unreachable, a timeout, the pool exhausted beyond
     *     the timeout, an error reply
     */
    <T> T call(Command<T> command) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Pooled pooled = pool.borrowObject();
            boolean wasUsed = pooled.used;
            pooled.used = true;
            boolean keep = false;
            try {
                T result = command.run(pooled.jedis);
                keep = !pooled.jedis.isBroken();
                return result;
            } catch (JedisConnectionException e) {
                if (!wasUsed || attempt > 1) {
                    throw e;
                }
            } finally {
                if (keep) {
                    pool.returnObject(pooled);
                } else {
                    pool.invalidateObject(pooled);
                }
            }
        }
    }

    /** Drops the idle connections, such as after Redis restarted. */
    void clearIdle() {
        pool.clear();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static final class Factory extends BasePooledObjectFactory<Pooled> {
        private final RedisEndpoint endpoint;

        Factory(RedisEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public Pooled create() {
            return new Pooled(endpoint.open());
        }

        @Override
        public PooledObject<Pooled> wrap(Pooled pooled) {
            return new DefaultPooledObject<>(pooled);
        }

        @Override
        public void destroyObject(PooledObject<Pooled> pooled) {
            pooled.getObject().jedis.close();
        }
    }
}
