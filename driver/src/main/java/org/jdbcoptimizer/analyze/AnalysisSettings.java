package org.jdbcoptimizer.analyze;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.Options;

/** The analysis options in the form the analysis uses them. */
record AnalysisSettings(String poolName, long slowNanos, double sampleRate, int nPlusOneThreshold,
                        long nPlusOneGapNanos, int sqlMaxLength, boolean logParameters) {

    static AnalysisSettings from(OptimizerConfig config, String poolName) {
        return new AnalysisSettings(poolName, config.get(Options.SLOW_LOG_THRESHOLD).toNanos(),
                config.get(Options.EXPLAIN_SAMPLE_RATE), config.get(Options.N_PLUS_ONE_THRESHOLD),
                config.get(Options.N_PLUS_ONE_WINDOW).toNanos(), config.get(Options.SLOW_LOG_SQL_MAX_LENGTH),
                config.get(Options.LOG_PARAMETERS));
    }
}
