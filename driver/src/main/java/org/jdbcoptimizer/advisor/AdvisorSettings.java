package org.jdbcoptimizer.advisor;

import java.time.Duration;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.Options;

/** The advisor's options in the form it uses them. */
record AdvisorSettings(Duration interval, long minCalls, long minNanos, int maxSuggestions, String file,
                       boolean hypothetical, int timeoutSeconds, long maxFileBytes, int maxFiles) {

    static AdvisorSettings from(OptimizerConfig config) {
        return new AdvisorSettings(config.get(Options.ADVISOR_INTERVAL), config.get(Options.ADVISOR_MIN_CALLS),
                config.get(Options.ADVISOR_MIN_TIME).toNanos(), config.get(Options.ADVISOR_MAX_SUGGESTIONS),
                config.get(Options.ADVISOR_FILE), config.get(Options.ADVISOR_HYPOTHETICAL),
                (int) Math.max(1, config.get(Options.EXPLAIN_TIMEOUT).toSeconds()),
                config.get(Options.SLOW_LOG_MAX_FILE_SIZE), config.get(Options.SLOW_LOG_MAX_FILES));
    }
}
