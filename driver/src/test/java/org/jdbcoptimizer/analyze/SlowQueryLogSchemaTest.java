package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SlowQueryLogSchemaTest {

    @Test
    void theUserDocumentListsEveryFieldInSchemaOrder() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "SLOW_QUERY_LOG.md"));
        int previous = -1;
        for (String field : SlowQueryLogSchema.FIELDS) {
            int row = doc.indexOf("| `" + field + "` |");
            assertTrue(row >= 0, "docs/SLOW_QUERY_LOG.md lacks a table row for " + field);
            assertTrue(row > previous, field + " is out of order in docs/SLOW_QUERY_LOG.md");
            previous = row;
        }
    }

    @Test
    void timestampsAreUtcWithMillisecondsAndSortAsText() {
        assertEquals("2025-01-31T12:34:56.000Z", SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:34:56Z")));
        assertEquals("2025-01-31T12:34:56.789Z",
                SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:34:56.789999Z")));
        assertTrue(SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:34:56.9Z"))
                .compareTo(SlowQueryLogSchema.timestamp(Instant.parse("2025-01-31T12:34:57Z"))) < 0);
    }

    @Test
    void truncatesSqlWithAMarkerNeverSplittingASurrogatePair() {
        assertEquals("select 1", SlowQueryLogSchema.truncateSql("select 1", 8));
        assertEquals("selec... [8 chars]", SlowQueryLogSchema.truncateSql("select 1", 5));
        assertEquals("ab... [4 chars]", SlowQueryLogSchema.truncateSql("ab\uD83D\uDE00", 3));
        assertThrows(IllegalArgumentException.class, () -> SlowQueryLogSchema.truncateSql("x", 0));
    }
}
