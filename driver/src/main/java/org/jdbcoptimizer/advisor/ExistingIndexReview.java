package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jdbcoptimizer.dialect.IndexCatalog.CatalogIndex;

/**
 * Existing indexes that look droppable, from the catalog and the observed plans. Conservative:
 * an index backing a primary key or unique constraint is never reported; an index on an
 * expression is compared only for exact duplicates; "unused" means no observed plan used it and,
 * where the database counts index scans (PostgreSQL), none was counted either, and is worded as
 * "not used by the observed workload".
 */
final class ExistingIndexReview {

    private ExistingIndexReview() {
    }

    /**
     * @param usedInPlans index names that appeared in any plan of the observed shapes
     * @param observedShapes how many advised shapes read this table (no shape: no unused finding)
     */
    static List<ExistingIndexFinding> review(TableContext table, Set<String> usedInPlans, int observedShapes) {
        List<ExistingIndexFinding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        List<CatalogIndex> indexes = table.indexes();
        String qualified = table.facts().qualified();
        for (CatalogIndex a : indexes) {
            if (a.unique()) {
                continue;
            }
            for (CatalogIndex b : indexes) {
                if (a == b || reported.contains(a.name())) {
                    continue;
                }
                if (duplicate(a, b) && (b.unique() || a.name().compareTo(b.name()) > 0)) {
                    reported.add(a.name());
                    out.add(new ExistingIndexFinding(qualified, a.name(), a.definition(),
                            ExistingIndexFinding.Kind.DUPLICATE, b.name(), a.bytes(),
                            "same key columns " + a.columns() + ", method and predicate as " + b.name()));
                } else if (prefix(a, b)) {
                    reported.add(a.name());
                    out.add(new ExistingIndexFinding(qualified, a.name(), a.definition(),
                            ExistingIndexFinding.Kind.PREFIX_REDUNDANT, b.name(), a.bytes(),
                            "its key " + a.columns() + " is the leading part of " + b.name() + " " + b.columns()
                                    + ", which serves the same lookups"));
                }
            }
        }
        if (observedShapes > 0) {
            for (CatalogIndex a : indexes) {
                if (!a.unique() && !reported.contains(a.name()) && !usedInPlans.contains(a.name()) && a.scans() <= 0) {
                    out.add(new ExistingIndexFinding(qualified, a.name(), a.definition(), ExistingIndexFinding.Kind.UNUSED,
                            null, a.bytes(), "not used by the observed workload: no plan of the " + observedShapes
                            + " observed statement shapes on this table uses it"
                            + (a.scans() == 0 ? ", and pg_stat_user_indexes counts no scan of it" : "")
                            + "; check other applications and reports before dropping it"));
                }
            }
        }
        return out;
    }

    private static boolean duplicate(CatalogIndex a, CatalogIndex b) {
        return a.method().equals(b.method()) && a.columns().equals(b.columns()) && a.include().equals(b.include())
                && Objects.equals(a.predicate(), b.predicate()) && !a.columns().contains("(expression)");
    }

    private static boolean prefix(CatalogIndex a, CatalogIndex b) {
        return "btree".equals(a.method()) && "btree".equals(b.method()) && a.predicate() == null
                && b.predicate() == null && a.columns().size() < b.columns().size()
                && !a.columns().contains("(expression)")
                && b.columns().subList(0, a.columns().size()).equals(a.columns());
    }
}
