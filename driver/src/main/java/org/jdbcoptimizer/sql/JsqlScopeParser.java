package org.jdbcoptimizer.sql;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * The one place that calls JSqlParser: parses a parse text (see {@link SqlFingerprint#parseText})
 * and walks the tree into a {@link StatementScope}. No JSqlParser type leaves this package.
 *
 * <p>Design note: parsing runs on the caller's thread (a hand-off to another thread would cost
 * more than most parses). JSqlParser's own timeout needs an executor per call, so instead a
 * shared daemon watchdog sets the parser's public {@code interrupted} flag when the time is up;
 * JSqlParser checks that flag in the expression rules where its backtracking explodes, and any
 * tree produced after the flag was set is discarded. Like {@code CCJSqlParserUtil.parse}, a
 * cheap parse without complex look-ahead is tried first and the complex one only for shallow
 * nesting. Texts nested deeper than {@link #MAX_NESTING} or longer than {@link #MAX_LENGTH} are
 * not parsed at all, and a {@link StackOverflowError} is caught: both give an unknown scope.
 * Thread-safe: parsers are created per call, the watchdog is shared.
 */
final class JsqlScopeParser {

    /** Parenthesis depth above which the recursive-descent parser is not even tried. */
    static final int MAX_NESTING = 100;
    /** Parse-text length above which parsing is not tried (literals are already folded away). */
    static final int MAX_LENGTH = 200_000;
    /** JSqlParser's own threshold for retrying with complex parsing. */
    private static final int COMPLEX_PARSING_MAX_NESTING = 10;

    private static final System.Logger LOG = System.getLogger(JsqlScopeParser.class.getName());

    private final long timeoutMillis;

    JsqlScopeParser(Duration timeout) {
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /**
     * The scope of one statement, never null and never throwing (except VirtualMachineErrors
     * other than stack overflow).
     *
     * @param parseText a single statement in parse-text form
     * @param outerCtes CTE names of an enclosing statement, which are not tables
     */
    StatementScope parse(String parseText, Set<String> outerCtes) {
        if (parseText.length() > MAX_LENGTH || CCJSqlParserUtil.getNestingDepth(parseText) > MAX_NESTING) {
            return StatementScope.UNKNOWN;
        }
        try {
            Statement statement = parseStatement(parseText);
            if (statement == null) {
                return StatementScope.TIMED_OUT;
            }
            ScopeBuilder out = new ScopeBuilder();
            new AstWalker(out).statement(statement, NameScope.root(outerCtes));
            return out.build();
        } catch (StackOverflowError | Exception e) {
            LOG.log(Level.DEBUG, () -> "jdbc-optimizer: cannot analyze [" + parseText + "]: " + e);
            return StatementScope.UNKNOWN;
        }
    }

    /**
     * The parse tree of one statement in parse-text form, for analyses beyond the scope (see
     * {@link RowFactsWalker}); null when it cannot be parsed in time. Never throws.
     */
    Statement tree(String parseText) {
        if (parseText.length() > MAX_LENGTH || CCJSqlParserUtil.getNestingDepth(parseText) > MAX_NESTING) {
            return null;
        }
        try {
            return parseStatement(parseText);
        } catch (StackOverflowError | Exception e) {
            return null;
        }
    }

    /** The statement, or null if the time ran out. */
    private Statement parseStatement(String text) throws Exception {
        Interruptible current = new Interruptible();
        ScheduledFuture<?> alarm = Watchdog.EXECUTOR.schedule(current::interrupt, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            Statement statement;
            try {
                statement = current.start(CCJSqlParserUtil.newParser(text).withAllowComplexParsing(false)).Statement();
            } catch (Exception simpleFailed) {
                if (current.interrupted() || CCJSqlParserUtil.getNestingDepth(text) > COMPLEX_PARSING_MAX_NESTING) {
                    throw simpleFailed;
                }
                statement = current.start(CCJSqlParserUtil.newParser(text).withAllowComplexParsing(true)).Statement();
            }
            return current.interrupted() ? null : statement;
        } catch (Exception e) {
            if (current.interrupted()) {
                return null;
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    /** The parser currently running for one call, and whether the watchdog fired. */
    private static final class Interruptible {
        private volatile CCJSqlParser parser;
        private volatile boolean fired;

        CCJSqlParser start(CCJSqlParser p) {
            parser = p;
            if (fired) {
                p.interrupted = true;
            }
            return p;
        }

        void interrupt() {
            fired = true;
            CCJSqlParser p = parser;
            if (p != null) {
                p.interrupted = true;
            }
        }

        boolean interrupted() {
            return fired;
        }
    }

    /** One daemon thread shared by every analyzer; tasks are tiny (set a flag). */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "jdbc-optimizer-parse-watchdog");
                t.setDaemon(true);
                t.setContextClassLoader(JsqlScopeParser.class.getClassLoader()); // never pin an app's loader
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            e.setKeepAliveTime(30, TimeUnit.SECONDS);
            e.allowCoreThreadTimeOut(true); // no idle thread left behind
            return e;
        }
    }
}
