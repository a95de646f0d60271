package org.jdbcoptimizer.sql;

import static org.jdbcoptimizer.sql.Analyzed.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM t WHERE",
        "SELECT * FROM t WHERE a = (",
        "UPDATE t SET",
        "SELECT FROM WHERE ORDER BY",
        "INSERT INTO t VALUES ((((",
        "SELECT 'unterminated",
        "SELECT * FROM t WHERE x @? '$.a'",
        "SELECT * FROM ROWS FROM (f(1)) g",
    })
    void unparseableStatementsKeepKindAndFingerprint(String sql) {
        SqlInfo info = info(sql);
        assertFalse(info.parsed());
        assertTrue(info.tablesRead().isEmpty() && info.tablesWritten().isEmpty() && info.predicates().isEmpty());
        assertEquals(Statements.kind(Statements.split(SqlLexer.tokenize(sql)).get(0)), info.kind());
        assertEquals(SqlFingerprint.fingerprint(SqlLexer.tokenize(sql)), info.fingerprint());
        assertFalse(info.fingerprint().isEmpty());
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(7);
        String[] words = {"select", "from", "where", "(", ")", "'", "\"", "$$", "with", "as", "insert", "into",
            "values", ",", ";", "=", "?", "$1", "update", "set", "delete", "join", "on", "/*", "*/", "--", "\n", "[",
            "]", "`", "t", "a", "1", "union", "case", "when", "end", "begin", "create", "table", "drop", "::", "E'",
            "merge", "using", "explain", "analyze", "copy", "in", "like", "not", "null", "limit"};
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                sb.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            SqlInfo info = info(sb.toString());
            assertNotNull(info.kind());
            assertNotNull(info.fingerprint());
        }
    }

    @Test
    void megabyteInputs() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StringBuilder insert = new StringBuilder("INSERT INTO big (a, b) VALUES ");
            for (int i = 0; insert.length() < 1_000_000; i++) {
                insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'value ").append(i).append("')");
            }
            SqlInfo info = info(insert.toString());
            assertTrue(info.parsed());
            assertEquals(Analyzed.tables("big"), info.tablesWritten());
            assertEquals("insert into big(a, b) values (?, ?)", info.fingerprint());

            SqlInfo quote = info("SELECT '" + "x".repeat(1_000_000));
            assertFalse(quote.parsed());
            assertEquals(SqlStatementKind.QUERY, quote.kind());

            SqlInfo comment = info("/*" + " nested /* ".repeat(100_000));
            assertEquals(SqlStatementKind.OTHER, comment.kind());

            StringBuilder ors = new StringBuilder("SELECT * FROM t WHERE a = 0");
            while (ors.length() < 1_000_000) {
                ors.append(" OR a = ").append(ors.length());
            }
            SqlInfo wide = info(ors.toString());
            assertEquals(SqlStatementKind.QUERY, wide.kind()); // parsed or not, within the time limit
        });
    }

    @Test
    void deepNestingIsReportedNotThrown() {
        String parens = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + " FROM t";
        SqlInfo info = info(parens);
        assertFalse(info.parsed());
        assertEquals(SqlStatementKind.QUERY, info.kind());
        SqlInfo subqueries = info("SELECT * FROM t WHERE a IN " + "(SELECT a FROM t WHERE a IN ".repeat(2_000) + "(1)"
                + ")".repeat(2_000));
        assertFalse(subqueries.parsed());
        SqlInfo unbalanced = info("SELECT " + "(".repeat(5_000));
        assertFalse(unbalanced.parsed());
    }

    @Test
    void stackOverflowInTheParserBecomesUnparsed() throws InterruptedException {
        // nesting below the depth limit, on a thread whose stack is too small for the parser
        String sql = "SELECT " + "(".repeat(90) + "1" + ")".repeat(90) + " FROM t";
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(new SqlAnalyzer(10, Duration.ofSeconds(30)).analyze(sql));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        assertTrue(result.get() instanceof SqlInfo, () -> String.valueOf(result.get()));
        // on a normal stack the same text parses
        assertTrue(info(sql).parsed());
    }

    @Test
    void slowParsesTimeOutAndAreRetriedLater() {
        StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE a = 0");
        for (int i = 0; i < 3_000; i++) {
            sql.append(" OR (b = ").append(i).append(" AND c LIKE 'x' || d)");
        }
        SqlAnalyzer impatient = new SqlAnalyzer(100, Duration.ofMillis(1));
        SqlInfo info = impatient.analyze(sql.toString());
        assertFalse(info.parsed());
        assertTrue(info.timedOut());
        assertEquals(SqlStatementKind.QUERY, info.kind());
        assertEquals(0, impatient.cachedTexts()); // not remembered: a later call parses again
    }
}
