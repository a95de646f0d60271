package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;

import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * A shape the bounded statistics drop is marked retired, so that a connection that kept it looks it
 * up again instead of recording into an object nobody reports.
 */
class RetiredShapeTest {

    @Test
    void everyDroppedShapeIsRetiredAndEveryKeptOneIsNot() {
        StatementStatistics statistics = new StatementStatistics("p", 2, new Lints(1000, 1000));
        List<StatementStats> handedOut = new ArrayList<>();
        for (int table = 0; table < 10; table++) {
            String sql = "select * from t" + table + " where a = ?";
            handedOut.add(statistics.statsFor(SqlAnalyzer.shared().analyze(sql)));
        }
        assertEquals(2, statistics.size());
        long retired = handedOut.stream().filter(StatementStats::retired).count();
        assertEquals(8, retired);
        for (StatementStats kept : handedOut) {
            if (!kept.retired()) {
                assertEquals(kept, statistics.statsFor(kept.info()), "a live shape is the one the statistics hold");
            }
        }
        // Looked up again, a retired shape is replaced by a new object, so its holders stop recording into
        // the dropped one. (Which shapes W-TinyLFU keeps, and whether the new one stays, is its choice.)
        StatementStats dropped = handedOut.stream().filter(StatementStats::retired).findFirst().orElseThrow();
        assertNotSame(dropped, statistics.statsFor(dropped.info()), "looked up again: a new one");
    }
}
