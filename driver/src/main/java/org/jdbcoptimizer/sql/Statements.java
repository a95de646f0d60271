package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical structure of statements: splitting a text at top-level semicolons, the statement kind,
 * and the shape of a leading {@code WITH} clause. Works on tokens only, so it holds for text the
 * parser cannot read.
 */
final class Statements {

    private Statements() {
    }

    /** One common table expression: its name and the tokens of its body (inside the parentheses). */
    record Cte(String name, int bodyFrom, int bodyTo) {
    }

    /** A WITH clause: its CTEs and the index of the statement that follows it. */
    record WithClause(List<Cte> ctes, int mainStart) {
    }

    /**
     * Splits {@code tokens} into statements at semicolons outside parentheses, dropping comments and
     * empty statements. Inside {@code CREATE ... BEGIN ... END} (SQLite triggers, PostgreSQL
     * {@code BEGIN ATOMIC} bodies) semicolons do not split.
     */
    static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int block = 0;
        for (Token t : tokens) {
            if (t.type().isComment()) {
                continue;
            }
            if (t.is(TokenType.SEMICOLON) && t.depth() == 0 && block == 0) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
                continue;
            }
            if (!current.isEmpty() && current.get(0).is("create") && t.depth() == 0) {
                if (t.is("begin") || (block > 0 && t.is("case"))) {
                    block++;
                } else if (block > 0 && t.is("end")) {
                    block--;
                }
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    /** Index of the first token that is not an opening parenthesis. */
    static int firstWord(List<Token> s) {
        int i = 0;
        while (i < s.size() && s.get(i).is(TokenType.LPAREN)) {
            i++;
        }
        return i;
    }

    static SqlStatementKind kind(List<Token> s) {
        int i = firstWord(s);
        if (i >= s.size() || !s.get(i).is(TokenType.WORD)) {
            return SqlStatementKind.OTHER;
        }
        if (s.get(i).is("with")) {
            WithClause w = with(s, i);
            return w == null || w.mainStart() >= s.size() ? SqlStatementKind.OTHER : verbKind(s, w.mainStart());
        }
        return verbKind(s, i);
    }

    private static SqlStatementKind verbKind(List<Token> s, int i) {
        Token t = s.get(i);
        String next = i + 1 < s.size() ? s.get(i + 1).value() : "";
        switch (t.is(TokenType.WORD) ? t.value() : "") {
            case "select", "values", "table":
                return SqlStatementKind.QUERY;
            case "insert", "replace":
                return SqlStatementKind.INSERT;
            case "update":
                return SqlStatementKind.UPDATE;
            case "delete":
                return SqlStatementKind.DELETE;
            case "merge":
                return SqlStatementKind.MERGE;
            case "create", "alter", "drop", "truncate", "rename", "comment", "grant", "revoke", "refresh",
                    "security", "import":
                return SqlStatementKind.DDL;
            case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release":
                return SqlStatementKind.TRANSACTION_CONTROL;
            case "prepare":
                return next.equals("transaction") ? SqlStatementKind.TRANSACTION_CONTROL : SqlStatementKind.UTILITY;
            case "set":
                boolean tx = next.equals("transaction") || next.equals("constraints")
                        || (next.equals("session") && i + 2 < s.size() && s.get(i + 2).is("characteristics"));
                return tx ? SqlStatementKind.TRANSACTION_CONTROL : SqlStatementKind.SESSION;
            case "reset", "show", "discard", "load", "pragma":
                return SqlStatementKind.SESSION;
            case "copy", "call", "do", "lock", "execute", "deallocate", "listen", "unlisten", "notify", "attach",
                    "detach":
                return SqlStatementKind.UTILITY;
            default:
                return SqlStatementKind.OTHER;
        }
    }

    /**
     * Reads {@code WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (body) [SEARCH/CYCLE ...], ...}
     * starting at the WITH token {@code at}; null if the clause is not in that form.
     */
    static WithClause with(List<Token> s, int at) {
        int depth = s.get(at).depth();
        int i = at + 1;
        if (i < s.size() && s.get(i).is("recursive")) {
            i++;
        }
        List<Cte> ctes = new ArrayList<>();
        while (i < s.size()) {
            if (!s.get(i).isName()) {
                return null;
            }
            String name = s.get(i).value();
            i++;
            if (i < s.size() && s.get(i).is(TokenType.LPAREN)) {
                i = closing(s, i) + 1;
            }
            if (i >= s.size() || !s.get(i).is("as")) {
                return null;
            }
            i++;
            if (i < s.size() && s.get(i).is("not")) {
                i++;
            }
            if (i < s.size() && s.get(i).is("materialized")) {
                i++;
            }
            if (i >= s.size() || !s.get(i).is(TokenType.LPAREN)) {
                return null;
            }
            int close = closing(s, i);
            ctes.add(new Cte(name, i + 1, close));
            i = close + 1;
            i = skipSearchAndCycle(s, i, depth);
            if (i < s.size() && s.get(i).is(TokenType.COMMA)) {
                i++;
                continue;
            }
            break;
        }
        return new WithClause(ctes, i);
    }

    /** Skips {@code SEARCH ... SET col} and {@code CYCLE ... SET col [TO v DEFAULT v] USING path}. */
    private static int skipSearchAndCycle(List<Token> s, int from, int depth) {
        int i = from;
        while (i < s.size() && (s.get(i).is("search") || s.get(i).is("cycle"))) {
            while (i < s.size() && !(s.get(i).is("set") && s.get(i).depth() == depth)) {
                i++;
            }
            i += 2;
            if (i < s.size() && s.get(i).is("to")) {
                i += 4;
            }
            if (i < s.size() && s.get(i).is("using")) {
                i += 2;
            }
        }
        return Math.min(i, s.size());
    }

    /** Index of the parenthesis closing the one at {@code open}, or the last index if unclosed. */
    static int closing(List<Token> s, int open) {
        int depth = s.get(open).depth();
        for (int i = open + 1; i < s.size(); i++) {
            if (s.get(i).is(TokenType.RPAREN) && s.get(i).depth() == depth) {
                return i;
            }
        }
        return s.size() - 1;
    }
}
