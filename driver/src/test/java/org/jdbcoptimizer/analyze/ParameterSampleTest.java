package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

/** The copy of observed parameters a shape keeps for the index advisor. */
class ParameterSampleTest {

    private final StatementStats stats = new StatementStatistics("p", 100, new Lints(1000, 1000))
            .statsFor(SqlAnalyzer.shared().analyze("select * from t where a = ? and b = ?"));

    @Test
    void theLiveArrayIsCopiedNeverKept() {
        Object[] live = {1, "x"};
        stats.sampleParameters(live);
        live[0] = 99;
        assertEquals(List.of(1, "x"), stats.sampledParameters());
    }

    @Test
    void theSampleIsRefreshedOnlyEverySampleInterval() {
        stats.sampleParameters(new Object[] {1, null});
        for (int i = 1; i < StatementStats.SAMPLE_EVERY; i++) {
            stats.sampleParameters(new Object[] {2, "b"});
        }
        assertEquals(Arrays.asList(1, null), stats.sampledParameters(), "values may be null");
        stats.sampleParameters(new Object[] {3, "c"});
        assertEquals(List.of(3, "c"), stats.sampledParameters());
    }

    @Test
    void parametersThatCouldNotBeRecordedAreNotSampled() {
        stats.sampleParameters(new Object[] {ExecutionListener.UNBINDABLE, 1});
        assertEquals(List.of(), stats.sampledParameters());
    }

    @Test
    void aShapeRunWithOtherLiteralsIsNoticed() {
        StatementStats literal = new StatementStatistics("p", 100, new Lints(1000, 1000))
                .statsFor(SqlAnalyzer.shared().analyze("select * from t where status = 'new'"));
        literal.observedText("select * from t where status = 'new'");
        assertTrue(literal.sameTextAlways());
        literal.observedText("select * from t where status = 'old'");
        assertFalse(literal.sameTextAlways());
    }
}
