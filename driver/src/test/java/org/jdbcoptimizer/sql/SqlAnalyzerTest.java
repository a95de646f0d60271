package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SqlAnalyzerTest {

    /** A mixed workload: many shapes, many literal variants of each, some unparseable. */
    private static List<String> workload(int size) {
        String[] shapes = {
            "SELECT * FROM users WHERE id = %d",
            "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > %d ORDER BY o.id",
            "UPDATE accounts SET balance = balance - %d WHERE id = 7",
            "INSERT INTO events (kind, n) VALUES ('k', %d), ('j', 2)",
            "WITH d AS (DELETE FROM queue WHERE id = %d RETURNING *) INSERT INTO done SELECT * FROM d",
            "DELETE FROM sessions WHERE expires < %d",
            "SELECT * FROM t WHERE a IN (%d, 2, 3) AND b LIKE 'x%%'",
            "SELECT broken FROM WHERE %d",
            "BEGIN; UPDATE t SET a = %d; COMMIT",
            "CREATE INDEX i%d ON t (a)",
        };
        List<String> texts = new ArrayList<>();
        for (int i = 0; texts.size() < size; i++) {
            texts.add(String.format(shapes[i % shapes.length], i / shapes.length));
        }
        return texts;
    }

    @Test
    void resultsAreRememberedByText() {
        SqlAnalyzer analyzer = new SqlAnalyzer(100, Duration.ofSeconds(30));
        SqlInfo first = analyzer.analyze("SELECT * FROM t WHERE a = 1");
        assertSame(first, analyzer.analyze("SELECT * FROM t WHERE a = 1"));
        SqlInfo other = analyzer.analyze("SELECT * FROM t WHERE a = 2");
        assertNotSame(first, other);
        assertEquals(first.fingerprint(), other.fingerprint());
        assertEquals(first.predicates(), other.predicates());
        // texts that differ only in literals share one parse
        assertEquals(1, analyzer.cachedParses());
        assertEquals(2, analyzer.cachedTexts());
    }

    @Test
    void cacheIsBounded() {
        SqlAnalyzer analyzer = new SqlAnalyzer(50, Duration.ofSeconds(30));
        for (String sql : workload(2_000)) {
            analyzer.analyze(sql);
        }
        assertTrue(analyzer.cachedTexts() <= 50, () -> "texts: " + analyzer.cachedTexts());
        assertTrue(analyzer.cachedParses() <= 50, () -> "parses: " + analyzer.cachedParses());
        // large texts weigh more than small ones
        SqlAnalyzer small = new SqlAnalyzer(10, Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            small.analyze("SELECT " + i + " /* " + "x".repeat(8_192) + " */");
        }
        assertTrue(small.cachedTexts() <= 4, () -> "texts: " + small.cachedTexts());
    }

    @Test
    void manyThreadsGetTheSameResultsAsOneThread() throws Exception {
        List<String> texts = workload(4_000);
        Map<String, SqlInfo> expected = new HashMap<>();
        SqlAnalyzer reference = new SqlAnalyzer(100_000, Duration.ofSeconds(30));
        for (String sql : texts) {
            expected.put(sql, reference.analyze(sql));
        }
        SqlAnalyzer shared = new SqlAnalyzer(500, Duration.ofSeconds(30)); // small: evictions happen under load
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 397;
                futures.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            String sql = texts.get((i + offset) % texts.size());
                            SqlInfo info = shared.analyze(sql);
                            if (!expected.get(sql).equals(info)) {
                                throw new AssertionError("different result for " + sql + ": " + info);
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                assertEquals(3 * texts.size(), f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(shared.cachedTexts() <= 500);
        assertTrue(shared.cachedParses() <= 500);
    }

    @Test
    void settingsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SqlAnalyzer(0, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("maximumEntries is 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SqlAnalyzer(10, Duration.ZERO));
        assertTrue(e.getMessage().contains("parseTimeout"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new SqlAnalyzer(10, null));
    }

    @Test
    void sharedInstanceWorks() {
        assertSame(SqlAnalyzer.shared(), SqlAnalyzer.shared());
        assertEquals(SqlStatementKind.QUERY, SqlAnalyzer.shared().analyze("select 1").kind());
    }

    @Test
    void infoValueSemantics() {
        SqlAnalyzer a = new SqlAnalyzer(10, Duration.ofSeconds(30));
        SqlAnalyzer b = new SqlAnalyzer(10, Duration.ofSeconds(30));
        String sql = "SELECT * FROM t WHERE a = 1";
        assertEquals(a.analyze(sql), b.analyze(sql));
        assertEquals(a.analyze(sql).hashCode(), b.analyze(sql).hashCode());
        assertTrue(a.analyze(sql).toString().contains("select * from t where a = ?"));
        assertEquals(16, a.analyze(sql).fingerprintHex().length());
        assertEquals(SqlFingerprint.hash(a.analyze(sql).fingerprint()), a.analyze(sql).fingerprintId());
    }
}
