package org.jdbcoptimizer.analyze;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The slow-query log's event schema: the field names shared by the writer (the statement
 * analysis that builds events), {@link SlowQueryLogFile} and the {@code report} command.
 * {@code docs/SLOW_QUERY_LOG.md} is the user's copy of this table and must match it.
 *
 * <p>The file is JSON Lines: UTF-8, one JSON object per line, each line ending in {@code \n};
 * blank lines carry no event and are skipped. Fields appear in this order; optional ones are
 * left out rather than written as null. Readers must ignore fields they do not know.
 *
 * <table>
 * <caption>Event fields</caption>
 * <tr><th>field</th><th>type</th><th>meaning</th></tr>
 * <tr><td>{@code ts}</td><td>string</td><td>when the statement finished: ISO-8601 UTC with
 *     milliseconds, {@code 2025-01-31T12:34:56.789Z} (see {@link #timestamp(Instant)})</td></tr>
 * <tr><td>{@code event}</td><td>string</td><td>optional: {@code statement} (the default),
 *     {@code nPlusOne} or {@code lint}; see {@link #EVENT}</td></tr>
 * <tr><td>{@code fingerprint}</td><td>string</td><td>the normalized SQL ({@code SqlInfo.fingerprint()}):
 *     comments dropped, constants replaced by {@code ?}, whitespace and case folded; one per
 *     statement shape</td></tr>
 * <tr><td>{@code fingerprintId}</td><td>string</td><td>the fingerprint's 64-bit hash as sixteen
 *     lower-case hex digits ({@code SqlInfo.fingerprintHex()}); events are grouped by it
 *     (required)</td></tr>
 * <tr><td>{@code sql}</td><td>string</td><td>the text as sent, cut to the configured length (see
 *     {@link #truncateSql(String, int)})</td></tr>
 * <tr><td>{@code kind}</td><td>string</td><td>the {@code SqlStatementKind} name: QUERY, INSERT,
 *     UPDATE, DELETE, MERGE, DDL, TRANSACTION_CONTROL, SESSION, UTILITY or OTHER</td></tr>
 * <tr><td>{@code durationMs}</td><td>number</td><td>execution time in milliseconds, fractional
 *     (required)</td></tr>
 * <tr><td>{@code rows}</td><td>integer</td><td>rows returned or affected; -1 when unknown</td></tr>
 * <tr><td>{@code batchSize}</td><td>integer</td><td>optional: statements in a JDBC batch</td></tr>
 * <tr><td>{@code pool}</td><td>string</td><td>the pool's name</td></tr>
 * <tr><td>{@code autoCommit}</td><td>boolean</td><td>the connection's auto-commit mode</td></tr>
 * <tr><td>{@code inTransaction}</td><td>boolean</td><td>whether an explicit transaction was open</td></tr>
 * <tr><td>{@code params}</td><td>array of strings</td><td>one per bind parameter: {@code "?"} unless
 *     parameter logging is on, then the value with its type, e.g. {@code "42 (int)"}</td></tr>
 * <tr><td>{@code error}</td><td>object</td><td>optional, when the statement failed:
 *     {@code sqlState}, {@code message}</td></tr>
 * <tr><td>{@code plan}</td><td>object</td><td>optional: {@code format} ({@code "json"} or
 *     {@code "text"}), the plan as {@code json} (an EXPLAIN JSON value) or {@code text}, and
 *     {@code findings}: an array of objects with {@code kind}, {@code node}, {@code detail} and any
 *     numbers as further fields (e.g. {@code rows}, {@code cost}, {@code loops})</td></tr>
 * <tr><td>{@code lints}</td><td>array</td><td>optional: objects with {@code kind}, {@code message},
 *     {@code fix}</td></tr>
 * <tr><td>{@code nPlusOne}</td><td>object</td><td>optional: {@code count} (executions in the burst),
 *     {@code totalMs}, {@code callSite}</td></tr>
 * <tr><td>{@code callSite}</td><td>string</td><td>the first application frame, e.g.
 *     {@code com.shop.OrderDao.find(OrderDao.java:42)}</td></tr>
 * </table>
 *
 * <p>An event needs at least {@code fingerprintId} and {@code durationMs}; a line without them is
 * not an event. New fields may be added; a field's meaning never changes.
 */
public final class SlowQueryLogSchema {

    public static final String TS = "ts";
    /**
     * What the line records: {@link #EVENT_STATEMENT} (one execution; the default when absent),
     * {@link #EVENT_N_PLUS_ONE} (a run of executions, whose durationMs is the run's total) or
     * {@link #EVENT_LINT} (a shape's anti-patterns, logged once). Only statement events count as
     * calls in the report.
     */
    public static final String EVENT = "event";
    public static final String EVENT_STATEMENT = "statement";
    public static final String EVENT_N_PLUS_ONE = "nPlusOne";
    public static final String EVENT_LINT = "lint";
    /** Not a statement: a snapshot of the result cache's counters (no fingerprintId, no durationMs). */
    public static final String EVENT_CACHE_STATS = "cacheStats";
    /** cacheStats: the database (its URL without parameters, credentials redacted). */
    public static final String DATABASE = "database";
    /** cacheStats: the writing process ({@code pid@host}); counters are cumulative per process. */
    public static final String PROCESS = "process";
    /** cacheStats: the counters, as {@code OptimizerDriver.cacheStats()} names them. */
    public static final String CACHE = "cache";
    public static final String FINGERPRINT = "fingerprint";
    public static final String FINGERPRINT_ID = "fingerprintId";
    public static final String SQL = "sql";
    public static final String KIND = "kind";
    public static final String DURATION_MS = "durationMs";
    public static final String ROWS = "rows";
    public static final String BATCH_SIZE = "batchSize";
    public static final String POOL = "pool";
    public static final String AUTO_COMMIT = "autoCommit";
    public static final String IN_TRANSACTION = "inTransaction";
    public static final String PARAMS = "params";
    public static final String ERROR = "error";
    public static final String PLAN = "plan";
    public static final String LINTS = "lints";
    public static final String N_PLUS_ONE = "nPlusOne";
    public static final String CALL_SITE = "callSite";

    /** Fields of {@link #ERROR}. */
    public static final String ERROR_SQL_STATE = "sqlState";
    public static final String ERROR_MESSAGE = "message";

    /** Fields of {@link #PLAN}. */
    public static final String PLAN_FORMAT = "format";
    public static final String PLAN_TEXT = "text";
    public static final String PLAN_JSON = "json";
    public static final String PLAN_FINDINGS = "findings";

    /** Fields of a plan finding; any other numeric field is one of its numbers. */
    public static final String FINDING_KIND = "kind";
    public static final String FINDING_NODE = "node";
    public static final String FINDING_DETAIL = "detail";

    /** Fields of a lint. */
    public static final String LINT_KIND = "kind";
    public static final String LINT_MESSAGE = "message";
    public static final String LINT_FIX = "fix";

    /** Fields of {@link #N_PLUS_ONE}. */
    public static final String N_PLUS_ONE_COUNT = "count";
    public static final String N_PLUS_ONE_TOTAL_MS = "totalMs";
    public static final String N_PLUS_ONE_CALL_SITE = "callSite";
    public static final String N_PLUS_ONE_FIX = "fix";

    /** A parameter value that is not logged. */
    public static final String REDACTED_PARAMETER = "?";

    /** Every top-level field, in the order events write them. */
    public static final List<String> FIELDS = List.of(TS, EVENT, FINGERPRINT, FINGERPRINT_ID, SQL, KIND,
            DURATION_MS, ROWS, BATCH_SIZE, POOL, AUTO_COMMIT, IN_TRANSACTION, PARAMS, ERROR, PLAN, LINTS, N_PLUS_ONE,
            CALL_SITE);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SlowQueryLogSchema() {
    }

    /**
     * Formats {@link #TS}: UTC, always with three fraction digits, so that timestamps of years
     * 0000 to 9999 sort as text.
     */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * Cuts {@link #SQL} to at most {@code maxLength} characters of the original, never inside a
     * surrogate pair, marking a cut with {@code "... [N chars]"} where N is the original length.
     *
     * @param maxLength at least 1
     * @return the text unchanged when it is not longer than {@code maxLength}
     */
    public static String truncateSql(String sql, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        if (sql.length() <= maxLength) {
            return sql;
        }
        int cut = Character.isHighSurrogate(sql.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return sql.substring(0, cut) + "... [" + sql.length() + " chars]";
    }
}
