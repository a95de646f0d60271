package org.jdbcoptimizer.sql;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Mutable accumulator for a {@link StatementScope}; confined to one thread. */
final class ScopeBuilder {

    private boolean known = true;
    private boolean timedOut;
    private final Set<TableRef> read = new LinkedHashSet<>();
    private final Set<TableRef> written = new LinkedHashSet<>();
    private final Set<Predicate> predicates = new LinkedHashSet<>();
    private final Set<JoinPair> joins = new LinkedHashSet<>();
    private final Set<ColumnRef> orderBy = new LinkedHashSet<>();
    private final Set<ColumnRef> groupBy = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();
    private boolean selectStar;

    ScopeBuilder read(TableRef t) {
        read.add(t);
        return this;
    }

    ScopeBuilder written(TableRef t) {
        written.add(t);
        return this;
    }

    void predicate(Predicate p) {
        predicates.add(p);
    }

    void join(JoinPair j) {
        joins.add(j);
    }

    void orderBy(ColumnRef c) {
        orderBy.add(c);
    }

    void groupBy(ColumnRef c) {
        groupBy.add(c);
    }

    void function(String name) {
        if (name != null && !name.isEmpty()) {
            functions.add(name);
        }
    }

    void selectStar() {
        selectStar = true;
    }

    /** Adds everything {@code s} touches; an unknown part makes the whole unknown. */
    ScopeBuilder add(StatementScope s) {
        known &= s.known();
        timedOut |= s.timedOut();
        read.addAll(s.read());
        written.addAll(s.written());
        predicates.addAll(s.predicates());
        joins.addAll(s.joins());
        orderBy.addAll(s.orderBy());
        groupBy.addAll(s.groupBy());
        functions.addAll(s.functions());
        selectStar |= s.selectStar();
        return this;
    }

    StatementScope build() {
        if (!known) {
            return timedOut ? StatementScope.TIMED_OUT : StatementScope.UNKNOWN;
        }
        return new StatementScope(true, false, freeze(read), freeze(written), List.copyOf(predicates),
                List.copyOf(joins), List.copyOf(orderBy), List.copyOf(groupBy), freeze(functions), selectStar);
    }

    /** An unmodifiable copy that keeps insertion order (Set.copyOf would not). */
    private static <T> Set<T> freeze(Set<T> s) {
        return s.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }
}
