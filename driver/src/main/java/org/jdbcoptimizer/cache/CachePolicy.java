package org.jdbcoptimizer.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jdbcoptimizer.sql.RowFacts;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;
import org.jdbcoptimizer.sql.TableRef;

/**
 * Decides, once per statement text, whether its results may be cached and for how long, from
 * the text alone: the safety rules (a single plain read of known tables, no locking clause, no
 * volatile or session function) and the user's rules (table include/exclude lists, per-table TTL,
 * {@code /* optimizer:cache ttl=30s *}{@code /} and {@code /* optimizer:nocache *}{@code /}
 * hints, per-shape TTLs by fingerprint id). What depends on the connection (transaction state, isolation, session settings) and on
 * the catalog (views, temporary tables, row-level security) is checked elsewhere.
 *
 * <p>Immutable and thread-safe.
 */
final class CachePolicy {

    /** SQL value keywords that depend on the session or the clock. */
    private static final Pattern SESSION_KEYWORDS = Pattern.compile("\\b(current_(user|role|date|time|timestamp|"
            + "schema|schemas|catalog|database|setting)|session_user|user|localtime|localtimestamp)\\b");

    /**
     * Why a text is not cacheable, or its TTL and tables; and, for a row query, its row facts (see
     * {@link RowFacts}), which the interceptor adds since they take a parse of their own.
     */
    record Decision(boolean cacheable, Duration ttl, String[] tables, String shape, String reason,
                    RowFacts.RowQuery rows) {

        static Decision no(String reason) {
            return new Decision(false, Duration.ZERO, new String[0], null, reason, null);
        }

        Decision withRows(RowFacts.RowQuery rowQuery) {
            return new Decision(cacheable, ttl, tables, shape, reason, rowQuery);
        }
    }

    private final Duration defaultTtl;
    private final Set<String> include;
    private final Set<String> exclude;
    private final Map<String, Duration> tableTtl;
    private final VolatileFunctions functions;
    private final Map<String, Duration> shapeTtl;

    CachePolicy(Duration defaultTtl, Set<String> include, Set<String> exclude, Map<String, Duration> tableTtl,
                Map<String, Duration> shapeTtl, VolatileFunctions functions) {
        this.defaultTtl = defaultTtl;
        this.include = include;
        this.exclude = exclude;
        this.tableTtl = tableTtl;
        this.shapeTtl = shapeTtl;
        this.functions = functions;
    }

    /**
     * True when running the statement may change a table: anything but a parsed single query
     * that names no written table and calls only functions known not to write.
     */
    boolean mayWrite(SqlInfo info) {
        return !(info.kind() == SqlStatementKind.QUERY && info.parsed() && info.tablesWritten().isEmpty()
                && functions.firstPossiblyWriting(info.functions()) == null);
    }

    Decision decide(SqlInfo info) {
        Optional<Boolean> hinted = info.hints().cache();
        if (hinted.isPresent() && !hinted.get()) {
            return Decision.no("optimizer:nocache hint");
        }
        Duration forShape = shapeTtl.get(info.fingerprintHex());
        if (forShape != null && forShape.isZero()) {
            return Decision.no("optimizer.cache.shapes says never");
        }
        if (info.kind() != SqlStatementKind.QUERY || !info.readOnly()) {
            return Decision.no(info.parsed() ? "not a single plain read" : "the statement could not be parsed");
        }
        if (info.forUpdate()) {
            return Decision.no("FOR UPDATE/SHARE locks rows");
        }
        if (info.tablesRead().isEmpty()) {
            return Decision.no("reads no table");
        }
        String unsafe = functions.firstUnsafe(info.functions());
        if (unsafe != null) {
            return Decision.no("calls " + unsafe + "(), which is volatile or unknown"
                    + " (list it in optimizer.cache.safeFunctions if it is not)");
        }
        if (SESSION_KEYWORDS.matcher(info.fingerprint()).find()) {
            return Decision.no("depends on the session or the clock");
        }
        String[] tables = new String[info.tablesRead().size()];
        Duration ttl = info.hints().ttl().orElse(forShape);
        boolean ruled = hinted.orElse(false) || forShape != null;
        int i = 0;
        for (TableRef table : info.tablesRead()) {
            String name = table.name();
            tables[i++] = name;
            if (exclude.contains(name)) {
                return Decision.no("table " + name + " is in optimizer.cache.exclude");
            }
            if (!include.isEmpty() && !include.contains(name) && !ruled) {
                return Decision.no("table " + name + " is not in optimizer.cache.include");
            }
            Duration forTable = tableTtl.get(name);
            if (forTable != null && info.hints().ttl().isEmpty() && forShape == null) {
                ttl = ttl == null || forTable.compareTo(ttl) < 0 ? forTable : ttl;
            }
        }
        return new Decision(true, ttl == null ? defaultTtl : ttl, tables, info.fingerprintHex(), null, null);
    }
}
