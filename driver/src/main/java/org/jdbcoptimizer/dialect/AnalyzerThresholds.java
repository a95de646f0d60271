package org.jdbcoptimizer.dialect;

/**
 * The limits {@link PlanAnalyzer} judges a plan by. Immutable; validated on construction.
 *
 * @param largeScanRows a scan reading at least this many rows (per loop) reads a large table.
 *     Default 10,000; at least 1
 * @param selectiveFraction a filter discarding at least this fraction of the rows read is
 *     selective; a hash or merge join whose outer side has at most {@code 1 - selectiveFraction} of
 *     the inner table's rows would be better served by an index. Default 0.9; in (0, 1)
 * @param misestimateFactor actual and estimated rows differing by at least this factor, either
 *     way, are a misestimate. Default 10; greater than 1
 * @param misestimateMinRows misestimates where both the actual and the estimated rows are below
 *     this are ignored as noise. Default 1,000; at least 0
 * @param nestedLoopMinLoops a nested loop whose inner side runs at least this many times is large.
 *     Default 10,000; at least 1
 */
public record AnalyzerThresholds(long largeScanRows, double selectiveFraction, double misestimateFactor,
        long misestimateMinRows, long nestedLoopMinLoops) {

    public static final AnalyzerThresholds DEFAULTS = new AnalyzerThresholds(10_000, 0.9, 10, 1_000, 10_000);

    /** @throws IllegalArgumentException naming the first value out of range and the accepted range */
    public AnalyzerThresholds {
        check(largeScanRows >= 1, "largeScanRows", largeScanRows, "at least 1");
        check(selectiveFraction > 0 && selectiveFraction < 1, "selectiveFraction", selectiveFraction,
                "between 0 and 1, exclusive");
        check(misestimateFactor > 1, "misestimateFactor", misestimateFactor, "greater than 1");
        check(misestimateMinRows >= 0, "misestimateMinRows", misestimateMinRows, "at least 0");
        check(nestedLoopMinLoops >= 1, "nestedLoopMinLoops", nestedLoopMinLoops, "at least 1");
    }

    private static void check(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("AnalyzerThresholds." + name + "=" + value + " is out of range; it must be "
                    + range);
        }
    }
}
