package org.jdbcoptimizer.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.dialect.PlanFinding;
import org.jdbcoptimizer.sql.SqlInfo;

import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.*;

/**
 * Builds the slow-query log's events (see {@link SlowQueryLogSchema}) from what the wrappers
 * reported. Runs on the application's thread only for statements that are logged, so it may
 * allocate; it never runs for the fast majority.
 */
final class SlowEvents {

    private final int sqlMaxLength;
    private final boolean logParameters;

    SlowEvents(int sqlMaxLength, boolean logParameters) {
        this.sqlMaxLength = sqlMaxLength;
        this.logParameters = logParameters;
    }

    /** A slow (or sampled) execution. */
    Map<String, Object> statement(SqlInfo info, long nanos, long rows, int batchSize, Throwable error, String pool,
                                  boolean autoCommit, boolean inTransaction, Object[] parameters, List<Lint> lints,
                                  String callSite) {
        Map<String, Object> event = start(EVENT_STATEMENT, info, nanos);
        event.put(ROWS, rows);
        if (batchSize > 0) {
            event.put(BATCH_SIZE, batchSize);
        }
        event.put(POOL, pool);
        event.put(AUTO_COMMIT, autoCommit);
        event.put(IN_TRANSACTION, inTransaction);
        event.put(PARAMS, parameters(parameters));
        if (error != null) {
            Map<String, Object> failure = new LinkedHashMap<>();
            if (error instanceof java.sql.SQLException && ((java.sql.SQLException) error).getSQLState() != null) {
                failure.put(ERROR_SQL_STATE, ((java.sql.SQLException) error).getSQLState());
            }
            failure.put(ERROR_MESSAGE, String.valueOf(error.getMessage()));
            event.put(ERROR, failure);
        }
        if (!lints.isEmpty()) {
            event.put(LINTS, lints(lints));
        }
        event.put(CALL_SITE, callSite);
        return event;
    }

    /** An N+1 run; durationMs is the run's total. */
    Map<String, Object> nPlusOne(SqlInfo info, NPlusOne run, String pool) {
        Map<String, Object> event = start(EVENT_N_PLUS_ONE, info, run.totalNanos());
        event.put(POOL, pool);
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put(N_PLUS_ONE_COUNT, run.count());
        burst.put(N_PLUS_ONE_TOTAL_MS, run.totalNanos() / 1e6);
        burst.put(N_PLUS_ONE_CALL_SITE, run.callSite());
        burst.put(N_PLUS_ONE_FIX, run.fix());
        event.put(N_PLUS_ONE, burst);
        event.put(CALL_SITE, run.callSite());
        return event;
    }

    /** The lints of a shape, logged once when first seen, even when it is never slow. */
    Map<String, Object> lints(SqlInfo info, long nanos, List<Lint> lints, String pool, String callSite) {
        Map<String, Object> event = start(EVENT_LINT, info, nanos);
        event.put(POOL, pool);
        event.put(LINTS, lints(lints));
        event.put(CALL_SITE, callSite);
        return event;
    }

    /** Adds an EXPLAIN's plan and findings to an event. */
    static void addPlan(Map<String, Object> event, String format, Object plan, List<PlanFinding> findings) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(PLAN_FORMAT, format);
        entry.put(format.equals("json") ? PLAN_JSON : PLAN_TEXT, plan);
        List<Map<String, Object>> found = new ArrayList<>();
        for (PlanFinding finding : findings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(FINDING_KIND, finding.kind().name());
            item.put(FINDING_NODE, finding.node());
            item.put(FINDING_DETAIL, finding.detail());
            item.putAll(finding.numbers());
            found.add(item);
        }
        entry.put(PLAN_FINDINGS, found);
        event.put(PLAN, entry);
    }

    private Map<String, Object> start(String type, SqlInfo info, long nanos) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(TS, timestamp(Instant.now()));
        event.put(EVENT, type);
        event.put(FINGERPRINT, info.fingerprint());
        event.put(FINGERPRINT_ID, info.fingerprintHex());
        event.put(SQL, truncateSql(info.text(), sqlMaxLength));
        event.put(KIND, info.kind().name());
        event.put(DURATION_MS, nanos / 1e6);
        return event;
    }

    private List<String> parameters(Object[] values) {
        List<String> rendered = new ArrayList<>();
        if (values != null) {
            for (Object value : values) {
                rendered.add(logParameters ? render(value) : REDACTED_PARAMETER);
            }
        }
        return rendered;
    }

    static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value instanceof byte[] ? "<" + ((byte[]) value).length + " bytes>" : String.valueOf(value);
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return text + " (" + value.getClass().getSimpleName() + ")";
    }

    private static List<Map<String, Object>> lints(List<Lint> lints) {
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (Lint lint : lints) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(LINT_KIND, lint.kind().name());
            item.put(LINT_MESSAGE, lint.message());
            item.put(LINT_FIX, lint.fix());
            rendered.add(item);
        }
        return rendered;
    }
}
