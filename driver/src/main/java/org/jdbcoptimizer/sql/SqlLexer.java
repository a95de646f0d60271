package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizer for PostgreSQL and SQLite text.
 *
 * <p>Design note: a single forward pass with no backtracking beyond bounded look-ahead, so it is
 * linear in the input and never throws. Whatever cannot be closed (a quote, a comment, a dollar
 * quote) becomes one token running to the end of the input, which is what the server would
 * report as an error anyway. Quoting follows PostgreSQL ('..' with '' escapes, E'..' with
 * backslash escapes, "ident" with "" escapes, $tag$..$tag$, nested block comments) plus SQLite's
 * `ident` and [ident]. Because PostgreSQL uses brackets for array subscripts, a {@code [} opens
 * an identifier only where a name is expected (at the start, after punctuation, an operator or a
 * reserved word, and not inside an array bracket) and only if a {@code ]} closes it on the same
 * line. Placeholders are JDBC's {@code ?} ({@code ??} is the JDBC escape for PostgreSQL's
 * {@code ?} operator and stays an operator), SQLite's {@code ?NNN} and PostgreSQL's {@code $n}.
 * Whitespace is dropped; comments are kept as tokens so that hints can be read from them.
 */
final class SqlLexer {

    /** PostgreSQL operator characters, minus '?' (a JDBC placeholder) and '`' (a quote here). */
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|";
    /** An operator ending in + or - must contain one of these to keep that last character. */
    private static final String OPERATOR_SPECIAL = "~!@#%^&|";

    private final String sql;
    private final int n;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int depth;
    private int bracketDepth;
    private Token previous;
    /** Set when the construct just scanned ran to the end of the input without closing. */
    private boolean unterminated;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.n = sql.length();
    }

    /** Tokenizes {@code sql} (null is treated as empty). Never throws. */
    static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql == null ? "" : sql);
        lexer.run();
        return lexer.out;
    }

    /** Lower-cases ASCII letters only, as PostgreSQL does for unquoted identifiers. */
    static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    private void run() {
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pos++;
                continue;
            }
            int start = pos;
            char next = pos + 1 < n ? sql.charAt(pos + 1) : '\0';
            if (c == '-' && next == '-') {
                pos = lineEnd(pos);
                emit(TokenType.LINE_COMMENT, start);
            } else if (c == '/' && next == '*') {
                pos = blockCommentEnd(pos);
                emit(TokenType.BLOCK_COMMENT, start);
            } else if (c == '\'') {
                pos = quotedEnd(pos, '\'', false);
                emit(TokenType.STRING, start);
            } else if ((c == 'e' || c == 'E') && next == '\'') {
                pos = quotedEnd(pos + 1, '\'', true);
                emit(TokenType.STRING, start);
            } else if ("bBxXnN".indexOf(c) >= 0 && next == '\'') {
                pos = quotedEnd(pos + 1, '\'', false);
                emit(TokenType.STRING, start);
            } else if ((c == 'u' || c == 'U') && next == '&' && pos + 2 < n
                    && (sql.charAt(pos + 2) == '\'' || sql.charAt(pos + 2) == '"')) {
                char q = sql.charAt(pos + 2);
                pos = quotedEnd(pos + 2, q, false);
                emitQuoted(q == '\'' ? TokenType.STRING : TokenType.QUOTED_IDENT, start, start + 3, q);
            } else if (c == '"' || c == '`') {
                pos = quotedEnd(pos, c, false);
                emitQuoted(TokenType.QUOTED_IDENT, start, start + 1, c);
            } else if (c == '[' && bracketIdentifierAllowed() && bracketIdentifierEnd(pos) > 0) {
                pos = bracketIdentifierEnd(pos);
                String content = sql.substring(start + 1, pos - 1);
                add(new Token(TokenType.QUOTED_IDENT, sql.substring(start, pos), content, depth));
            } else if (c == '$') {
                dollar(start, next);
            } else if (c == '?') {
                question(start, next);
            } else if (isIdentStart(c)) {
                pos++;
                while (pos < n && isIdentPart(sql.charAt(pos))) {
                    pos++;
                }
                String text = sql.substring(start, pos);
                add(new Token(TokenType.WORD, text, asciiLower(text), depth));
            } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                pos = numberEnd(pos);
                emit(TokenType.NUMBER, start);
            } else if (c == ':' && next == ':') {
                pos += 2;
                emit(TokenType.CAST, start);
            } else if (c == '(') {
                pos++;
                emit(TokenType.LPAREN, start);
                depth++;
            } else if (c == ')') {
                pos++;
                depth = Math.max(0, depth - 1);
                emit(TokenType.RPAREN, start);
            } else if (c == '[') {
                pos++;
                emit(TokenType.LBRACKET, start);
                bracketDepth++;
            } else if (c == ']') {
                pos++;
                bracketDepth = Math.max(0, bracketDepth - 1);
                emit(TokenType.RBRACKET, start);
            } else if (c == ',') {
                pos++;
                emit(TokenType.COMMA, start);
            } else if (c == ';') {
                pos++;
                emit(TokenType.SEMICOLON, start);
            } else if (c == '.') {
                pos++;
                emit(TokenType.DOT, start);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                pos = operatorEnd(pos);
                emit(TokenType.OPERATOR, start);
            } else {
                // Anything else (':', '\\', '{', a stray control character...) is a one-char operator.
                pos += Character.charCount(sql.codePointAt(pos));
                emit(TokenType.OPERATOR, start);
            }
        }
    }

    private void emit(TokenType type, int start) {
        String text = sql.substring(start, pos);
        add(new Token(type, text, text, depth, takeUnterminated()));
    }

    private boolean takeUnterminated() {
        boolean u = unterminated;
        unterminated = false;
        return u;
    }

    /** A quoted token whose value is its content with doubled quotes collapsed. */
    private void emitQuoted(TokenType type, int start, int contentStart, char quote) {
        String text = sql.substring(start, pos);
        boolean closed = pos - 1 >= contentStart && sql.charAt(pos - 1) == quote;
        int contentEnd = closed ? pos - 1 : pos;
        String content = contentStart <= contentEnd ? sql.substring(contentStart, contentEnd) : "";
        String q = String.valueOf(quote);
        String value = type == TokenType.QUOTED_IDENT ? content.replace(q + q, q) : text;
        add(new Token(type, text, value, depth, takeUnterminated()));
    }

    private void add(Token token) {
        out.add(token);
        if (!token.type().isComment()) {
            previous = token;
        }
    }

    private void dollar(int start, char next) {
        if (isDigit(next)) {
            pos++;
            while (pos < n && isDigit(sql.charAt(pos))) {
                pos++;
            }
            emit(TokenType.PLACEHOLDER, start);
            return;
        }
        int tagEnd = pos + 1;
        if (next != '$') {
            if (!isIdentStart(next)) {
                pos++;
                emit(TokenType.OPERATOR, start);
                return;
            }
            while (tagEnd < n && (isIdentStart(sql.charAt(tagEnd)) || isDigit(sql.charAt(tagEnd)))) {
                tagEnd++;
            }
            if (tagEnd >= n || sql.charAt(tagEnd) != '$') {
                pos++;
                emit(TokenType.OPERATOR, start);
                return;
            }
        }
        String delimiter = sql.substring(pos, tagEnd + 1);
        int close = sql.indexOf(delimiter, tagEnd + 1);
        unterminated = close < 0;
        pos = close < 0 ? n : close + delimiter.length();
        emit(TokenType.STRING, start);
    }

    private void question(int start, char next) {
        if (next == '?') {
            // JDBC escape for the PostgreSQL operators ?, ?| and ?& : an operator, not two parameters.
            pos += 2;
            if (pos < n && (sql.charAt(pos) == '|' || sql.charAt(pos) == '&')) {
                pos++;
            }
            emit(TokenType.OPERATOR, start);
            return;
        }
        pos++;
        while (pos < n && isDigit(sql.charAt(pos))) {
            pos++;
        }
        emit(TokenType.PLACEHOLDER, start);
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** End of a block comment; PostgreSQL nests them. */
    private int blockCommentEnd(int from) {
        int level = 0;
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            char d = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '/' && d == '*') {
                level++;
                i += 2;
            } else if (c == '*' && d == '/') {
                level--;
                i += 2;
                if (level == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        unterminated = true;
        return n;
    }

    /** End (exclusive) of a quoted run starting at the quote {@code from}; doubled quotes escape. */
    private int quotedEnd(int from, char quote, boolean backslashEscapes) {
        int i = from + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        unterminated = true;
        return n;
    }

    /**
     * A '[' opens an identifier where a name is expected: at the start, after punctuation or an
     * operator or a reserved word, and never inside an array bracket.
     */
    private boolean bracketIdentifierAllowed() {
        if (bracketDepth > 0) {
            return false;
        }
        if (previous == null) {
            return true;
        }
        switch (previous.type()) {
            case COMMA, LPAREN, DOT, OPERATOR, SEMICOLON:
                return true;
            case WORD:
                return Keywords.RESERVED.contains(previous.value());
            default:
                return false;
        }
    }

    /**
     * End (exclusive) of a [bracketed] identifier, or -1. The search stops at a newline or another
     * '[' so every character is examined a bounded number of times.
     */
    private int bracketIdentifierEnd(int from) {
        for (int i = from + 1; i < n; i++) {
            char c = sql.charAt(i);
            if (c == ']') {
                return i > from + 1 ? i + 1 : -1;
            }
            if (c == '[' || c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    private int numberEnd(int from) {
        int i = from;
        char c = sql.charAt(i);
        if (c == '0' && i + 2 < n && "xXbBoO".indexOf(sql.charAt(i + 1)) >= 0
                && isHexDigit(sql.charAt(i + 2))) {
            i += 2;
            while (i < n && (isHexDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            return i;
        }
        i = digitsEnd(i);
        if (i < n && sql.charAt(i) == '.' && !(i + 1 < n && sql.charAt(i + 1) == '.')) {
            i = digitsEnd(i + 1);
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(sql.charAt(j))) {
                i = digitsEnd(j);
            }
        }
        return i;
    }

    private int digitsEnd(int from) {
        int i = from;
        while (i < n && (isDigit(sql.charAt(i)) || (sql.charAt(i) == '_' && i > from))) {
            i++;
        }
        return i;
    }

    /** PostgreSQL's operator rule: stop before a comment start; trailing +/- need a special char. */
    private int operatorEnd(int from) {
        int i = from;
        while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0) {
            if (i > from && (sql.startsWith("--", i) || sql.startsWith("/*", i))) {
                break;
            }
            i++;
        }
        boolean special = false;
        for (int k = from; k < i; k++) {
            if (OPERATOR_SPECIAL.indexOf(sql.charAt(k)) >= 0) {
                special = true;
                break;
            }
        }
        while (!special && i - from > 1 && (sql.charAt(i - 1) == '+' || sql.charAt(i - 1) == '-')) {
            i--;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || (c >= 0x80 && Character.isLetter(c)) || (c >= 0x80 && Character.isSurrogate(c));
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

}
