package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names visible at one level of a query: its FROM items (tables with their aliases, and
 * derived items such as subqueries, CTE references and functions) and the CTE names it defines.
 * Levels chain to the enclosing query, so correlated references resolve outward.
 *
 * <p>Resolution rules, taken from how PostgreSQL resolves names but without a catalog: a qualified
 * column resolves through the innermost FROM item with that alias (or, when the item has no
 * alias, that table name); an unqualified column belongs to the single FROM item of the
 * innermost level that has any, and is unresolved (null table) when that level has several.
 */
final class NameScope {

    private final NameScope parent;
    private final Set<String> ctes = new HashSet<>();
    private final List<Entry> entries = new ArrayList<>();

    NameScope(NameScope parent) {
        this.parent = parent;
    }

    /** A root scope in which {@code outerCtes} are CTE names, not tables. */
    static NameScope root(Set<String> outerCtes) {
        NameScope s = new NameScope(null);
        s.ctes.addAll(outerCtes);
        return s;
    }

    void addCte(String name) {
        ctes.add(name);
    }

    boolean isCte(String name) {
        for (NameScope s = this; s != null; s = s.parent) {
            if (s.ctes.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A FROM item that is a table; {@code alias} may be null. */
    void addTable(TableRef table, String alias) {
        entries.add(new Entry(alias, table, table.schema(), table.name(), false));
    }

    /** A FROM item that is not a table (subquery, CTE, function, VALUES); its columns resolve to null. */
    void addDerived(String alias) {
        entries.add(new Entry(alias, null, null, null, false));
    }

    /**
     * A derived name that only qualified columns can reach, like {@code excluded} in ON CONFLICT:
     * it does not make unqualified columns ambiguous.
     */
    void addQualifierOnly(String alias) {
        entries.add(new Entry(alias, null, null, null, true));
    }

    int size() {
        return entries.size();
    }

    /** The table of the FROM item at {@code index} of this level (null if derived). */
    TableRef tableAt(int index) {
        return entries.get(index).table;
    }

    /**
     * Resolves a column.
     *
     * @param schema the schema part of the qualifier, or null
     * @param qualifier the table or alias qualifier, or null when unqualified
     * @param column the normalized column name
     */
    ColumnRef resolve(String schema, String qualifier, String column) {
        if (qualifier == null) {
            for (NameScope s = this; s != null; s = s.parent) {
                List<Entry> candidates = s.entries.stream().filter(e -> !e.qualifiedOnly).toList();
                if (candidates.size() == 1) {
                    return new ColumnRef(candidates.get(0).table, column);
                }
                if (candidates.size() > 1) {
                    return new ColumnRef(null, column);
                }
            }
            return new ColumnRef(null, column);
        }
        for (NameScope s = this; s != null; s = s.parent) {
            for (Entry e : s.entries) {
                if (e.matches(schema, qualifier)) {
                    return new ColumnRef(e.table, column);
                }
            }
        }
        return new ColumnRef(null, column);
    }

    private record Entry(String alias, TableRef table, String schema, String name, boolean qualifiedOnly) {

        boolean matches(String qSchema, String qName) {
            if (alias != null) {
                return qSchema == null && alias.equals(qName);
            }
            return name != null && name.equals(qName) && (qSchema == null || qSchema.equals(schema));
        }
    }
}
