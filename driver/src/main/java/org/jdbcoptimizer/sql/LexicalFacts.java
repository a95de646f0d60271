package org.jdbcoptimizer.sql;

import java.util.List;

/**
 * Facts about one statement that the tokens alone establish, so they hold even when the parser
 * fails: a WHERE, a LIMIT (and its value when it is a literal), a row-locking clause.
 *
 * <p>WHERE, LIMIT, OFFSET and FETCH count only at the statement's own level (the lowest
 * parenthesis depth of its words): a LIMIT inside a subquery or a WHERE inside a CTE does not
 * limit or filter the statement. A locking clause ({@code FOR UPDATE / NO KEY UPDATE / SHARE /
 * KEY SHARE}) counts at any depth, since it locks rows wherever it is.
 *
 * @param limit the literal row count, or null (none, or not a literal)
 * @param offset the literal offset, or null
 */
record LexicalFacts(boolean hasWhere, boolean hasLimit, Long limit, Long offset, boolean forUpdate) {

    static final LexicalFacts NONE = new LexicalFacts(false, false, null, null, false);

    static LexicalFacts of(List<Token> s, SqlStatementKind kind) {
        int base = Integer.MAX_VALUE;
        for (Token t : s) {
            if (t.is(TokenType.WORD)) {
                base = Math.min(base, t.depth());
            }
        }
        boolean ddl = kind == SqlStatementKind.DDL;
        boolean hasWhere = false;
        boolean hasLimit = false;
        boolean forUpdate = false;
        Long limit = null;
        Long offset = null;
        for (int i = 0; i < s.size(); i++) {
            Token t = s.get(i);
            if (!t.is(TokenType.WORD)) {
                continue;
            }
            if (!ddl && t.is("for") && (next(s, i, 1).is("update") || next(s, i, 1).is("share")
                    || (next(s, i, 1).is("no") && next(s, i, 2).is("key"))
                    || (next(s, i, 1).is("key") && next(s, i, 2).is("share")))) {
                forUpdate = true;
            }
            if (t.depth() != base) {
                continue;
            }
            if (t.is("where")) {
                hasWhere = true;
            } else if (!ddl && t.is("limit") && !next(s, i, 1).is("all")) {
                hasLimit = true;
                limit = number(next(s, i, 1));
                if (limit != null && next(s, i, 2).is(TokenType.COMMA)) { // SQLite: LIMIT offset, count
                    offset = limit;
                    limit = number(next(s, i, 3));
                }
            } else if (!ddl && t.is("offset")) {
                offset = number(next(s, i, 1));
            } else if (!ddl && t.is("fetch") && (next(s, i, 1).is("first") || next(s, i, 1).is("next"))) {
                hasLimit = true;
                Token n = next(s, i, 2);
                limit = n.is(TokenType.NUMBER) ? number(n) : n.is("row") || n.is("rows") ? Long.valueOf(1) : null;
            }
        }
        return new LexicalFacts(hasWhere, hasLimit, limit, offset, forUpdate);
    }

    private static final Token NOTHING = Token.synthetic(TokenType.OPERATOR, "", 0);

    private static Token next(List<Token> s, int i, int ahead) {
        return i + ahead < s.size() ? s.get(i + ahead) : NOTHING;
    }

    private static Long number(Token t) {
        if (!t.is(TokenType.NUMBER)) {
            return null;
        }
        try {
            return Long.valueOf(t.text().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
