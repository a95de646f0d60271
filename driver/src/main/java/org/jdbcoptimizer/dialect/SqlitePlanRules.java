package org.jdbcoptimizer.dialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.jdbcoptimizer.dialect.PlanFinding.Kind;

/**
 * The SQLite checks of {@link PlanAnalyzer}. SQLite's plan says only how each table is reached, so
 * whether a full scan is a problem depends on what the caller knows: that the statement has a
 * predicate on the table ({@link PlanContext#tablesWithPredicates()}) and, if known, that the table
 * is large.
 */
final class SqlitePlanRules {

    private final AnalyzerThresholds limits;
    private final PlanContext context;
    private final List<PlanFinding> findings;

    SqlitePlanRules(AnalyzerThresholds limits, PlanContext context, List<PlanFinding> findings) {
        this.limits = limits;
        this.context = context;
        this.findings = findings;
    }

    void check(PlanNode node) {
        String detail = node.detail().orElse("");
        String table = node.relationName().orElse(null);
        if (table == null) {
            return;
        }
        Map<String, Number> numbers = new LinkedHashMap<>();
        OptionalDouble rows = context.rowsOf(table);
        rows.ifPresent(r -> numbers.put("tableRows", Math.round(r)));
        if (rows.isPresent() && rows.getAsDouble() < limits.largeScanRows()) {
            return; // a small table: scanning it is as good as any index
        }
        if (node.nodeType().equals(SqlitePlanParser.SCAN) && node.indexName().isEmpty()
                && !detail.contains(" VIRTUAL TABLE") && context.hasPredicate(table)) {
            findings.add(new PlanFinding(Kind.SQLITE_SCAN, node.describe(), table,
                    "SQLite reads every row of " + table + " although the statement filters or joins on it;"
                            + " no index serves the predicate", numbers));
        } else if (node.nodeType().equals(SqlitePlanParser.SEARCH) && detail.contains(" USING AUTOMATIC ")) {
            findings.add(new PlanFinding(Kind.JOIN_WITHOUT_INDEX, node.describe(), table,
                    "SQLite builds a temporary index on " + table + " " + node.indexCondition().orElse("")
                            + " for this statement alone, because no index exists for the join", numbers));
        }
    }
}
