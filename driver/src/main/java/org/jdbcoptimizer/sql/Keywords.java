package org.jdbcoptimizer.sql;

import java.util.Set;

/** Word lists shared by the lexer, the fingerprint and the statement classifier. */
final class Keywords {

    private Keywords() {
    }

    /**
     * Reserved-ish words after which a {@code (} is not a call or a column list (so the
     * fingerprint puts a space before it) and after which a SQLite {@code [name]} may start.
     */
    static final Set<String> RESERVED = Set.of(
            "all", "and", "any", "as", "asc", "between", "by", "case", "check", "column",
            "conflict", "constraint", "create", "cross", "default", "delete", "desc", "distinct",
            "do", "drop", "else", "end", "escape", "except", "exists", "fetch", "filter", "first",
            "for", "foreign", "from", "full", "group", "having", "ilike", "in", "index", "inner",
            "insert", "intersect", "into", "is", "join", "key", "last", "lateral", "left", "like",
            "limit", "merge", "natural", "not", "nulls", "offset", "on", "or", "order", "outer",
            "over", "partition", "primary", "references", "rename", "replace", "returning", "right",
            "select", "set", "similar", "some", "table", "then", "to", "truncate", "union",
            "unique", "update", "using", "values", "view", "when", "where", "window", "with",
            "within", "alter", "trigger", "add", "materialized", "recursive");

    /** Value-like keywords the fingerprint keeps as words (never folded to {@code ?}). */
    static final Set<String> CONSTANT_WORDS = Set.of("true", "false", "null", "default", "unknown");
}
