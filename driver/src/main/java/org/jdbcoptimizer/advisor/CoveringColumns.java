package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.sql.RowFacts;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.sql.TableRef;

/**
 * Step 3's covering indexes (PostgreSQL {@code INCLUDE}): which columns a statement selects from a
 * table, and, after the trials, whether a covering candidate earned its extra width.
 *
 * <p>Selected columns are known for row queries only ({@link RowFacts.RowQuery}: plain columns in
 * the select list); {@code *}, aggregates and expressions give none, so no covering candidate.
 * A covering candidate is kept only where the planner prefers it to the same index without
 * INCLUDE: an Index Only Scan, or a cost at least {@value #MARGIN} lower. Otherwise the wider index
 * costs space and writes for nothing.
 */
final class CoveringColumns {

    /** More INCLUDE columns than this make an index that copies much of the table. */
    static final int MAX_INCLUDE = 3;
    static final double MARGIN = 0.1;

    private CoveringColumns() {
    }

    /** The plain columns the statement selects from the table, in select-list order; empty when unknown. */
    static List<String> selected(ObservedShape shape, TableRef table) {
        RowFacts.RowQuery query = SqlAnalyzer.shared().rowFacts(shape.info().text()).query();
        if (query == null || query.allColumns().contains(table)) {
            return List.of();
        }
        Map<String, Integer> positions = query.positions().get(table);
        return positions == null ? List.of() : List.copyOf(positions.keySet());
    }

    /** The INCLUDE columns for a key: the selected columns not in it, or empty when there are too many. */
    static List<String> include(List<String> selected, List<String> key) {
        List<String> extra = new ArrayList<>(selected);
        extra.removeAll(key);
        return extra.size() > MAX_INCLUDE ? List.of() : extra;
    }

    /** The trials without the covering candidates the planner did not prefer to their plain twin. */
    static List<Selector.Tried> keepPreferred(List<Selector.Tried> tried) {
        Map<String, Selector.Tried> byKey = new HashMap<>();
        for (Selector.Tried t : tried) {
            byKey.put(t.candidate().key(), t);
        }
        List<Selector.Tried> out = new ArrayList<>();
        for (Selector.Tried t : tried) {
            if (t.candidate().include().isEmpty() || preferred(t, byKey.get(t.candidate().withoutInclude().key()))) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean preferred(Selector.Tried covering, Selector.Tried plain) {
        boolean servesAny = false;
        for (Map.Entry<Long, Effect> e : covering.effects().entrySet()) {
            Effect mine = e.getValue();
            if (!mine.serves()) {
                continue;
            }
            servesAny = true;
            Effect twin = plain == null ? null : plain.effects().get(e.getKey());
            boolean indexOnly = mine.nodeAfter() != null && mine.nodeAfter().startsWith("Index Only Scan");
            boolean cheaper = twin == null || !twin.serves() || mine.costAfter() <= twin.costAfter() * (1 - MARGIN);
            if (!indexOnly && !cheaper) {
                return false;
            }
        }
        return servesAny;
    }
}
