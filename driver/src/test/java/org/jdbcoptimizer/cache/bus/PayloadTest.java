package org.jdbcoptimizer.cache.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void tablesAreSentLowerCaseWithTheSender() {
        List<String> messages = Payload.encode("abc", new LinkedHashSet<>(List.of("Orders", "items")), false, 7999);
        assertEquals(List.of("1|abc|orders,items"), messages);
        Payload.Message message = Payload.decode(messages.get(0));
        assertEquals("abc", message.sender());
        assertEquals(Set.of("orders", "items"), message.tables());
        assertFalse(message.everything());
    }

    @Test
    void everythingIsAStar() {
        assertEquals(List.of("1|abc|*"), Payload.encode("abc", Set.of("orders"), true, 7999));
        assertTrue(Payload.decode("1|abc|*").everything());
    }

    @Test
    void nothingWrittenSendsNothing() {
        assertEquals(List.of(), Payload.encode("abc", Set.of(), false, 7999));
        assertNull(Payload.encodeOne("abc", Set.of(), false));
    }

    @Test
    void namesThatCannotBeSentExactlyBecomeEverything() {
        assertEquals(List.of("1|abc|*"), Payload.encode("abc", Set.of("a,b"), false, 7999));
        assertEquals(List.of("1|abc|*"), Payload.encode("abc", Set.of(""), false, 7999));
        assertEquals(List.of("1|abc|*"), Payload.encode("abc", Set.of("*"), false, 7999));
    }

    @Test
    void tooManyTablesAreSplitWithinTheLimit() {
        Set<String> tables = new LinkedHashSet<>();
        for (int i = 0; i < 2_000; i++) {
            tables.add(String.format("table_%04d", i));
        }
        List<String> messages = Payload.encode("abc", tables, false, 7999);
        assertTrue(messages.size() >= 3, messages.size() + " messages");
        Set<String> received = new LinkedHashSet<>();
        for (String message : messages) {
            assertTrue(Payload.utf8Length(message) <= 7999, "a message of " + Payload.utf8Length(message) + " bytes");
            received.addAll(Payload.decode(message).tables());
        }
        assertEquals(tables, received);
    }

    @Test
    void limitCountsUtf8Bytes() {
        String name = "é".repeat(3000);
        List<String> messages = Payload.encode("abc", new LinkedHashSet<>(List.of(name, name + "x")), false, 7999);
        assertEquals(2, messages.size());
        messages.forEach(m -> assertTrue(Payload.utf8Length(m) <= 7999));
    }

    @Test
    void aNameLongerThanTheLimitBecomesEverything() {
        assertEquals(List.of("1|abc|*"), Payload.encode("abc", Set.of("x".repeat(8_000)), false, 7999));
    }

    @Test
    void oddMessagesDecodeAsEverything() {
        assertTrue(Payload.decode(null).everything());
        assertTrue(Payload.decode("hello").everything());
        assertTrue(Payload.decode("2|abc|orders").everything());
        assertTrue(Payload.decode("1||orders").everything());
        assertTrue(Payload.decode("1|abc|orders,,items").everything());
        assertTrue(Payload.decode("1|abc|").everything());
        assertEquals("abc", Payload.decode("2|abc|orders").sender());
    }

    @Test
    void theTriggersMessageDecodes() {
        Payload.Message message = Payload.decode("1|db|orders");
        assertEquals(Payload.DATABASE_SENDER, message.sender());
        assertEquals(Set.of("orders"), message.tables());
    }

    @Test
    void senderIdsDiffer() {
        assertNotEquals(Payload.newSenderId(), Payload.newSenderId());
        assertEquals(16, Payload.newSenderId().length());
    }
}
