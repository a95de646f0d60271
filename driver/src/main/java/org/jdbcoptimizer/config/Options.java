package org.jdbcoptimizer.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option the optimizer understands, declared once: name, type, default, range and meaning.
 * The README's option table is this list. Adding an option means adding a constant here and to
 * {@link #ALL}; nothing else needs to know the name.
 */
public final class Options {

    public static final Option<String> CONFIG = Option.string("config", null,
            "a file path",
            "Path of an optimizer.properties file to read instead of the one on the classpath.");

    public static final Option<String> TARGET_DRIVER = Option.string("targetDriver", null,
            "a java.sql.Driver class name",
            "The real driver's class; by default the first registered driver that accepts the URL.");

    public static final Option<Boolean> POOL = Option.bool("pool", true,
            "Pool physical connections; false when the application already runs a pool such as HikariCP.");

    public static final Option<String> POOL_NAME = Option.string("pool.name", null,
            "any text",
            "Name used in log lines, errors and metrics; default optimizer-pool-N.");

    public static final Option<Integer> POOL_MAX_SIZE = Option.integer("pool.maxSize", 10, 1, 10_000,
            "Most physical connections the pool holds, in use and idle together.");

    public static final Option<Integer> POOL_MIN_IDLE = Option.integer("pool.minIdle", 0, 0, 10_000,
            "Idle connections the pool keeps ready (at most pool.maxSize).");

    public static final Option<Duration> POOL_CONNECTION_TIMEOUT = Option.duration("pool.connectionTimeout",
            Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofHours(1), false,
            "How long getConnection waits for a free connection before SQLTransientConnectionException.");

    public static final Option<Duration> POOL_IDLE_TIMEOUT = Option.duration("pool.idleTimeout",
            Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofDays(1), true,
            "An idle connection above pool.minIdle is closed after this long unused.");

    public static final Option<Duration> POOL_MAX_LIFETIME = Option.duration("pool.maxLifetime",
            Duration.ofMinutes(30), Duration.ofMillis(100), Duration.ofDays(7), true,
            "A connection is retired after this age (less up to 2.5% random jitter), never while in use.");

    public static final Option<Duration> POOL_KEEPALIVE_TIME = Option.duration("pool.keepaliveTime",
            Duration.ofMinutes(2), Duration.ofMillis(100), Duration.ofDays(1), true,
            "An idle connection is validated this often, so firewalls and servers do not drop it.");

    public static final Option<Duration> POOL_VALIDATION_TIMEOUT = Option.duration("pool.validationTimeout",
            Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofMinutes(1), false,
            "Bound on Connection.isValid when a connection unused for 500 ms is handed out.");

    public static final Option<Duration> POOL_LEAK_DETECTION_THRESHOLD = Option.duration(
            "pool.leakDetectionThreshold", Duration.ZERO, Duration.ofMillis(1), Duration.ofDays(1), true,
            "Log the borrower's stack when a connection is held longer than this.");

    // --- statement analysis -----------------------------------------------------------------------

    public static final Option<Boolean> ANALYSIS = Option.bool("analysis", true,
            "Time every statement and keep statistics per statement shape; false turns off the slow-query log,"
                    + " EXPLAIN, N+1 detection and lints too.");

    public static final Option<Integer> ANALYSIS_MAX_SHAPES = Option.integer("analysis.maxShapes", 5_000, 10,
            1_000_000, "Most statement shapes whose statistics are kept; the least used are dropped beyond it.");

    public static final Option<Duration> SLOW_LOG_THRESHOLD = Option.duration("slowLog.threshold",
            Duration.ofMillis(500), Duration.ZERO, Duration.ofHours(1), false,
            "A statement taking at least this long (executing plus reading its rows) is written to the slow-query"
                    + " log and EXPLAINed; 0 logs every statement.");

    public static final Option<String> SLOW_LOG_FILE = Option.string("slowLog.file", "jdbc-optimizer/slow.jsonl",
            "a file path", "The slow-query log (JSON Lines), relative to the working directory unless absolute.");

    public static final Option<Long> SLOW_LOG_MAX_FILE_SIZE = Option.bytes("slowLog.maxFileSize", 10L << 20, 1024,
            1L << 30, "The log is rotated (file.1, file.2, ...) when it grows past this size.");

    public static final Option<Integer> SLOW_LOG_MAX_FILES = Option.integer("slowLog.maxFiles", 5, 0, 1_000,
            "Rotated files kept; older ones are deleted.");

    public static final Option<Integer> SLOW_LOG_SQL_MAX_LENGTH = Option.integer("slowLog.sqlMaxLength", 4_096, 100,
            1_000_000, "Statement text longer than this is cut in the log.");

    public static final Option<Boolean> LOG_PARAMETERS = Option.bool("log.parameters", false,
            "Write parameter values to the slow-query log; by default each is logged as ?.");

    public static final Option<Boolean> EXPLAIN = Option.bool("explain", true,
            "EXPLAIN slow statements on a separate connection, off the application's thread.");

    public static final Option<Boolean> EXPLAIN_ANALYZE = Option.bool("explain.analyze", false,
            "Use EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, only for plain SELECTs that cannot write, in a"
                    + " read-only transaction that is rolled back.");

    public static final Option<Duration> EXPLAIN_INTERVAL = Option.duration("explain.interval",
            Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1), false,
            "A statement shape is EXPLAINed at most once per interval.");

    public static final Option<Double> EXPLAIN_SAMPLE_RATE = Option.fraction("explain.sampleRate", 0.0,
            "Fraction of statements under the slow threshold that are also EXPLAINed and logged (sampling).");

    public static final Option<Duration> EXPLAIN_TIMEOUT = Option.duration("explain.timeout", Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofHours(1), false, "Statement timeout of one EXPLAIN.");

    public static final Option<Integer> N_PLUS_ONE_THRESHOLD = Option.integer("nPlusOne.threshold", 10, 0, 1_000_000,
            "A query shape run this many times in a row on one connection, with varying parameters, is an N+1;"
                    + " 0 turns detection off.");

    public static final Option<Duration> N_PLUS_ONE_WINDOW = Option.duration("nPlusOne.window",
            Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofHours(1), false,
            "A pause longer than this between two executions ends the run.");

    public static final Option<Integer> LINT_LARGE_OFFSET = Option.integer("lint.largeOffset", 1_000, 1,
            Integer.MAX_VALUE, "An OFFSET at least this large is reported as a lint.");

    public static final Option<Integer> LINT_UNBOUNDED_ROWS = Option.integer("lint.unboundedRows", 1_000, 1,
            Integer.MAX_VALUE, "A SELECT without LIMIT returning at least this many rows is reported as a lint.");

    public static final Option<Boolean> METRICS = Option.bool("metrics", true,
            "Publish Micrometer meters when Micrometer is on the classpath (to Metrics.globalRegistry unless"
                    + " OptimizerMetrics.bindTo is given a registry).");

    // --- result cache ---------------------------------------------------------------------------

    public static final Option<Boolean> CACHE = Option.bool("cache", false,
            "Answer repeated SELECTs from memory; writes through any connection of the process invalidate them.");

    public static final Option<Duration> CACHE_TTL = Option.duration("cache.ttl", Duration.ofSeconds(60),
            Duration.ofMillis(1), Duration.ofDays(7), false,
            "How long a cached result lives when no rule or hint says otherwise; also the longest a write made"
                    + " outside the optimizer can go unseen without an invalidation bus.");

    public static final Option<Long> CACHE_MAX_BYTES = Option.bytes("cache.maxBytes", 64L << 20, 1024, 64L << 30,
            "Bound on the estimated memory of all cached results; the least valuable are evicted beyond it.");

    public static final Option<Long> CACHE_MAX_RESULT_BYTES = Option.bytes("cache.maxResultBytes", 1L << 20, 64,
            1L << 30, "A result larger than this is not cached.");

    public static final Option<String> CACHE_INCLUDE = Option.string("cache.include", null,
            "comma-separated table names", "Cache only queries whose tables are all listed (default: every table).");

    public static final Option<String> CACHE_EXCLUDE = Option.string("cache.exclude", null,
            "comma-separated table names", "Never cache a query that reads one of these tables.");

    public static final Option<String> CACHE_TABLE_TTL = Option.string("cache.tableTtl", null,
            "table=duration pairs, comma-separated (e.g. prices=5s,categories=10m)",
            "Per-table TTL; a query reading several tables gets the shortest.");

    public static final Option<String> CACHE_SHAPES = Option.string("cache.shapes", null,
            "fingerprintId=duration pairs, comma-separated; 0 means never (e.g. 3f2a9c0d1e4b5a67=30s)",
            "Per statement shape rules, by the fingerprint id the slow-query log and statementStats() show:"
                    + " its TTL, or 0 to never cache it. Such a rule also caches a shape outside cache.include.");

    public static final Option<String> CACHE_SAFE_FUNCTIONS = Option.string("cache.safeFunctions", null,
            "comma-separated function names",
            "Functions that are deterministic and read no other table, so queries calling them may be cached"
                    + " (unknown functions are treated as volatile).");

    public static final Option<String> CACHE_BUS = Option.string("cache.bus", "none", "none, postgres or redis",
            "Carries invalidations between processes caching the same database: postgres (LISTEN/NOTIFY, sent"
                    + " inside the writing transaction) or redis (pub/sub plus version counters every hit checks).");

    public static final Option<String> CACHE_REDIS_URL = Option.string("cache.redis.url", "redis://127.0.0.1:6379",
            "a redis:// URL", "The Redis server of optimizer.cache.bus=redis.");

    // --- index advisor ---------------------------------------------------------------------------

    public static final Option<Boolean> ADVISOR = Option.bool("advisor", true,
            "Suggest indexes from the statements the application runs, in the background on a connection of its"
                    + " own, and write them to advisor.file; it never creates an index. Needs optimizer.analysis.");

    public static final Option<Duration> ADVISOR_INTERVAL = Option.duration("advisor.interval", Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofDays(1), false,
            "How often the advisor runs in the background (OptimizerDriver.advise() runs it on demand).");

    public static final Option<Integer> ADVISOR_MIN_CALLS = Option.integer("advisor.minCalls", 10, 1,
            Integer.MAX_VALUE, "A statement shape run fewer times than this is ignored by the advisor.");

    public static final Option<Duration> ADVISOR_MIN_TIME = Option.duration("advisor.minTime",
            Duration.ofMillis(100), Duration.ZERO, Duration.ofHours(1), false,
            "A statement shape whose executions took less than this in total is ignored by the advisor.");

    public static final Option<Integer> ADVISOR_MAX_SUGGESTIONS = Option.integer("advisor.maxSuggestions", 10, 1,
            1_000, "Most index suggestions per database in one advice.");

    public static final Option<String> ADVISOR_FILE = Option.string("advisor.file", "jdbc-optimizer/advice.jsonl",
            "a file path", "The advice log (JSON Lines, one advice per database and run), rotated like the slow-query"
                    + " log (slowLog.maxFileSize, slowLog.maxFiles).");

    public static final Option<Boolean> ADVISOR_HYPOTHETICAL = Option.bool("advisor.hypothetical", true,
            "On PostgreSQL, prove suggestions with hypothetical indexes (HypoPG, when installed in the database);"
                    + " false ranks them by heuristics only and marks them unproven.");

    /** Every option, in README order, keyed by name without prefix. */
    public static final Map<String, Option<?>> ALL = index(List.of(
            CONFIG, TARGET_DRIVER,
            POOL, POOL_NAME, POOL_MAX_SIZE, POOL_MIN_IDLE, POOL_CONNECTION_TIMEOUT, POOL_IDLE_TIMEOUT,
            POOL_MAX_LIFETIME, POOL_KEEPALIVE_TIME, POOL_VALIDATION_TIMEOUT, POOL_LEAK_DETECTION_THRESHOLD,
            ANALYSIS, ANALYSIS_MAX_SHAPES, SLOW_LOG_THRESHOLD, SLOW_LOG_FILE, SLOW_LOG_MAX_FILE_SIZE, SLOW_LOG_MAX_FILES,
            SLOW_LOG_SQL_MAX_LENGTH, LOG_PARAMETERS, EXPLAIN, EXPLAIN_ANALYZE, EXPLAIN_INTERVAL, EXPLAIN_SAMPLE_RATE,
            EXPLAIN_TIMEOUT, N_PLUS_ONE_THRESHOLD, N_PLUS_ONE_WINDOW, LINT_LARGE_OFFSET, LINT_UNBOUNDED_ROWS, METRICS,
            CACHE, CACHE_TTL, CACHE_MAX_BYTES, CACHE_MAX_RESULT_BYTES, CACHE_INCLUDE, CACHE_EXCLUDE, CACHE_TABLE_TTL,
            CACHE_SHAPES, CACHE_SAFE_FUNCTIONS, CACHE_BUS, CACHE_REDIS_URL,
            ADVISOR, ADVISOR_INTERVAL, ADVISOR_MIN_CALLS, ADVISOR_MIN_TIME, ADVISOR_MAX_SUGGESTIONS, ADVISOR_FILE,
            ADVISOR_HYPOTHETICAL));

    private Options() {
    }

    private static Map<String, Option<?>> index(List<Option<?>> options) {
        Map<String, Option<?>> byName = new LinkedHashMap<>();
        for (Option<?> option : options) {
            byName.put(option.name(), option);
        }
        return Collections.unmodifiableMap(byName);
    }
}
