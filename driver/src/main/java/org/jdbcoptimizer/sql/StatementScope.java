package org.jdbcoptimizer.sql;

import java.util.List;
import java.util.Set;

/**
 * What one statement (or one parsed part of it) touches: the parse-dependent half of a
 * {@link SqlInfo}, shared by every text with the same parse text. Immutable.
 *
 * @param known false when the statement's reach is unknown (the parser failed, or the statement
 *     can run arbitrary code); the sets are then empty and mean nothing
 * @param timedOut true when {@code known} is false because the parse ran out of time, a
 *     condition worth retrying later
 */
record StatementScope(
        boolean known,
        boolean timedOut,
        Set<TableRef> read,
        Set<TableRef> written,
        List<Predicate> predicates,
        List<JoinPair> joins,
        List<ColumnRef> orderBy,
        List<ColumnRef> groupBy,
        Set<String> functions,
        boolean selectStar) {

    /** Touches no table: transaction control, session settings, VACUUM... */
    static final StatementScope EMPTY = new ScopeBuilder().build();

    /** Reach unknown: treat as reading and writing anything. */
    static final StatementScope UNKNOWN = unknown(false);

    static final StatementScope TIMED_OUT = unknown(true);

    /** The same scope without its writes (EXPLAIN without ANALYZE plans a write but runs nothing). */
    StatementScope withoutWrites() {
        return known ? new StatementScope(true, false, read, Set.of(), predicates, joins, orderBy, groupBy,
                functions, selectStar) : EMPTY;
    }

    private static StatementScope unknown(boolean timedOut) {
        return new StatementScope(false, timedOut, Set.of(), Set.of(), List.of(), List.of(), List.of(),
                List.of(), Set.of(), false);
    }
}
