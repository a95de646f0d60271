package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExplainJsonReaderTest {

    @Test
    void readsObjectsArraysAndScalarsInOrder() {
        Object value = ExplainJsonReader.read(
                " {\"b\": [1, -2.5, 3e2, true, false, null], \"a\": {}, \"c\": [], \"d\": 2500000000} ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of("b", "a", "c", "d"), List.copyOf(map.keySet()));
        List<?> b = (List<?>) map.get("b");
        assertEquals(1L, b.get(0));
        assertEquals(-2.5, b.get(1));
        assertEquals(300.0, b.get(2));
        assertEquals(Boolean.TRUE, b.get(3));
        assertEquals(Boolean.FALSE, b.get(4));
        assertNull(b.get(5));
        assertEquals(Map.of(), map.get("a"));
        assertEquals(List.of(), map.get("c"));
        assertEquals(2_500_000_000L, map.get("d"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t é 😀",
                ExplainJsonReader.read("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\""));
        // What PostgreSQL writes for a filter on a quoted identifier.
        assertEquals("(\"Name\" = 'x'::text)", ExplainJsonReader.read("\"(\\\"Name\\\" = 'x'::text)\""));
    }

    @Test
    void hugeIntegersBecomeDoubles() {
        assertEquals(1.0E20, ExplainJsonReader.read("100000000000000000000"));
    }

    @Test
    void refusesWhatIsNotStrictJson() {
        for (String bad : List.of("", "  ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "01", "1.",
                "-", "1e", "+1", ".5", "tru", "nul", "'x'", "\"open", "\"bad \\x escape\"", "\"\\u12\"",
                "\"raw\ncontrol\"", "[1] x", "{\"a\":1,\"a\":2}", "NaN", "[1]/*c*/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExplainJsonReader.read(bad), bad);
            assertTrue(e.getMessage().startsWith("Invalid EXPLAIN JSON at offset "), e.getMessage());
        }
    }

    @Test
    void nestingIsBoundedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(ExplainJsonReader.MAX_DEPTH + 1) + "]".repeat(ExplainJsonReader.MAX_DEPTH + 1);
        assertThrows(IllegalArgumentException.class, () -> ExplainJsonReader.read(deep));
        String allowed = "[".repeat(ExplainJsonReader.MAX_DEPTH) + "]".repeat(ExplainJsonReader.MAX_DEPTH);
        assertTrue(ExplainJsonReader.read(allowed) instanceof List);
    }

    @Test
    void errorsNameTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplainJsonReader.read("[1, x]"));
        assertEquals("Invalid EXPLAIN JSON at offset 4: expected a value, found 'x'", e.getMessage());
    }
}
