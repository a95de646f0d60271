package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one SQL text into a {@link SqlInfo}: tokenizes, fingerprints, splits statements, picks the
 * analysis for each statement by its kind, and asks a {@link ScopeSource} (the parser, behind a
 * cache) for the parts that need parsing. Stateless apart from its source; thread-safe if the
 * source is.
 *
 * <p>Per kind: transaction control and session commands touch no table; queries and DML are
 * parsed; DDL and COPY are read lexically by {@link DdlScanner} (their embedded queries parsed);
 * EXPLAIN analyzes the explained statement (keeping its writes only with ANALYZE); VACUUM,
 * ANALYZE, LOCK and the like touch no rows; CALL, DO, EXECUTE and anything unknown have unknown
 * reach. Data-modifying CTEs ({@code WITH d AS (DELETE ...) SELECT ...}), which JSqlParser 5.0
 * cannot parse, are cut out and analyzed as statements of their own, the CTE names being passed
 * along so they are not mistaken for tables.
 */
final class StatementAnalysis {

    /** Provides the scope of a parse text, e.g. by parsing it. */
    @FunctionalInterface
    interface ScopeSource {
        StatementScope scope(String parseText, Set<String> outerCtes);
    }

    /** Leading words of statements that read and write no table rows. */
    private static final Set<String> ROWLESS = Set.of("vacuum", "analyze", "analyse", "checkpoint", "reindex",
            "cluster", "lock", "listen", "unlisten", "notify", "deallocate", "prepare");
    private static final Set<String> DATA_MODIFYING = Set.of("insert", "update", "delete", "merge", "replace");

    private final ScopeSource source;

    StatementAnalysis(ScopeSource source) {
        this.source = source;
    }

    SqlInfo analyze(String text) {
        List<Token> tokens = SqlLexer.tokenize(text);
        String fingerprint = SqlFingerprint.fingerprint(tokens);
        SqlHints hints = SqlHints.fromComments(tokens);
        int placeholders = placeholders(tokens);
        List<List<Token>> statements = Statements.split(tokens);
        ScopeBuilder scope = new ScopeBuilder();
        if (tokens.stream().anyMatch(Token::unterminated)) {
            scope.add(StatementScope.UNKNOWN); // the server rejects an unclosed quote or comment
        }
        SqlStatementKind kind = SqlStatementKind.OTHER;
        LexicalFacts facts = LexicalFacts.NONE;
        boolean mainFound = false;
        for (List<Token> statement : statements) {
            SqlStatementKind k = Statements.kind(statement);
            scope.add(scopeOf(statement, k, Set.of()));
            boolean setup = k == SqlStatementKind.TRANSACTION_CONTROL || k == SqlStatementKind.SESSION;
            if (!mainFound && (!setup || statement == statements.get(0))) {
                kind = k;
                facts = LexicalFacts.of(statement, k);
                mainFound = !setup;
            }
        }
        return new SqlInfo(text, fingerprint, kind, statements.size(), scope.build(), facts, placeholders, hints);
    }

    private StatementScope scopeOf(List<Token> s, SqlStatementKind kind, Set<String> outerCtes) {
        Token first = s.get(Statements.firstWord(s) < s.size() ? Statements.firstWord(s) : 0);
        switch (kind) {
            case TRANSACTION_CONTROL, SESSION:
                return StatementScope.EMPTY;
            case QUERY, INSERT, UPDATE, DELETE, MERGE:
                return dml(s, outerCtes);
            case DDL:
                return ddl(s);
            default:
                if (first.is("copy")) {
                    return ddl(s);
                }
                if (first.is("explain")) {
                    return explain(s, outerCtes);
                }
                return first.isAny(ROWLESS) ? StatementScope.EMPTY : StatementScope.UNKNOWN;
        }
    }

    private StatementScope ddl(List<Token> s) {
        DdlScanner.Result r = DdlScanner.scan(s);
        if (r == null) {
            return StatementScope.UNKNOWN;
        }
        ScopeBuilder b = new ScopeBuilder();
        r.written().forEach(b::written);
        r.read().forEach(b::read);
        for (List<Token> query : r.queries()) {
            boolean isQuery = !query.isEmpty() && Statements.kind(query) == SqlStatementKind.QUERY;
            b.add(isQuery ? dml(query, Set.of()) : StatementScope.UNKNOWN);
        }
        return b.build();
    }

    /** EXPLAIN [ANALYZE] [VERBOSE] | EXPLAIN (options) | EXPLAIN QUERY PLAN (SQLite), then a statement. */
    private StatementScope explain(List<Token> s, Set<String> outerCtes) {
        int i = 1;
        boolean analyze = false;
        if (i < s.size() && s.get(i).is(TokenType.LPAREN)) {
            int close = Statements.closing(s, i);
            for (int j = i + 1; j < close; j++) {
                if (s.get(j).is("analyze") || s.get(j).is("analyse")) {
                    Token v = s.get(j + 1);
                    analyze = !(v.is("false") || v.is("off") || v.text().equals("0"));
                }
            }
            i = close + 1;
        } else {
            while (i < s.size() && (s.get(i).is("analyze") || s.get(i).is("analyse") || s.get(i).is("verbose")
                    || s.get(i).is("query") || s.get(i).is("plan"))) {
                analyze |= s.get(i).is("analyze") || s.get(i).is("analyse");
                i++;
            }
        }
        if (i >= s.size()) {
            return StatementScope.EMPTY;
        }
        List<Token> inner = s.subList(i, s.size());
        StatementScope scope = scopeOf(inner, Statements.kind(inner), outerCtes);
        return analyze ? scope : scope.withoutWrites();
    }

    private StatementScope dml(List<Token> s, Set<String> outerCtes) {
        if (!s.get(0).is("with")) {
            return parse(s, outerCtes);
        }
        Statements.WithClause with = Statements.with(s, 0);
        if (with == null) {
            return parse(s, outerCtes);
        }
        Set<String> names = new HashSet<>(outerCtes);
        List<Statements.Cte> modifying = new ArrayList<>();
        for (Statements.Cte cte : with.ctes()) {
            names.add(cte.name());
            List<Token> body = s.subList(cte.bodyFrom(), cte.bodyTo());
            int w = Statements.firstWord(body);
            if (w < body.size() && body.get(w).isAny(DATA_MODIFYING)) {
                modifying.add(cte);
            }
        }
        if (modifying.isEmpty()) {
            return parse(s, outerCtes);
        }
        ScopeBuilder b = new ScopeBuilder();
        List<Token> main = new ArrayList<>(s);
        for (int c = modifying.size() - 1; c >= 0; c--) { // from the end, so earlier indexes stay valid
            Statements.Cte cte = modifying.get(c);
            List<Token> body = s.subList(cte.bodyFrom(), cte.bodyTo());
            b.add(scopeOf(body, Statements.kind(body), Set.copyOf(names)));
            int depth = body.get(0).depth();
            List<Token> range = main.subList(cte.bodyFrom(), cte.bodyTo());
            range.clear();
            range.add(Token.synthetic(TokenType.WORD, "select", depth));
            range.add(Token.synthetic(TokenType.WORD, "null", depth));
        }
        return b.add(parse(main, outerCtes)).build();
    }

    private StatementScope parse(List<Token> s, Set<String> outerCtes) {
        if (!parseable(s)) {
            return StatementScope.UNKNOWN;
        }
        return source.scope(SqlFingerprint.parseText(ParserRewrite.apply(s)), outerCtes);
    }

    /**
     * Balanced brackets (the server rejects anything else, and unbalanced input sends JSqlParser into
     * endless backtracking) and no semicolon (JSqlParser would silently parse only the part before it,
     * hiding whatever follows, e.g. after a word that made {@link Statements#split} keep a block).
     */
    static boolean parseable(List<Token> s) {
        int parens = 0;
        int brackets = 0;
        for (Token t : s) {
            switch (t.type()) {
                case SEMICOLON -> {
                    return false;
                }
                case LPAREN -> parens++;
                case RPAREN -> parens--;
                case LBRACKET -> brackets++;
                case RBRACKET -> brackets--;
                default -> {
                }
            }
            if (parens < 0 || brackets < 0) {
                return false;
            }
        }
        return parens == 0 && brackets == 0;
    }

    /** The number of {@code ?} placeholders, plus the highest numbered one ({@code $n}, {@code ?n}). */
    private static int placeholders(List<Token> tokens) {
        int plain = 0;
        int highest = 0;
        for (Token t : tokens) {
            if (t.is(TokenType.PLACEHOLDER)) {
                String digits = t.text().substring(1);
                if (digits.isEmpty()) {
                    plain++;
                } else if (digits.length() < 7) {
                    highest = Math.max(highest, Integer.parseInt(digits));
                }
            }
        }
        return plain + highest;
    }
}
