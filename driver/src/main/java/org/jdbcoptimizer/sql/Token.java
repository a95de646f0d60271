package org.jdbcoptimizer.sql;

import java.util.Set;

/**
 * One lexeme of a SQL text. Immutable.
 *
 * <p>{@link #text()} is the exact source text. {@link #value()} is the normalized form used for
 * comparisons: for a {@link TokenType#WORD} the ASCII-lower-cased word (PostgreSQL folds only
 * ASCII letters of unquoted names), for a {@link TokenType#QUOTED_IDENT} the unescaped content,
 * otherwise the source text. {@link #depth()} is the parenthesis depth outside the token: a
 * {@code (} and its matching {@code )} have the same depth, the tokens between them one more.
 */
final class Token {

    private final TokenType type;
    private final String text;
    private final String value;
    private final int depth;
    private final boolean unterminated;

    Token(TokenType type, String text, String value, int depth) {
        this(type, text, value, depth, false);
    }

    Token(TokenType type, String text, String value, int depth, boolean unterminated) {
        this.type = type;
        this.text = text;
        this.value = value;
        this.depth = depth;
        this.unterminated = unterminated;
    }

    /** A token that does not come from the source text (used when rewriting for the parser). */
    static Token synthetic(TokenType type, String text, int depth) {
        String value = type == TokenType.WORD ? SqlLexer.asciiLower(text) : text;
        return new Token(type, text, value, depth);
    }

    TokenType type() {
        return type;
    }

    String text() {
        return text;
    }

    String value() {
        return value;
    }

    int depth() {
        return depth;
    }

    /** A quote, dollar quote or block comment that the input ended inside of. */
    boolean unterminated() {
        return unterminated;
    }

    /** True if this is the unquoted word {@code lowerCaseWord} (given in lower case). */
    boolean is(String lowerCaseWord) {
        return type == TokenType.WORD && value.equals(lowerCaseWord);
    }

    boolean is(TokenType t) {
        return type == t;
    }

    /** True if this is an unquoted word contained in {@code lowerCaseWords}. */
    boolean isAny(Set<String> lowerCaseWords) {
        return type == TokenType.WORD && lowerCaseWords.contains(value);
    }

    /** True for a name: an unquoted word or a quoted identifier. */
    boolean isName() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
    }

    @Override
    public String toString() {
        return type + "(" + text + ")@" + depth;
    }
}
