package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.tokenize(sql).stream().map(Token::text).collect(Collectors.toList());
    }

    private static List<TokenType> types(String sql) {
        return SqlLexer.tokenize(sql).stream().map(Token::type).collect(Collectors.toList());
    }

    @Test
    void standardStringsUseDoubledQuotesAsEscape() {
        assertEquals(List.of("select", "'it''s'", ",", "'a'"), texts("select 'it''s', 'a'"));
        assertEquals(TokenType.STRING, types("'it''s'").get(0));
    }

    @Test
    void escapeStringsUseBackslashes() {
        assertEquals(List.of("select", "E'it\\'s'", "from", "t"), texts("select E'it\\'s' from t"));
        // in a standard string a backslash is an ordinary character
        assertEquals(List.of("'a\\'", "b"), texts("'a\\' b"));
    }

    @Test
    void prefixedStringsAreOneToken() {
        assertEquals(List.of("B'0101'", "X'1F'", "N'abc'", "U&'d\\0061t'"), texts("B'0101' X'1F' N'abc' U&'d\\0061t'"));
        assertTrue(types("B'0101' X'1F' N'abc' U&'d\\0061t'").stream().allMatch(t -> t == TokenType.STRING));
    }

    @Test
    void quotedIdentifiersKeepCaseAndUnescape() {
        List<Token> tokens = SqlLexer.tokenize("\"My \"\"Table\"\"\", `back``tick`, [Br acket], U&\"x\"");
        tokens.removeIf(t -> t.is(TokenType.COMMA));
        assertEquals(List.of(TokenType.QUOTED_IDENT, TokenType.QUOTED_IDENT, TokenType.QUOTED_IDENT,
                TokenType.QUOTED_IDENT), tokens.stream().map(Token::type).collect(Collectors.toList()));
        assertEquals("My \"Table\"", tokens.get(0).value());
        assertEquals("back`tick", tokens.get(1).value());
        assertEquals("Br acket", tokens.get(2).value());
    }

    @Test
    void bracketsAreIdentifiersOnlyWhereANameIsExpected() {
        assertEquals(TokenType.QUOTED_IDENT, SqlLexer.tokenize("select * from [t]").get(3).type());
        assertEquals(TokenType.QUOTED_IDENT, SqlLexer.tokenize("select [a], [b] from t").get(3).type());
        // PostgreSQL array subscripts and constructors stay brackets
        assertEquals(List.of(TokenType.WORD, TokenType.WORD, TokenType.LBRACKET, TokenType.NUMBER,
                TokenType.RBRACKET), types("select arr[1]"));
        assertEquals(List.of(TokenType.WORD, TokenType.WORD, TokenType.LBRACKET, TokenType.LBRACKET,
                TokenType.NUMBER, TokenType.RBRACKET, TokenType.RBRACKET), types("select array[[1]]"));
        assertEquals(TokenType.LBRACKET, SqlLexer.tokenize("select x::int[]").get(4).type());
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        assertEquals(List.of("select", "$$it's $1 -- not a comment$$"), texts("select $$it's $1 -- not a comment$$"));
        assertEquals(List.of("do", "$body$ begin $$nested$$; end $body$", ";"),
                texts("do $body$ begin $$nested$$; end $body$;"));
        assertEquals(TokenType.STRING, types("$fn$x$fn$").get(0));
    }

    @Test
    void placeholders() {
        assertEquals(List.of(TokenType.WORD, TokenType.OPERATOR, TokenType.PLACEHOLDER, TokenType.WORD,
                TokenType.WORD, TokenType.OPERATOR, TokenType.PLACEHOLDER), types("a=$1 and b=?"));
        assertEquals(List.of("a", "??", "'k'", "and", "b", "??|", "?"), texts("a ?? 'k' and b ??| ?"));
        assertEquals(TokenType.PLACEHOLDER, types("?12").get(0));
        assertEquals(TokenType.WORD, types("a$1").get(0)); // '$' inside an identifier
    }

    @Test
    void commentsNestAndHideQuotes() {
        List<Token> tokens = SqlLexer.tokenize("select /* a /* b */ 'c' */ 1 -- x 'y\nfrom t");
        assertEquals(List.of("select", "/* a /* b */ 'c' */", "1", "-- x 'y", "from", "t"),
                tokens.stream().map(Token::text).collect(Collectors.toList()));
        assertEquals(TokenType.BLOCK_COMMENT, tokens.get(1).type());
        assertEquals(TokenType.LINE_COMMENT, tokens.get(3).type());
        assertEquals(List.of("'/* not */'", "'-- no'"), texts("'/* not */' '-- no'"));
    }

    @Test
    void castsNumbersAndOperators() {
        assertEquals(List.of("x", "::", "int", "1e5", ".5", "0x1F", "1.5E-3", "1_000"),
                texts("x::int 1e5 .5 0x1F 1.5E-3 1_000"));
        assertEquals(List.of("a", "<", "-", "1"), texts("a<-1"));
        assertEquals(List.of("a", "<=", "b", "@>", "c", "->>", "'k'", "||", "d"), texts("a<=b @> c->>'k'||d"));
        assertEquals(List.of("a", "+", "-- c"), texts("a+-- c"));
        assertEquals(List.of("a", "--- c"), texts("a--- c"));
    }

    @Test
    void depthCountsParentheses() {
        List<Token> tokens = SqlLexer.tokenize("a (b (c) d) e");
        assertEquals(List.of(0, 0, 1, 1, 2, 1, 1, 0, 0),
                tokens.stream().map(Token::depth).collect(Collectors.toList()));
    }

    @Test
    void unquotedWordsFoldOnlyAsciiLetters() {
        Token t = SqlLexer.tokenize("SELECT ÉTÉ_Col").get(1);
        assertEquals("ÉtÉ_col", t.value()); // non-ASCII letters keep their case, as in PostgreSQL
        assertEquals("select", SqlLexer.tokenize("SeLeCt").get(0).value());
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertEquals(List.of("select", "'abc"), texts("select 'abc"));
        assertEquals(List.of("select", "\"abc"), texts("select \"abc"));
        assertEquals(List.of("select", "/* a /* b */"), texts("select /* a /* b */"));
        assertEquals(List.of("select", "$x$ abc"), texts("select $x$ abc"));
        assertEquals(List.of("select", "E'abc\\'"), texts("select E'abc\\'"));
    }

    @Test
    void neverThrowsOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "'\"`[]()$?:;-/*\\eEuU&xX0123456789 \n\tabc.,=<>!|@#%^~{}+";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int j = 0; j < len; j++) {
                sb.append(random.nextInt(10) == 0 ? (char) random.nextInt(0xFFFF) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String sql = sb.toString();
            List<Token> tokens = SqlLexer.tokenize(sql);
            int covered = tokens.stream().mapToInt(t -> t.text().length()).sum();
            assertTrue(covered <= sql.length(), sql);
        }
        assertTrue(SqlLexer.tokenize(null).isEmpty());
    }

    @Test
    void linearOnAdversarialInput() {
        int n = 1 << 20;
        for (String unit : List.of("[", "[a", "$a", "/*", "'", "(", "$$", "--\n", "[a\n", "E'\\")) {
            String sql = unit.repeat(n / unit.length());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SqlLexer.tokenize(sql), unit);
        }
    }
}
