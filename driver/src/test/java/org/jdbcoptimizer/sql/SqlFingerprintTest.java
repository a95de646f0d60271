package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SqlFingerprintTest {

    private static String fp(String sql) {
        return SqlFingerprint.fingerprint(SqlLexer.tokenize(sql));
    }

    /** Groups of statements from the corpus: name to statements. */
    static Map<String, List<String>> corpus() throws IOException {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        try (InputStream in = SqlFingerprintTest.class.getResourceAsStream("/sql/fingerprint-corpus.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> current = null;
            StringBuilder statement = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("==== ") || line.equals("----")) {
                    if (current != null && !statement.toString().isBlank()) {
                        current.add(statement.toString().strip());
                    }
                    statement.setLength(0);
                    if (line.startsWith("==== ")) {
                        current = new ArrayList<>();
                        groups.put(line.substring(5), current);
                    }
                } else if (current != null) {
                    statement.append(line).append('\n');
                }
            }
            if (current != null && !statement.toString().isBlank()) {
                current.add(statement.toString().strip());
            }
        }
        return groups;
    }

    @Test
    void sameShapeSameFingerprintDifferentShapeDifferentFingerprint() throws IOException {
        Map<String, String> owner = new HashMap<>();
        Map<String, List<String>> groups = corpus();
        assertTrue(groups.size() > 25);
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            String first = fp(group.getValue().get(0));
            for (String sql : group.getValue()) {
                assertEquals(first, fp(sql), () -> group.getKey() + ": " + sql);
            }
            String previous = owner.put(first, group.getKey());
            assertEquals(null, previous, () -> "groups '" + previous + "' and '" + group.getKey() + "' share " + first);
        }
    }

    @Test
    void literalsNeverAppearInTheFingerprint() throws IOException {
        for (Map.Entry<String, List<String>> group : corpus().entrySet()) {
            boolean ordinals = group.getKey().startsWith("order by");
            for (String sql : group.getValue()) {
                String fp = fp(sql);
                for (Token t : SqlLexer.tokenize(fp)) {
                    assertFalse(t.is(TokenType.STRING), () -> fp);
                    assertFalse(t.is(TokenType.NUMBER) && !ordinals, () -> fp);
                    assertFalse(t.is(TokenType.PLACEHOLDER) && !t.text().equals("?"), () -> fp);
                    assertFalse(t.type().isComment(), () -> fp);
                }
                for (Token t : SqlLexer.tokenize(sql)) {
                    if (t.is(TokenType.STRING) && t.text().length() > 4) {
                        String content = t.text().substring(t.text().indexOf('\'') + 1, t.text().length() - 1);
                        assertFalse(fp.contains(content), () -> "literal " + content + " in " + fp);
                    }
                }
            }
        }
    }

    @Test
    void normalizedForm() {
        assertEquals("select * from users where id in (?) and name = ?",
                fp("SELECT  *\n FROM Users WHERE ID IN (1,2,3) AND name = $1 -- c"));
        assertEquals("select count(*) from t where x = any (array[?])", fp("select COUNT(*) from t where x = any(array[1,2])"));
        assertEquals("insert into t(a, b) values (?, ?)", fp("INSERT INTO t(a,b) VALUES (1,2),(3,4)"));
        assertEquals("select \"MixedCase\".\"Col\" from \"MixedCase\"", fp("SELECT \"MixedCase\".\"Col\" FROM \"MixedCase\""));
        assertEquals("select ?::int[], x::text", fp("select '{1}'::int[], x::text"));
        assertEquals("select a from t where b = true and c is null", fp("SELECT a FROM t WHERE b = TRUE AND c IS NULL"));
        assertEquals("", fp("  -- only a comment\n /* and another */ "));
        assertEquals("select ?", fp("SELECT 1;"));
    }

    @Test
    void signsFoldIntoConstantsButSubtractionStays() {
        assertEquals(fp("select * from t where a = 1"), fp("select * from t where a = -1"));
        assertEquals("select a - ? from t", fp("select a - 1 from t"));
        assertEquals("select a - ? from t", fp("select a-1 from t"));
        assertEquals("select ? - ?", fp("select 1 - -1"));
    }

    @Test
    void quotedIdentifiersAreCaseSensitiveUnquotedAreNot() {
        assertEquals(fp("select * from orders"), fp("SELECT * FROM ORDERS"));
        assertNotEquals(fp("select * from orders"), fp("select * from \"ORDERS\""));
        assertEquals(fp("select * from \"orders\""), fp("select * from [orders]"));
        assertEquals(fp("select * from \"orders\""), fp("select * from `orders`"));
    }

    @Test
    void idIsStableAndHexHasSixteenDigits() {
        // FNV-1a over UTF-8 + fmix64 (value checked independently): pinned so ids survive restarts and releases
        assertEquals(SqlFingerprint.hash("select ?"), SqlFingerprint.hash(fp("SELECT 42")));
        assertEquals("1cab9ada31915ed1", SqlFingerprint.hex(SqlFingerprint.hash("select ?")));
        assertEquals(16, SqlFingerprint.hex(0).length());
        assertEquals("0000000000000000", SqlFingerprint.hex(0));
        assertNotEquals(SqlFingerprint.hash("select ?"), SqlFingerprint.hash("select ? "));
    }

    @Test
    void parseTextKeepsWhatTheAnalysisNeeds() {
        String text = SqlFingerprint.parseText(SqlLexer.tokenize(
                "SELECT * FROM t WHERE a LIKE '%x' AND b LIKE 'x%' AND c = E'q' AND d = $1 AND e IN (1,2) ORDER BY 2"));
        assertEquals("select * from t where a like '%' and b like 's' and c = 's' and d = ? and e in (0) order by 2", text);
        assertEquals("select * from t where x ? 's'", SqlFingerprint.parseText(SqlLexer.tokenize("select * from t where x ?? 'k'")));
    }

    @Test
    void deepNestingRendersWithoutDeepRecursion() {
        String sql = "select " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        String fp = fp(sql);
        assertTrue(fp.startsWith("select (((("));
        assertTrue(fp.contains("?"));
    }
}
