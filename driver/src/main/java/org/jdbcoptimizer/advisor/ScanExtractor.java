package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.sql.ColumnRef;
import org.jdbcoptimizer.sql.JoinPair;
import org.jdbcoptimizer.sql.Predicate;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.TableRef;

/**
 * Splits a statement into per-table scans (step 2 of the advisor). Predicates whose table the
 * parser could not resolve are left out: guessing the table would propose indexes on the wrong
 * one. Conditions under OR are kept; the planner's proof rejects an index they cannot use.
 */
final class ScanExtractor {

    private ScanExtractor() {
    }

    /** The scans of a parsed statement, one per table it filters, joins or sorts; tables without any are left out. */
    static List<TableScan> scans(SqlInfo info) {
        Map<TableRef, Builder> byTable = new LinkedHashMap<>();
        for (Predicate p : info.predicates()) {
            if (p.table() == null) {
                continue;
            }
            Builder b = byTable.computeIfAbsent(p.table(), Builder::new);
            switch (p.op()) {
                case EQUALS -> b.equality.add(p.column());
                case IN -> b.in.add(p.column());
                case RANGE, LIKE_PREFIX -> b.range.add(p.column());
                default -> {
                    // not a b-tree key: IS NULL, <>, LIKE '%x', functions, other expressions
                }
            }
        }
        for (JoinPair join : info.joins()) {
            joinKey(byTable, join.left());
            joinKey(byTable, join.right());
        }
        if (info.hasLimit() && !info.orderBy().isEmpty()) {
            TableRef first = info.orderBy().get(0).table();
            boolean oneTable = first != null && info.orderBy().stream().allMatch(c -> first.equals(c.table()));
            if (oneTable) {
                Builder b = byTable.computeIfAbsent(first, Builder::new);
                for (ColumnRef c : info.orderBy()) {
                    if (!b.orderBy.contains(c.column())) {
                        b.orderBy.add(c.column());
                    }
                }
            }
        }
        List<TableScan> scans = new ArrayList<>();
        for (Builder b : byTable.values()) {
            b.in.removeAll(b.equality);
            b.range.removeAll(b.equality);
            b.range.removeAll(b.in);
            TableScan scan = new TableScan(b.table, Set.copyOf(b.equality), Set.copyOf(b.in), Set.copyOf(b.range),
                    Set.copyOf(b.joinKeys), List.copyOf(b.orderBy));
            if (!scan.isEmpty()) {
                scans.add(scan);
            }
        }
        return scans;
    }

    private static void joinKey(Map<TableRef, Builder> byTable, ColumnRef side) {
        if (side.table() != null) {
            byTable.computeIfAbsent(side.table(), Builder::new).joinKeys.add(side.column());
        }
    }

    private static final class Builder {
        final TableRef table;
        final Set<String> equality = new LinkedHashSet<>();
        final Set<String> in = new LinkedHashSet<>();
        final Set<String> range = new LinkedHashSet<>();
        final Set<String> joinKeys = new LinkedHashSet<>();
        final List<String> orderBy = new ArrayList<>();

        Builder(TableRef table) {
            this.table = table;
        }
    }
}
