package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.sql.SqlInfo;
import org.junit.jupiter.api.Test;

class NPlusOneTrackerTest {

    private static final long MS = 1_000_000;
    private final SqlInfo perOrder = SqlAnalyzer.shared().analyze("select * from order_items where order_id = ?");
    private final SqlInfo orders = SqlAnalyzer.shared().analyze("select id from orders where customer_id = ?");

    @Test
    void aRunOfTheSameShapeWithVaryingParametersIsReportedWhenItEnds() {
        NPlusOneTracker tracker = new NPlusOneTracker(5, 100 * MS);
        long now = 0;
        assertNull(tracker.observe(orders, 1, now += MS, MS));
        for (int i = 0; i < 12; i++) {
            assertNull(tracker.observe(perOrder, i, now += MS, MS), "reported only when the run ends");
        }
        NPlusOne found = tracker.observe(orders, 2, now += MS, MS);
        assertNotNull(found);
        assertEquals(12, found.count());
        assertEquals(12 * MS, found.totalNanos());
        assertEquals(perOrder.fingerprint(), found.fingerprint());
    }

    @Test
    void theSameParametersEveryTimeIsNotAnNPlusOne() {
        NPlusOneTracker tracker = new NPlusOneTracker(5, 100 * MS);
        long now = 0;
        for (int i = 0; i < 20; i++) {
            tracker.observe(perOrder, 42, now += MS, MS);
        }
        assertNull(tracker.finish());
    }

    @Test
    void shortRunsAndPausesAreNotReported() {
        NPlusOneTracker tracker = new NPlusOneTracker(5, 10 * MS);
        long now = 0;
        for (int i = 0; i < 4; i++) {
            tracker.observe(perOrder, i, now += MS, MS);
        }
        assertNull(tracker.finish(), "below the threshold");
        for (int i = 0; i < 10; i++) {
            now += 50 * MS; // each gap is longer than the window: every execution starts a new run
            assertNull(tracker.observe(perOrder, i, now, MS));
        }
        assertNull(tracker.finish());
    }

    @Test
    void theConnectionClosingEndsTheRun() {
        NPlusOneTracker tracker = new NPlusOneTracker(3, 100 * MS);
        long now = 0;
        for (int i = 0; i < 7; i++) {
            tracker.observe(perOrder, i, now += MS, MS);
        }
        NPlusOne found = tracker.finish();
        assertNotNull(found);
        assertEquals(7, found.count());
        assertNull(tracker.finish(), "reported once");
    }
}
