package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Two more kinds of variant: a partial index when the scan always filters a skewed
 * low-cardinality column to a rare value (that column leaves the key and becomes the predicate),
 * and, on PostgreSQL, a covering variant of each candidate that INCLUDEs the few other columns the
 * statement selects (kept after proof only where the planner prefers it, see
 * {@link CoveringColumns}).
 *
 * <p>Dropped before proof: candidates on a column the table does not have (a column the parser
 * attributed to the wrong table), a single low-cardinality column without a predicate (the planner
 * would rarely use it, and it costs every write), and plain candidates an existing index already
 * serves through its leading columns (an existing index has no say on a partial candidate: it
 * holds every row, the candidate only the rare ones, and the planner's proof decides).
 */
final class CandidateBuilder {

    /** Longer keys rarely pay for their size and write cost. */
    static final int MAX_COLUMNS = 4;

    private CandidateBuilder() {
    }

    /** The plain candidates of a scan (no partial index, no INCLUDE). */
    static List<Candidate> candidates(TableScan scan, TableContext table) {
        return candidates(scan, table, null, List.of());
    }

    /**
     * @param partial  a rare constant filter of the scan (see {@link RareValues}), or null
     * @param selected the columns the statement selects from the table (see {@link CoveringColumns});
     *                 empty for no covering variants (always on SQLite, which has no INCLUDE)
     */
    static List<Candidate> candidates(TableScan scan, TableContext table, RareValues.PartialFilter partial,
                                      List<String> selected) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(bySelectivity(scan.equality(), table));
        int equalities = keys.size();
        keys.addAll(bySelectivity(scan.in(), table));
        for (Key key : keys(scan, table, keys)) {
            add(out, table, key.columns, key.prefix, null);
        }
        for (String join : scan.joinKeys()) {
            if (!keys.contains(join)) {
                List<String> inner = new ArrayList<>(List.of(join));
                inner.addAll(keys.subList(0, equalities));
                inner = bySelectivity(inner, table);
                inner.addAll(keys.subList(equalities, keys.size()));
                add(out, table, inner, inner.size(), null);
            }
        }
        if (partial != null) {
            // the filtered column leaves the key: every entry of the index has its one value
            List<String> rest = new ArrayList<>(keys);
            rest.remove(partial.column());
            List<Key> variants = keys(scan, table, rest);
            if (variants.isEmpty()) {
                variants = List.of(new Key(List.of(partial.column()), 1));
            }
            for (Key key : variants) {
                add(out, table, key.columns, key.prefix, partial.predicate());
            }
        }
        if (!selected.isEmpty()) {
            for (Candidate plain : new ArrayList<>(out.values())) {
                List<String> include = CoveringColumns.include(selected, plain.columns());
                if (!include.isEmpty()) {
                    Candidate covering = new Candidate(table, plain.columns(), plain.equalityPrefix(), include,
                            plain.where());
                    out.putIfAbsent(covering.key(), covering);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private record Key(List<String> columns, int prefix) {
    }

    /** The key variants over equality/IN columns {@code keys}: alone, then with one range column, or the ORDER BY. */
    private static List<Key> keys(TableScan scan, TableContext table, List<String> keys) {
        List<Key> out = new ArrayList<>();
        int prefix = keys.size();
        if (!keys.isEmpty()) {
            out.add(new Key(keys, prefix));
        }
        for (String range : bySelectivity(scan.range(), table).stream().limit(2).toList()) {
            if (!keys.contains(range)) {
                out.add(new Key(concat(keys, List.of(range)), prefix));
            }
        }
        if (!scan.orderBy().isEmpty() && scan.orderBy().stream().noneMatch(keys::contains)) {
            out.add(new Key(concat(keys, scan.orderBy()), prefix));
        }
        return out;
    }

    private static void add(Map<String, Candidate> out, TableContext table, List<String> columns, int prefix,
                            String where) {
        List<String> key = columns.size() > MAX_COLUMNS ? columns.subList(0, MAX_COLUMNS) : columns;
        if (key.isEmpty() || !key.stream().allMatch(table::hasColumn)) {
            return;
        }
        // a partial index holds only the rare rows, so even a low-cardinality key stays small and selective
        if (key.size() == 1 && where == null && table.lowCardinality(key.get(0))) {
            return;
        }
        Candidate candidate = new Candidate(table, key, Math.min(prefix, key.size()), List.of(), where);
        if (where != null || servedByExisting(candidate, table.indexes()) == null) {
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
}
