package org.jdbcoptimizer.cache.bus;

import java.net.URI;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Where the tests find Redis: {@code JDBCOPT_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}
 * (the development machines' server). When that is unreachable and {@code redis-server} is
 * installed, a private server for this JVM (killed at exit); otherwise a failure that says what
 * to do. Always a real Redis.
 */
final class TestRedis {

    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static volatile String url;

    private TestRedis() {
    }

    static synchronized String url() {
        if (url == null) {
            url = find();
        }
        return url;
    }

    /** A raw connection to the test Redis, for checks and clean-up. */
    static Jedis connect() {
        URI uri = URI.create(url());
        return new Jedis(uri.getHost(), uri.getPort(), 2_000);
    }

    /** Deletes every key under the prefix. */
    static void deleteKeys(String prefix) {
        try (Jedis jedis = connect()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + ":*").count(1_000));
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    private static String find() {
        String configured = System.getenv("JDBCOPT_TEST_REDIS_URL");
        String candidate = configured != null && !configured.isBlank() ? configured : DEFAULT_URL;
        URI uri = URI.create(candidate);
        try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort(), 1_000)) {
            jedis.ping();
            return candidate;
        } catch (RuntimeException unreachable) {
            if (!RedisServerProcess.available()) {
                throw new IllegalStateException("the test Redis at " + candidate + " is unreachable (" + unreachable
                        + ") and redis-server is not installed: start Redis (redis-server --daemonize yes --bind 127.0.0.1"
                        + " --port 6379 --save \"\" --appendonly no), install it (apt-get install redis-server), or set"
                        + " JDBCOPT_TEST_REDIS_URL", unreachable);
            }
            try {
                RedisServerProcess server = RedisServerProcess.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (InterruptedException ignored) {
                        // exiting anyway
                    }
                }));
                return server.url();
            } catch (Exception e) {
                throw new IllegalStateException("the test Redis at " + candidate + " is unreachable and a private"
                        + " redis-server did not start", e);
            }
        }
    }
}
