package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.dialect.IndexCatalog.CatalogIndex;

/**
 * Index candidates for one table scan (steps 3 and 4 of the advisor).
 *
 * <p>The key starts with the equality columns, most selective first (the planner's distinct
 * counts), then the IN columns, then at most one range column or the ORDER BY columns: a B-tree
 * can seek on equalities and then either walk one range or return rows in order, not both. For a
 * join key, the inner side of a nested loop needs the key plus the table's own equalities. Several
 * variants are proposed; the planner decides which one is used.
 *
 * <p>Dropped before proof: candidates on a column the table does not have (a column the parser
 * attributed to the wrong table), a single low-cardinality column (the planner would rarely use
 * it, and it costs every write), and candidates an existing index already serves through its
 * leading columns.
 */
final class CandidateBuilder {

    /** Longer keys rarely pay for their size and write cost. */
    static final int MAX_COLUMNS = 4;

    private CandidateBuilder() {
    }

    static List<Candidate> candidates(TableScan scan, TableContext table) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(bySelectivity(scan.equality(), table));
        int equalities = keys.size();
        keys.addAll(bySelectivity(scan.in(), table));
        int prefix = keys.size();
        if (!keys.isEmpty()) {
            add(out, table, keys, prefix);
        }
        for (String range : bySelectivity(scan.range(), table).stream().limit(2).toList()) {
            add(out, table, concat(keys, List.of(range)), prefix);
        }
        if (!scan.orderBy().isEmpty() && scan.orderBy().stream().noneMatch(keys::contains)) {
            add(out, table, concat(keys, scan.orderBy()), prefix);
        }
        for (String join : scan.joinKeys()) {
            if (!keys.contains(join)) {
                List<String> inner = new ArrayList<>(List.of(join));
                inner.addAll(keys.subList(0, equalities));
                inner = bySelectivity(inner, table);
                inner.addAll(keys.subList(equalities, keys.size()));
                add(out, table, inner, inner.size());
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, Candidate> out, TableContext table, List<String> columns, int prefix) {
        List<String> key = columns.size() > MAX_COLUMNS ? columns.subList(0, MAX_COLUMNS) : columns;
        if (key.isEmpty() || !key.stream().allMatch(table::hasColumn)) {
            return;
        }
        if (key.size() == 1 && table.lowCardinality(key.get(0))) {
            return;
        }
        Candidate candidate = new Candidate(table, key, Math.min(prefix, key.size()), null);
        if (servedByExisting(candidate, table.indexes()) == null) {
            out.putIfAbsent(candidate.key(), candidate);
        }
    }

    /**
     * The existing index that serves the candidate through its leading columns, or null: a valid,
     * non-partial B-tree whose first columns are the candidate's, the equality prefix in any order.
     */
    static CatalogIndex servedByExisting(Candidate candidate, Collection<CatalogIndex> indexes) {
        List<String> wanted = candidate.columns();
        int eq = candidate.equalityPrefix();
        for (CatalogIndex index : indexes) {
            if (index.predicate() != null || !"btree".equals(index.method()) || index.columns().size() < wanted.size()) {
                continue;
            }
            List<String> lead = index.columns().subList(0, wanted.size());
            if (new HashSet<>(lead.subList(0, eq)).equals(new HashSet<>(wanted.subList(0, eq)))
                    && lead.subList(eq, lead.size()).equals(wanted.subList(eq, wanted.size()))) {
                return index;
            }
        }
        return null;
    }

    /** Most distinct values first; unknown statistics last; ties by name for stable output. */
    static List<String> bySelectivity(Collection<String> columns, TableContext table) {
        List<String> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(columns));
        sorted.sort(Comparator.comparingDouble((String c) -> -table.distinct(c)).thenComparing(c -> c));
        return sorted;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        for (String column : b) {
            if (!all.contains(column)) {
                all.add(column);
            }
        }
        return all;
    }

    /** Every distinct candidate of several scans of a table. */
    static Set<String> keys(Collection<Candidate> candidates) {
        Set<String> keys = new HashSet<>();
        candidates.forEach(c -> keys.add(c.key()));
        return keys;
    }
}
