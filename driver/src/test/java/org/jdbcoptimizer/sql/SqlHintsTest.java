package org.jdbcoptimizer.sql;

import static org.jdbcoptimizer.sql.Analyzed.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SqlHintsTest {

    @Test
    void cacheWithTtl() {
        SqlHints hints = info("/* optimizer:cache ttl=30s */ SELECT * FROM t").hints();
        assertEquals(Map.of("cache", "true", "ttl", "30s"), hints.values());
        assertEquals(Optional.of(true), hints.cache());
        assertEquals(Optional.of(Duration.ofSeconds(30)), hints.ttl());
    }

    @Test
    void noCacheInALineCommentAnywhere() {
        SqlHints hints = info("SELECT * FROM t -- optimizer:nocache").hints();
        assertEquals(Optional.of(false), hints.cache());
        assertEquals(Optional.empty(), hints.ttl());
    }

    @Test
    void hintsDoNotChangeTheFingerprint() {
        SqlInfo hinted = info("/* optimizer:cache ttl=5m */ SELECT * FROM t WHERE a = 1");
        SqlInfo plain = info("SELECT * FROM t WHERE a = 2");
        assertEquals(plain.fingerprint(), hinted.fingerprint());
        assertTrue(plain.hints().isEmpty());
        assertEquals(Optional.of(Duration.ofMinutes(5)), hinted.hints().ttl());
    }

    @Test
    void ordinaryCommentsAndStringsAreNotHints() {
        assertTrue(info("/* cache ttl=30s */ SELECT 1").hints().isEmpty());
        assertTrue(info("SELECT '/* optimizer:nocache */'").hints().isEmpty());
    }

    @Test
    void laterHintsWinAndKeysAreCaseInsensitive() {
        SqlHints hints = info("/* OPTIMIZER: cache, TTL=10 */ SELECT 1 /* optimizer:ttl=250ms,tag=reports */").hints();
        assertEquals(Optional.of(true), hints.cache());
        assertEquals(Optional.of(Duration.ofMillis(250)), hints.ttl());
        assertEquals("reports", hints.get("TAG"));
    }

    @Test
    void durations() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), SqlHints.parseDuration("10"));
        assertEquals(Optional.of(Duration.ofHours(2)), SqlHints.parseDuration("2h"));
        assertEquals(Optional.of(Duration.ofDays(1)), SqlHints.parseDuration("1d"));
        assertEquals(Optional.empty(), SqlHints.parseDuration("soon"));
        assertEquals(Optional.empty(), SqlHints.parseDuration("5 parsecs"));
        assertEquals(Optional.empty(), SqlHints.parseDuration("99999999999999999"));
    }
}
