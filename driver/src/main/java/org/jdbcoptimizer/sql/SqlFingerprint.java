package org.jdbcoptimizer.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders tokens as canonical text: the fingerprint shown to users and the text handed to the
 * parser.
 *
 * <p>Design note: both renderings share one pass so that the same query shape always yields the
 * same text. Comments are dropped, whitespace becomes single spaces by fixed rules, unquoted words
 * are lower-cased, quoted identifiers are kept exactly (re-quoted with {@code "}), and constants
 * are replaced: by {@code ?} in the fingerprint, by a neutral constant of the same lexical class
 * in the parse text ({@code 0}, {@code 's'}, or {@code '%'} for a LIKE pattern that starts with a
 * wildcard, the one literal property the analysis needs). {@code $n} and {@code ?} placeholders
 * both become {@code ?}. A sign directly before a number is folded into the constant. Integer
 * positions in ORDER BY / GROUP BY ({@code ORDER BY 2}) are column references, not constants, and
 * are kept. Lists whose elements render identically are folded to one element: {@code IN (...)},
 * {@code ARRAY[...]} and the rows of {@code VALUES (...), (...)}, so a list's length never
 * changes the shape (compare pg_stat_statements' normalization, which we follow in spirit).
 * Because the parse text does not contain the literals, texts that differ only in constants share
 * one parse.
 */
final class SqlFingerprint {

    private static final Set<String> CLAUSE_ENDS = Set.of("limit", "offset", "fetch", "for", "having",
            "window", "union", "intersect", "except", "returning", "on", "where", "from");

    /** Groups nested deeper than this are rendered flat, so recursion stays shallow on any input. */
    private static final int MAX_FOLD_DEPTH = 64;

    private final boolean forParser;

    private SqlFingerprint(boolean forParser) {
        this.forParser = forParser;
    }

    /** The normalized text of {@code tokens} with every constant replaced by {@code ?}. */
    static String fingerprint(List<Token> tokens) {
        return new SqlFingerprint(false).render(tokens);
    }

    /** The text handed to the parser: like the fingerprint but with neutral constants. */
    static String parseText(List<Token> tokens) {
        return new SqlFingerprint(true).render(tokens);
    }

    /** A stable 64-bit id: FNV-1a over the UTF-8 bytes, then MurmurHash3's fmix64 avalanche. */
    static long hash(String fingerprint) {
        long h = 0xcbf29ce484222325L;
        for (byte b : fingerprint.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Sixteen lower-case hex digits. */
    static String hex(long id) {
        String s = Long.toHexString(id);
        return "0000000000000000".substring(s.length()) + s;
    }

    private String render(List<Token> tokens) {
        List<Unit> units = units(tokens);
        List<String> out = new ArrayList<>(units.size());
        fold(units, 0, units.size(), out, 0);
        return join(out);
    }

    /** One output unit per significant token; literals, signs and placeholders normalized. */
    private List<Unit> units(List<Token> tokens) {
        List<Token> sig = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (!t.type().isComment()) {
                sig.add(t);
            }
        }
        int end = sig.size();
        while (end > 0 && sig.get(end - 1).is(TokenType.SEMICOLON)) {
            end--;
        }
        List<Unit> units = new ArrayList<>(end);
        int byDepth = -1;
        Token prev = null;
        for (int i = 0; i < end; i++) {
            Token t = sig.get(i);
            if (byDepth >= 0 && (t.depth() < byDepth || (t.depth() == byDepth && t.isAny(CLAUSE_ENDS))
                    || t.is(TokenType.SEMICOLON))) {
                byDepth = -1;
            }
            if (t.is("by") && prev != null && (prev.is("order") || prev.is("group"))) {
                byDepth = t.depth();
            }
            if (isSign(t, prev) && i + 1 < end && sig.get(i + 1).is(TokenType.NUMBER)) {
                continue; // the sign belongs to the constant that follows
            }
            String text;
            switch (t.type()) {
                case STRING:
                    text = forParser ? (likePatternWithLeadingWildcard(t, prev) ? "'%'" : "'s'") : "?";
                    break;
                case NUMBER:
                    boolean ordinal = byDepth >= 0 && t.depth() == byDepth && prev != null
                            && (prev.is("by") || prev.is(TokenType.COMMA)) && isInteger(t.text());
                    text = ordinal ? t.text() : forParser ? "0" : "?";
                    break;
                case PLACEHOLDER:
                    text = "?";
                    break;
                case WORD:
                    text = t.value();
                    break;
                case QUOTED_IDENT:
                    text = '"' + t.value().replace("\"", "\"\"") + '"';
                    break;
                case OPERATOR:
                    // JDBC's "??" escape stands for PostgreSQL's "?" operator, which the parser knows
                    text = forParser && t.text().startsWith("??") ? t.text().substring(1) : t.text();
                    break;
                default:
                    text = t.text();
            }
            units.add(new Unit(t.type(), text));
            prev = t;
        }
        return units;
    }

    private static boolean isSign(Token t, Token prev) {
        if (!t.is(TokenType.OPERATOR) || !(t.text().equals("-") || t.text().equals("+"))) {
            return false;
        }
        if (prev == null) {
            return true;
        }
        switch (prev.type()) {
            case OPERATOR, LPAREN, LBRACKET, COMMA, SEMICOLON, CAST:
                return true;
            case WORD:
                return Keywords.RESERVED.contains(prev.value());
            default:
                return false;
        }
    }

    private static boolean likePatternWithLeadingWildcard(Token t, Token prev) {
        if (prev == null || !(prev.is("like") || prev.is("ilike"))) {
            return false;
        }
        String s = t.text();
        int q = s.startsWith("$") ? s.indexOf('$', 1) : s.indexOf('\'');
        if (q < 0 || q + 1 >= s.length()) {
            return false;
        }
        char first = s.charAt(q + 1);
        return first == '%' || first == '_';
    }

    private static boolean isInteger(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * Renders units[from, to) into {@code out}, folding lists. Groups are rendered recursively so
     * that nested lists fold before their parents are compared.
     */
    private void fold(List<Unit> units, int from, int to, List<String> out, int level) {
        int i = from;
        while (i < to) {
            Unit u = units.get(i);
            boolean open = u.type == TokenType.LPAREN || u.type == TokenType.LBRACKET;
            if (!open || level >= MAX_FOLD_DEPTH) {
                out.add(u.text);
                i++;
                continue;
            }
            Unit before = i > from ? units.get(i - 1) : null;
            boolean inList = before != null && before.type == TokenType.WORD
                    && (before.text.equals("in") || (before.text.equals("array") && u.type == TokenType.LBRACKET));
            if (before != null && before.type == TokenType.WORD && before.text.equals("values")) {
                i = valuesRows(units, i, to, out, level);
                continue;
            }
            int close = matching(units, i, to);
            List<List<String>> elements = elements(units, i + 1, close, level + 1);
            out.add(u.text);
            if (inList && allEqual(elements)) {
                out.addAll(elements.get(0));
            } else {
                for (int e = 0; e < elements.size(); e++) {
                    if (e > 0) {
                        out.add(",");
                    }
                    out.addAll(elements.get(e));
                }
            }
            if (close < to) {
                out.add(units.get(close).text);
            }
            i = close + 1;
        }
    }

    /** VALUES (..), (..), ...: rows rendering identically collapse to one. Returns the next index. */
    private int valuesRows(List<Unit> units, int start, int to, List<String> out, int level) {
        List<List<String>> rows = new ArrayList<>();
        int i = start;
        while (true) {
            int close = matching(units, i, to);
            List<String> row = new ArrayList<>();
            fold(units, i, Math.min(close + 1, to), row, level + 1);
            rows.add(row);
            i = close + 1;
            if (i + 1 < to && units.get(i).type == TokenType.COMMA && units.get(i + 1).type == TokenType.LPAREN) {
                i++;
            } else {
                break;
            }
        }
        int keep = allEqual(rows) ? 1 : rows.size();
        for (int r = 0; r < keep; r++) {
            if (r > 0) {
                out.add(",");
            }
            out.addAll(rows.get(r));
        }
        return i;
    }

    /** Index of the bracket closing the one at {@code open}, or {@code to} if unclosed. */
    private static int matching(List<Unit> units, int open, int to) {
        int level = 0;
        for (int i = open; i < to; i++) {
            TokenType t = units.get(i).type;
            if (t == TokenType.LPAREN || t == TokenType.LBRACKET) {
                level++;
            } else if (t == TokenType.RPAREN || t == TokenType.RBRACKET) {
                level--;
                if (level == 0) {
                    return i;
                }
            }
        }
        return to;
    }

    /** The comma-separated elements of units[from, to), each rendered (and folded) on its own. */
    private List<List<String>> elements(List<Unit> units, int from, int to, int level) {
        List<List<String>> elements = new ArrayList<>();
        int nesting = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            boolean end = i == to;
            if (!end) {
                TokenType t = units.get(i).type;
                if (t == TokenType.LPAREN || t == TokenType.LBRACKET) {
                    nesting++;
                } else if (t == TokenType.RPAREN || t == TokenType.RBRACKET) {
                    nesting--;
                }
            }
            if (end || (nesting == 0 && units.get(i).type == TokenType.COMMA)) {
                List<String> element = new ArrayList<>();
                fold(units, start, i, element, level);
                elements.add(element);
                start = i + 1;
            }
        }
        return elements;
    }

    private static boolean allEqual(List<List<String>> elements) {
        for (List<String> e : elements) {
            if (!e.equals(elements.get(0))) {
                return false;
            }
        }
        return !elements.get(0).isEmpty();
    }

    /** Joins pieces with single spaces, except around punctuation that reads better tight. */
    private static String join(List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        String prev = null;
        for (String p : pieces) {
            if (prev != null && spaceBetween(prev, p)) {
                sb.append(' ');
            }
            sb.append(p);
            prev = p;
        }
        return sb.toString();
    }

    private static boolean spaceBetween(String prev, String next) {
        switch (prev) {
            case "(", "[", ".", "::":
                return false;
            default:
                break;
        }
        switch (next) {
            case ",", ")", "]", ";", ".", "::", "[":
                return false;
            case "(":
                return !isName(prev);
            default:
                return true;
        }
    }

    /** A rendered name after which '(' is a call or a column list. */
    private static boolean isName(String piece) {
        char c = piece.charAt(0);
        if (c == '"') {
            return true;
        }
        return SqlLexer.isIdentStart(c) && !Keywords.RESERVED.contains(piece)
                && !Keywords.CONSTANT_WORDS.contains(piece);
    }

    /** A normalized token: its type (for structure) and its rendered text. */
    private record Unit(TokenType type, String text) {
    }
}
