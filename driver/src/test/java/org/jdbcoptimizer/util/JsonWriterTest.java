package org.jdbcoptimizer.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesScalarsCompactly() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("-42", Json.write(-42));
        assertEquals("9223372036854775807", Json.write(Long.MAX_VALUE));
        assertEquals("1.5", Json.write(1.5));
        assertEquals("0.1", Json.write(0.1f));
        assertEquals("12345678901234567890123", Json.write(new BigInteger("12345678901234567890123")));
        assertEquals("1.10", Json.write(new BigDecimal("1.10")));
        assertEquals("\"x\"", Json.write('x'));
        assertEquals("\"SECONDS\"", Json.write(java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void nanAndInfinityAreWrittenAsNull() {
        assertEquals("[null,null,null,null]",
                Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)));
    }

    @Test
    void mapsKeepInsertionOrderAndNest() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("z", 1L);
        event.put("a", List.of("x", Map.of("k", false)));
        event.put("m", new Object[] {null, 2.25});
        event.put("empty", Map.of());
        assertEquals("{\"z\":1,\"a\":[\"x\",{\"k\":false}],\"m\":[null,2.25],\"empty\":{}}", Json.write(event));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c/d\"", Json.write("a\"b\\c/d"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\\u0007\"", Json.write("\n\r\t\b\f\u0000\u001f\u0007"));
        assertEquals("\"del\u007f stays\"", Json.write("del\u007f stays"));
    }

    @Test
    void escapesJavaScriptLineSeparators() {
        assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
    }

    @Test
    void keepsSurrogatePairsAndReplacesLoneSurrogates() {
        String emoji = "\uD83D\uDE00";
        assertEquals("\"" + emoji + "\"", Json.write(emoji));
        assertEquals("\"a\uFFFDb\"", Json.write("a\uD83Db"));
        assertEquals("\"a\uFFFDb\"", Json.write("a\uDE00b"));
        assertEquals("\"\uFFFD\"", Json.write("\uD83D"));
        assertEquals("\"\uFFFD" + emoji + "\"", Json.write("\uDE00" + emoji));
    }

    @Test
    void outputIsAlwaysValidUtf8WithoutLineBreaks() throws CharacterCodingException {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(4) == 0 ? (char) (0xD800 + random.nextInt(0x800)) : (char) random.nextInt(0x3000);
            }
            String json = Json.write(Map.of("s", new String(chars)));
            assertFalse(json.contains("\n") || json.contains("\r") || json.contains("\u2028"), json);
            StandardCharsets.UTF_8.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                    .onMalformedInput(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(json));
        }
    }

    @Test
    void rejectsUnsupportedTypesNamingTheClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Map.of("when", new java.util.Date())));
        assertTrue(e.getMessage().contains("java.util.Date"), e.getMessage());
    }

    @Test
    void rejectsNullKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> Json.write(map));
    }

    @Test
    void aMapContainingItselfFailsCleanlyInsteadOfOverflowingTheStack() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("self", map);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(map));
        assertTrue(e.getMessage().contains("512"), e.getMessage());
    }

    @Test
    void writesNestingUpToTheLimit() {
        Object value = "leaf";
        for (int i = 0; i < Json.MAX_DEPTH; i++) {
            value = new ArrayList<>(List.of(value));
        }
        String json = Json.write(value);
        assertEquals(Json.MAX_DEPTH * 2 + 6, json.length());
        Object tooDeep = new ArrayList<>(Arrays.asList(value));
        assertThrows(IllegalArgumentException.class, () -> Json.write(tooDeep));
    }

    @Test
    void appendsToAnExistingBuilder() {
        StringBuilder out = new StringBuilder("prefix:");
        assertEquals("prefix:[1,2]", Json.write(List.of(1, 2), out).toString());
    }
}
