package org.jdbcoptimizer.sql;

/** What kind of lexeme a {@link Token} is. */
enum TokenType {
    /** An unquoted identifier or keyword. */
    WORD,
    /** A "quoted", `backtick`, [bracketed] or U&"unicode" identifier. */
    QUOTED_IDENT,
    /** Any string constant: '..', E'..', B'..', X'..', N'..', U&'..', $tag$..$tag$. */
    STRING,
    NUMBER,
    /** {@code ?}, {@code ?NNN} or {@code $n}. */
    PLACEHOLDER,
    OPERATOR,
    /** The PostgreSQL cast operator {@code ::}. */
    CAST,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    SEMICOLON,
    DOT,
    LINE_COMMENT,
    BLOCK_COMMENT;

    boolean isComment() {
        return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }

    boolean isLiteral() {
        return this == STRING || this == NUMBER;
    }
}
