package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Token rewrites that let JSqlParser 5.0 read common PostgreSQL and SQLite forms it rejects,
 * without changing which tables a statement touches: SQLite's {@code INSERT OR IGNORE} /
 * {@code UPDATE OR REPLACE} / {@code REPLACE INTO} become plain INSERT / UPDATE, PostgreSQL's
 * {@code AS [NOT] MATERIALIZED} CTE modifier and {@code ONLY} before a table are dropped, and
 * {@code DEFAULT VALUES} becomes {@code VALUES (DEFAULT)}. (Quoting, literals and {@code $n}
 * placeholders are normalized by {@link SqlFingerprint#parseText}.)
 */
final class ParserRewrite {

    private ParserRewrite() {
    }

    static List<Token> apply(List<Token> s) {
        List<Token> out = new ArrayList<>(s.size() + 2);
        for (int i = 0; i < s.size(); i++) {
            Token t = s.get(i);
            Token next = i + 1 < s.size() ? s.get(i + 1) : null;
            if ((t.is("insert") || t.is("update")) && next != null && next.is("or") && i + 2 < s.size()
                    && s.get(i + 2).is(TokenType.WORD)) {
                out.add(t);
                i += 2; // INSERT OR IGNORE -> INSERT
            } else if (t.is("replace") && next != null && next.is("into")) {
                out.add(Token.synthetic(TokenType.WORD, "insert", t.depth()));
            } else if ((t.is("not") || t.is("materialized")) && !out.isEmpty() && cteModifier(out, s, i)) {
                continue;
            } else if (t.is("only") && !out.isEmpty()
                    && (last(out).is("from") || last(out).is("update") || last(out).is("join"))) {
                continue;
            } else if (t.is("default") && next != null && next.is("values")) {
                int d = t.depth();
                out.add(Token.synthetic(TokenType.WORD, "values", d));
                out.add(Token.synthetic(TokenType.LPAREN, "(", d));
                out.add(Token.synthetic(TokenType.WORD, "default", d + 1));
                out.add(Token.synthetic(TokenType.RPAREN, ")", d));
                i++;
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code AS [NOT] MATERIALIZED (}: the NOT/MATERIALIZED of a CTE definition. */
    private static boolean cteModifier(List<Token> out, List<Token> s, int i) {
        Token t = s.get(i);
        Token next = i + 1 < s.size() ? s.get(i + 1) : null;
        if (t.is("not")) {
            return last(out).is("as") && next != null && next.is("materialized") && i + 2 < s.size()
                    && s.get(i + 2).is(TokenType.LPAREN);
        }
        return last(out).is("as") && next != null && next.is(TokenType.LPAREN); // NOT was already dropped
    }

    private static Token last(List<Token> out) {
        return out.get(out.size() - 1);
    }
}
