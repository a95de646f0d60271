package org.jdbcoptimizer.dialect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the caller knows about a statement beyond its plan, for {@link PlanAnalyzer}. Immutable.
 * Names compare case-insensitively.
 *
 * @param tablesWithPredicates tables the statement filters or joins on (WHERE / JOIN ... ON). SQLite
 *     prints a table's alias instead of its name when the statement gives one, so pass aliases too.
 *     Needed for {@link PlanFinding.Kind#SQLITE_SCAN}: a SQLite SCAN is a problem only when there
 *     was a predicate an index could have served
 * @param tableRows the database's row count estimate per table, e.g. from
 *     {@link ExplainDialect#tableRowEstimates}. Needed to judge a PostgreSQL Seq Scan without ANALYZE,
 *     whose plan does not say how many rows the table has
 */
public record PlanContext(Set<String> tablesWithPredicates, Map<String, Double> tableRows) {

    /** Nothing known beyond the plan. */
    public static final PlanContext NONE = new PlanContext(Set.of(), Map.of());

    public PlanContext {
        Set<String> lowerTables = new HashSet<>();
        for (String table : tablesWithPredicates) {
            lowerTables.add(table.toLowerCase(Locale.ROOT));
        }
        Map<String, Double> lowerRows = new HashMap<>();
        tableRows.forEach((table, rows) -> lowerRows.put(table.toLowerCase(Locale.ROOT), rows));
        tablesWithPredicates = Set.copyOf(lowerTables);
        tableRows = Map.copyOf(lowerRows);
    }

    boolean hasPredicate(String table) {
        return tablesWithPredicates.contains(table.toLowerCase(Locale.ROOT));
    }

    OptionalDouble rowsOf(String table) {
        Double rows = tableRows.get(table.toLowerCase(Locale.ROOT));
        return rows == null ? OptionalDouble.empty() : OptionalDouble.of(rows);
    }
}
