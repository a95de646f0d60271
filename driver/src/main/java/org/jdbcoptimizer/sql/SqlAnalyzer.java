package org.jdbcoptimizer.sql;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Analyzes SQL text into {@link SqlInfo}, remembering the results.
 *
 * <p>Contract: {@link #analyze(String)} never throws for any input (null, empty, garbage, megabytes,
 * deep nesting) and always returns a result; what could not be understood is reported through
 * {@link SqlInfo#parsed()}. Results are values: analyzing the same text twice gives equal results.
 * Thread-safe.
 *
 * <p>Design note: two bounded Caffeine caches. The first maps the exact text to its
 * {@code SqlInfo}; a miss costs one tokenizer pass (linear, microseconds). The second maps a
 * <em>parse text</em> (the statement with constants neutralized, see {@link SqlFingerprint}) to
 * its parsed scope, so texts that differ only in literals ({@code id = 1}, {@code id = 2}) share
 * one parse. Parsing is the expensive step, so the second cache deduplicates it: the first
 * thread to miss installs an incomplete future and parses on its own thread, others wait for that
 * future; no lock is held while parsing (Caffeine's synchronous compute would hold a hash-bin lock
 * for the whole parse). The first cache is filled with plain put-after-compute: two threads
 * missing on the same text at once both tokenize, which is cheaper than coordinating them.
 * Both caches weigh an entry at 1 plus 1 per 4096 characters, so {@code maximumEntries} bounds the
 * number of entries and, roughly, the text held. Caffeine's maintenance runs on the calling
 * threads; this class starts no threads of its own (the parser's timeout watchdog is one shared
 * daemon thread that exits when idle). A parse that times out is reported unparsed and retried
 * after {@link #TIMED_OUT_RETRY}, since a timeout may come from a cold JVM or a loaded machine.
 */
public final class SqlAnalyzer {

    /** Default bound of each cache, in entries of up to 4096 characters. */
    public static final int DEFAULT_MAXIMUM_ENTRIES = 10_000;
    /** Default time one parse may take before the statement is reported unparsed. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(2);
    /** How long a timed-out parse is remembered before it is tried again. */
    public static final Duration TIMED_OUT_RETRY = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(SqlAnalyzer.class.getName());
    private static final int CHARS_PER_WEIGHT = 4096;

    private static final class Shared {
        static final SqlAnalyzer INSTANCE = new SqlAnalyzer();
    }

    private final Cache<String, SqlInfo> infos;
    private final AsyncCache<ParseKey, StatementScope> scopes;
    private final JsqlScopeParser parser;
    private final StatementAnalysis analysis;

    /** An analyzer with {@link #DEFAULT_MAXIMUM_ENTRIES} and {@link #DEFAULT_PARSE_TIMEOUT}. */
    public SqlAnalyzer() {
        this(DEFAULT_MAXIMUM_ENTRIES, DEFAULT_PARSE_TIMEOUT);
    }

    /**
     * @param maximumEntries bound of each cache, 1 to 10,000,000
     * @param parseTimeout time one parse may take, 1 ms to 1 minute
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     * @throws NullPointerException if {@code parseTimeout} is null
     */
    public SqlAnalyzer(int maximumEntries, Duration parseTimeout) {
        if (maximumEntries < 1 || maximumEntries > 10_000_000) {
            throw new IllegalArgumentException("maximumEntries is " + maximumEntries
                    + "; it must be between 1 and 10000000");
        }
        if (parseTimeout.compareTo(Duration.ofMillis(1)) < 0 || parseTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("parseTimeout is " + parseTimeout
                    + "; it must be between 1 ms and 1 minute");
        }
        this.infos = Caffeine.newBuilder()
                .maximumWeight(maximumEntries)
                .weigher((String text, SqlInfo info) -> weight(text))
                .executor(Runnable::run)
                .build();
        this.scopes = Caffeine.newBuilder()
                .maximumWeight(maximumEntries)
                .weigher((ParseKey key, StatementScope scope) -> weight(key.parseText()))
                .expireAfter(new RetryTimedOut())
                .executor(Runnable::run)
                .buildAsync();
        this.parser = new JsqlScopeParser(parseTimeout);
        this.analysis = new StatementAnalysis(this::scope);
    }

    /** The process-wide analyzer with default settings. */
    public static SqlAnalyzer shared() {
        return Shared.INSTANCE;
    }

    /**
     * Analyzes {@code sql}, or returns the remembered result.
     *
     * @param sql any text; null is treated as the empty string
     * @return the analysis, never null
     */
    public SqlInfo analyze(String sql) {
        String text = sql == null ? "" : sql;
        SqlInfo info = infos.getIfPresent(text);
        if (info != null) {
            return info;
        }
        try {
            info = analysis.analyze(text);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "jdbc-optimizer: SQL analysis failed; the statement is treated as unknown", e);
            info = new SqlInfo(text, "", SqlStatementKind.OTHER, 1, StatementScope.UNKNOWN, LexicalFacts.NONE, 0,
                    SqlHints.NONE);
        }
        if (!info.timedOut()) {
            infos.put(text, info);
        }
        return info;
    }

    /**
     * The row-level facts of {@code sql} (see {@link RowFacts}): parsed afresh on every call, so
     * callers remember the answer per text (the result cache does, per decision).
     *
     * @return {@link RowFacts#NONE} unless the text is a single row query, keyed update or keyed delete
     */
    public RowFacts rowFacts(String sql) {
        try {
            List<Token> statement = singleParseableStatement(sql);
            if (statement == null) {
                return RowFacts.NONE;
            }
            SqlStatementKind kind = Statements.kind(statement);
            if (kind != SqlStatementKind.QUERY && kind != SqlStatementKind.UPDATE && kind != SqlStatementKind.DELETE) {
                return RowFacts.NONE;
            }
            net.sf.jsqlparser.statement.Statement tree =
                    parser.tree(SqlFingerprint.parseText(ParserRewrite.apply(statement)));
            return tree == null ? RowFacts.NONE : RowFactsWalker.of(tree);
        } catch (RuntimeException | StackOverflowError e) {
            return RowFacts.NONE;
        }
    }

    /**
     * The {@code column = constant} conjuncts of the WHERE of {@code sql} (see
     * {@link ConstantFilter}), for the index advisor's partial indexes: parsed afresh, with the
     * literals kept, on every call (the shared parse has them replaced), so call it rarely.
     *
     * @return empty unless the text is a single SELECT, UPDATE or DELETE the parser reads
     */
    public List<ConstantFilter> constantFilters(String sql) {
        try {
            List<Token> statement = singleParseableStatement(sql);
            if (statement == null) {
                return List.of();
            }
            StringBuilder text = new StringBuilder();
            for (Token t : ParserRewrite.apply(statement)) {
                if (!t.type().isComment() && !t.is(TokenType.SEMICOLON)) {
                    // $1 and ?1 placeholders become plain ? as in the parse text; literals stay as written
                    text.append(text.length() == 0 ? "" : " ").append(t.is(TokenType.PLACEHOLDER) ? "?" : t.text());
                }
            }
            net.sf.jsqlparser.statement.Statement tree = parser.tree(text.toString());
            return tree == null ? List.of() : ConstantFilterWalker.of(tree);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** The tokens of {@code sql} when it is one statement the parser may be given, else null. */
    private static List<Token> singleParseableStatement(String sql) {
        List<List<Token>> statements = Statements.split(SqlLexer.tokenize(sql == null ? "" : sql));
        return statements.size() == 1 && StatementAnalysis.parseable(statements.get(0)) ? statements.get(0) : null;
    }

    /** The approximate number of texts remembered. */
    public long cachedTexts() {
        infos.cleanUp();
        return infos.estimatedSize();
    }

    /** The approximate number of distinct parse texts remembered. */
    long cachedParses() {
        scopes.synchronous().cleanUp();
        return scopes.synchronous().estimatedSize();
    }

    private StatementScope scope(String parseText, Set<String> outerCtes) {
        ParseKey key = new ParseKey(parseText, outerCtes);
        CompletableFuture<StatementScope> mine = new CompletableFuture<>();
        CompletableFuture<StatementScope> future = scopes.get(key, (k, executor) -> mine);
        if (future == mine) {
            StatementScope scope = StatementScope.UNKNOWN;
            try {
                scope = parser.parse(parseText, outerCtes);
            } finally {
                mine.complete(scope); // always, so no waiter can hang
            }
        }
        return future.join();
    }

    private static int weight(String text) {
        return 1 + text.length() / CHARS_PER_WEIGHT;
    }

    private record ParseKey(String parseText, Set<String> outerCtes) {
    }

    /** Timed-out parses expire so that they are retried; everything else stays until evicted. */
    private static final class RetryTimedOut implements Expiry<ParseKey, StatementScope> {
        private static final long RETRY_NANOS = TIMED_OUT_RETRY.toNanos();

        @Override
        public long expireAfterCreate(ParseKey key, StatementScope scope, long now) {
            return scope.timedOut() ? RETRY_NANOS : Long.MAX_VALUE;
        }

        @Override
        public long expireAfterUpdate(ParseKey key, StatementScope scope, long now, long current) {
            return expireAfterCreate(key, scope, now);
        }

        @Override
        public long expireAfterRead(ParseKey key, StatementScope scope, long now, long current) {
            return current;
        }
    }
}
