package org.jdbcoptimizer.cache;

import java.util.Locale;
import java.util.Set;

/**
 * Which SQL functions a cached result may contain. A result that calls a volatile or session
 * function ({@code now()}, {@code random()}, {@code nextval()}, {@code current_user}, ...) is not
 * repeatable, so it is never cached. Unknown functions are treated as volatile unless the user
 * lists them in {@code optimizer.cache.safeFunctions}: a user-defined function may read other
 * tables or write, and we cannot see inside it.
 */
final class VolatileFunctions {

    /** Immutable or stable built-ins whose result depends only on their arguments and the rows read. */
    private static final Set<String> KNOWN_SAFE = Set.of(
            "count", "sum", "avg", "min", "max", "lower", "upper", "coalesce", "nullif", "length", "char_length",
            "octet_length", "abs", "round", "ceil", "ceiling", "floor", "trunc", "mod", "power", "sqrt", "greatest",
            "least", "substring", "substr", "trim", "ltrim", "rtrim", "replace", "concat", "concat_ws", "position",
            "strpos", "left", "right", "lpad", "rpad", "split_part", "string_agg", "array_agg", "json_agg",
            "jsonb_agg", "json_build_object", "jsonb_build_object", "to_char", "to_number", "date_trunc",
            "extract", "date_part", "cast", "bool_and", "bool_or", "every", "ifnull", "instr", "total",
            "group_concat", "printf", "format", "hex", "quote", "typeof", "iif", "unnest", "array_length",
            "cardinality", "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value",
            "ntile", "percent_rank", "cume_dist", "exists");

    /** Volatile or session built-ins that read no table and write none: never cached, but no write either. */
    private static final Set<String> KNOWN_READ_ONLY_VOLATILE = Set.of(
            "now", "random", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday",
            "current_setting", "version", "gen_random_uuid", "uuid_generate_v4", "nextval", "currval", "lastval",
            "setseed", "pg_backend_pid", "inet_client_addr", "txid_current", "pg_current_xact_id", "datetime",
            "julianday", "strftime", "date", "time", "unixepoch", "changes", "last_insert_rowid",
            "total_changes", "sqlite_version", "randomblob");

    private final Set<String> configuredSafe;

    VolatileFunctions(Set<String> configuredSafe) {
        this.configuredSafe = configuredSafe;
    }

    /**
     * The first function that may write a table (one we do not know, since a user function can),
     * or null when every function is a known built-in or configured safe.
     */
    String firstPossiblyWriting(Set<String> functions) {
        for (String function : functions) {
            String name = function.toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            String bare = dot >= 0 ? name.substring(dot + 1) : name;
            if (!KNOWN_SAFE.contains(bare) && !KNOWN_READ_ONLY_VOLATILE.contains(bare)
                    && !configuredSafe.contains(name) && !configuredSafe.contains(bare)) {
                return function;
            }
        }
        return null;
    }

    /** The first function that makes a result unrepeatable, or null when all are safe. */
    String firstUnsafe(Set<String> functions) {
        for (String function : functions) {
            String name = function.toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            String bare = dot >= 0 ? name.substring(dot + 1) : name;
            if (!KNOWN_SAFE.contains(bare) && !configuredSafe.contains(name) && !configuredSafe.contains(bare)) {
                return function;
            }
        }
        return null;
    }
}
