package org.jdbcoptimizer.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deliberately suspicious look at statement text, answering one question: is it safe to let
 * {@code EXPLAIN ANALYZE} <em>run</em> this statement?
 *
 * <p>Why here, when the caller already declares the statement a plain read: EXPLAIN ANALYZE executes
 * the statement for real, and a caller's classification can be wrong (a parser fallback, a data
 * modifying CTE it did not look into). This check is the second lock on the door, so it errs towards
 * "no": anything it cannot read with certainty (an unterminated quote or comment, several
 * statements) is not a plain read.
 *
 * <p>It strips comments, string literals (including E'' and dollar quoting) and quoted identifiers,
 * then looks at the words that are left. A plain read starts with SELECT, WITH, VALUES or TABLE and
 * contains no word that writes or locks (INSERT, UPDATE, DELETE, MERGE, INTO, FOR SHARE, ...) and
 * no call of a built-in function with side effects (nextval, advisory locks, ...). User functions
 * that write cannot be seen from the text; {@link PostgresExplainDialect} therefore also runs
 * ANALYZE inside a read-only transaction that it rolls back.
 */
final class PlainReadCheck {

    private static final Set<String> FIRST_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    /**
     * Words that write wherever they appear: in a data-modifying CTE, in SELECT ... INTO. Statements
     * that can only start a text (VACUUM, GRANT, ...) are already refused by the first word; listing
     * them here would only refuse reads of columns named like them.
     */
    private static final Set<String> WRITING_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY",
            "CREATE", "ALTER", "DROP", "TRUNCATE", "INTO");

    /** Built-ins that change state even inside a read-only transaction, or that we refuse to run. */
    private static final Set<String> SIDE_EFFECT_FUNCTIONS = Set.of("NEXTVAL", "SETVAL", "SET_CONFIG",
            "PG_NOTIFY", "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "PG_RELOAD_CONF", "PG_SLEEP");
    private static final List<String> SIDE_EFFECT_PREFIXES = List.of("PG_ADVISORY", "PG_TRY_ADVISORY", "LO_",
            "DBLINK");

    /** After FOR, these make the SELECT take row locks: FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE. */
    private static final Set<String> LOCKING_AFTER_FOR = Set.of("UPDATE", "NO", "SHARE", "KEY");

    private PlainReadCheck() {
    }

    /** True only when the text is, beyond doubt, a single statement that reads and does not lock. */
    static boolean isPlainRead(String sql) {
        List<String> words = words(sql);
        if (words == null || words.isEmpty() || !FIRST_WORDS.contains(words.get(0))) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals(";")) {
                return false; // words() drops a trailing semicolon, so this one separates statements
            }
            if (WRITING_WORDS.contains(word) || SIDE_EFFECT_FUNCTIONS.contains(word)) {
                return false;
            }
            for (String prefix : SIDE_EFFECT_PREFIXES) {
                if (word.startsWith(prefix)) {
                    return false;
                }
            }
            if (word.equals("FOR") && i + 1 < words.size() && LOCKING_AFTER_FOR.contains(words.get(i + 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The upper-cased words and semicolons outside literals, identifiers in double quotes and
     * comments; null when the text cannot be read with certainty (something left unterminated).
     */
    static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isWordChar(sql.charAt(i - 2)));
                i = quotedEnd(sql, i, '\'', backslashEscapes);
            } else if (c == '"' || c == '`') {
                i = quotedEnd(sql, i, c, false);
            } else if (c == '$' && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                i = dollarQuotedEnd(sql, i);
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
                continue;
            } else {
                if (c == ';') {
                    words.add(";");
                }
                i++;
            }
            if (i < 0) {
                return null;
            }
        }
        while (!words.isEmpty() && words.get(words.size() - 1).equals(";")) {
            words.remove(words.size() - 1);
        }
        return words;
    }

    /** PostgreSQL block comments nest. Returns the index after the comment, or -1 if unterminated. */
    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i + 1 < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** A quote doubled inside stands for itself. Returns the index after the closing quote, or -1. */
    private static int quotedEnd(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * {@code $tag$ ... $tag$}. A {@code $} followed by a digit is a parameter ($1), not a quote;
     * returns the index after it then. Returns -1 if the quote is unterminated.
     */
    private static int dollarQuotedEnd(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            return i;
        }
        while (i < sql.length() && isWordChar(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return start + 1; // a lone '$': not a quote, skip it
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? -1 : close + tag.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
