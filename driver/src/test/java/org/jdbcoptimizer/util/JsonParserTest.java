package org.jdbcoptimizer.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        Map<String, Object> object = Json.parseObject(
                " {\"s\":\"x\",\"i\":-12,\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"k\":0}} ");
        assertEquals(List.of("s", "i", "d", "t", "f", "n", "a", "o"), new ArrayList<>(object.keySet()));
        assertEquals("x", object.get("s"));
        assertEquals(-12L, object.get("i"));
        assertEquals(1500.0, object.get("d"));
        assertEquals(true, object.get("t"));
        assertEquals(false, object.get("f"));
        assertTrue(object.containsKey("n"));
        assertNull(object.get("n"));
        assertEquals(List.of(1L, List.of(), Map.of()), object.get("a"));
        assertEquals(Map.of("k", 0L), object.get("o"));
    }

    @Test
    void parsesTopLevelScalars() {
        assertEquals("a", Json.parse("\"a\""));
        assertEquals(0L, Json.parse("0"));
        assertEquals(-0.0, Json.parse("-0.0"));
        assertNull(Json.parse(" null "));
    }

    @Test
    void integersBeyondLongBecomeDoubles() {
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertInstanceOf(Double.class, Json.parse("9223372036854775808"));
        assertInstanceOf(Double.class, Json.parse("123456789012345678901234567890"));
        assertEquals(1.0, Json.parse("1.0"));
        assertEquals(1e-7, Json.parse("1E-7"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals("\" \\ / \b \f \n \r \t \u0000 \u00e9 \uD83D\uDE00",
                Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u00E9 \\ud83d\\ude00\""));
    }

    @Test
    void roundTripsWrittenValues() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sql", "SELECT * FROM t WHERE a = '\u2028' AND b = \"\\\"\n\t");
        event.put("durationMs", 12.345);
        event.put("rows", -1L);
        event.put("params", List.of("?", "42::int"));
        event.put("plan", Map.of("findings", List.of(Map.of("kind", "seq-scan", "rows", 100000L))));
        event.put("error", null);
        event.put("unicode", "\u00e9\u4e2d\uD83D\uDE00");
        assertEquals(event, Json.parse(Json.write(event)));
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(42);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    text.append((char) random.nextInt(0x40));
                } else if (kind == 1) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x1000));
                } else {
                    char c = (char) random.nextInt(0xD800);
                    text.append(c);
                }
            }
            String value = text.toString();
            assertEquals(value, Json.parse(Json.write(value)));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                    | 0 | expected a value but found end of input",
        "`   `                 | 3 | expected a value but found end of input",
        "`{\"a\":1} x`         | 8 | unexpected 'x' after the JSON value",
        "`[1,2]]`              | 5 | unexpected ']' after the JSON value",
        "`\"abc`               | 0 | unterminated string",
        "`{\"a\":\"b}`         | 5 | unterminated string",
        "`\"a\\x\"`            | 2 | bad escape \\x",
        "`\"\\u12g4\"`         | 1 | bad escape: \\u needs four hex digits but found 'g'",
        "`\"\\u12\"`           | 1 | bad escape: \\u needs four hex digits",
        "`[1,]`                | 3 | expected a value but found ']'",
        "`{\"a\":1,}`          | 7 | expected a string key but found '}'",
        "`{a:1}`               | 1 | expected a string key but found 'a'",
        "`{\"a\" 1}`           | 5 | expected ':' after the key but found '1'",
        "`[1 2]`               | 3 | expected ',' or ']' but found '2'",
        "`{\"a\":1 \"b\":2}`   | 7 | expected ',' or '}' but found '\"'",
        "`[01]`                | 2 | expected ',' or ']' but found '1'",
        "`-`                   | 1 | expected a digit but found end of input",
        "`1.`                  | 2 | expected a digit after '.' but found end of input",
        "`1e+`                 | 3 | expected a digit in the exponent but found end of input",
        "`1e999`               | 0 | number 1e999 is out of range",
        "`tru`                 | 0 | expected a value but found 't'",
        "`nul1`                | 0 | expected a value but found 'n'",
        "`'a'`                 | 0 | expected a value but found '''",
        "`[NaN]`               | 1 | expected a value but found 'N'",
        "`{\"a\":1,\"a\":2}`   | 7 | duplicate key \"a\"",
        "`[1,2`                | 4 | expected ',' or ']' but found end of input",
        "`{\"a\":`             | 5 | expected a value but found end of input",
    })
    void rejectsMalformedInputNamingTheProblemAndPosition(String text, int offset, String reason) {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(text));
        assertTrue(e.reason().startsWith(reason), () -> "reason: " + e.reason());
        assertEquals(offset, e.offset(), e::getMessage);
        assertTrue(e.getMessage().contains("offset " + offset), e.getMessage());
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("\"a\nb\""));
        assertEquals("control character U+000A inside a string must be escaped", e.reason());
        assertEquals(2, e.offset());
    }

    @Test
    void reportsLineAndColumn() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertEquals("expected ':' after the key but found '2' at line 3, column 7 (offset 18)", e.getMessage());
    }

    @Test
    void parseObjectRejectsOtherKinds() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parseObject("[1]"));
        assertEquals("expected a JSON object but found an array", e.reason());
    }

    @Test
    void acceptsNestingUpToTheLimitAndRejectsDeeper() {
        int limit = Json.MAX_DEPTH;
        String ok = "[".repeat(limit) + "]".repeat(limit);
        Object value = Json.parse(ok);
        for (int i = 1; i < limit; i++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(List.of(), value);
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.parse("[".repeat(limit + 1) + "]".repeat(limit + 1)));
        assertEquals("nesting deeper than 512 objects and arrays", e.reason());
        assertEquals(limit, e.offset());
        assertEquals(Map.of("a", Map.of("a", List.of())), Json.parse("{\"a\":{\"a\":[]}}", 3));
        assertThrows(JsonParseException.class, () -> Json.parse("{\"a\":{\"a\":[]}}", 2));
    }

    @Test
    void hugeDeepInputNeverOverflowsTheStack() {
        String deep = "[{\"a\":".repeat(500_000);
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(deep, Integer.MAX_VALUE));
        assertEquals("expected a value but found end of input", e.reason());
        assertThrows(JsonParseException.class, () -> Json.parse(deep));
    }

    @Test
    void hugeFlatInputParses() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 1_000_000; i++) {
            text.append(i).append(',');
        }
        text.append("\"end\"]");
        List<?> list = (List<?>) Json.parse(text.toString());
        assertEquals(1_000_001, list.size());
        assertEquals(999_999L, list.get(999_999));
    }

    @Test
    void parsesPostgresExplainJson() {
        String explain = """
                [
                  {
                    "Plan": {
                      "Node Type": "Seq Scan",
                      "Parallel Aware": false,
                      "Relation Name": "orders",
                      "Alias": "orders",
                      "Startup Cost": 0.00,
                      "Total Cost": 1834.00,
                      "Plan Rows": 1,
                      "Plan Width": 36,
                      "Filter": "(customer_id = 42)",
                      "Rows Removed by Filter": 99999
                    },
                    "Planning Time": 0.061,
                    "Execution Time": 9.872
                  }
                ]""";
        List<?> plans = (List<?>) Json.parse(explain);
        Map<?, ?> plan = (Map<?, ?>) ((Map<?, ?>) plans.get(0)).get("Plan");
        assertEquals("Seq Scan", plan.get("Node Type"));
        assertEquals(1834.0, plan.get("Total Cost"));
        assertEquals(99999L, plan.get("Rows Removed by Filter"));
        assertEquals(Arrays.asList("Plan", "Planning Time", "Execution Time"),
                new ArrayList<>(((Map<?, ?>) plans.get(0)).keySet()));
    }
}
