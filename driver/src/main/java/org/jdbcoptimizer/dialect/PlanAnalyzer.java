package org.jdbcoptimizer.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link Plan} for the patterns that usually mean a missing index or too little memory, and
 * reports each as a {@link PlanFinding} with the numbers behind it. Stateless and thread-safe.
 *
 * <p>What is reported, per database (details on {@link PlanFinding.Kind}):
 * <ul>
 *   <li>PostgreSQL: {@code SEQ_SCAN_SELECTIVE}, {@code ESTIMATE_OFF} (ANALYZE only),
 *       {@code SORT_SPILL} and {@code HASH_SPILL} (ANALYZE only: spills are measured, not
 *       planned), {@code NESTED_LOOP_LARGE}, {@code JOIN_WITHOUT_INDEX};</li>
 *   <li>SQLite: {@code SQLITE_SCAN} of tables named in {@link PlanContext#tablesWithPredicates()},
 *       and {@code JOIN_WITHOUT_INDEX} where SQLite builds an automatic index.</li>
 * </ul>
 * The rules are heuristics meant to point a person at the right node, not verdicts; the thresholds
 * that drive them are in {@link AnalyzerThresholds}.
 */
public final class PlanAnalyzer {

    private final AnalyzerThresholds thresholds;

    /** An analyzer with {@link AnalyzerThresholds#DEFAULTS}. */
    public PlanAnalyzer() {
        this(AnalyzerThresholds.DEFAULTS);
    }

    public PlanAnalyzer(AnalyzerThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public AnalyzerThresholds thresholds() {
        return thresholds;
    }

    /** Findings from the plan alone (no catalog sizes, no predicate tables). */
    public List<PlanFinding> analyze(Plan plan) {
        return analyze(plan, PlanContext.NONE);
    }

    /**
     * Findings in plan order (depth first), misestimates last. Empty when nothing looks wrong, and
     * always for {@link Database#OTHER}.
     */
    public List<PlanFinding> analyze(Plan plan, PlanContext context) {
        List<PlanFinding> findings = new ArrayList<>();
        switch (plan.database()) {
            case POSTGRESQL -> {
                PostgresPlanRules rules = new PostgresPlanRules(thresholds, context, findings);
                plan.roots().forEach(rules::check);
            }
            case SQLITE -> {
                SqlitePlanRules rules = new SqlitePlanRules(thresholds, context, findings);
                plan.nodes().forEach(rules::check);
            }
            case OTHER -> {
                // no rules
            }
        }
        return List.copyOf(findings);
    }
}
