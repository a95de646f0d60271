package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Database;

/**
 * Chooses across the whole workload (step 6): a greedy weighted set cover. A candidate may take a
 * shape when it serves it within 50% of the cost of the best candidate for that shape, so one
 * index serving several shapes wins over one per shape. Each round takes the candidate with the
 * most time saved on shapes not yet covered, less its write overhead; a candidate whose write
 * overhead outweighs what it saves is dropped (and said so). Then a chosen single-column index
 * that leads a chosen multi-column one is dropped, its shapes served by the latter.
 *
 * <p>Time saved is the shape's observed total time times the planner's relative cost drop (90%
 * when unknown: SQLite, or unproven). Write overhead: every INSERT/UPDATE/DELETE observed on the
 * table also updates the index, estimated at {@value #WRITE_SHARE} of the mean write time and at
 * least {@value #MIN_WRITE_NANOS} ns each.
 */
final class Selector {

    static final double WITHIN_BEST = 1.5;
    static final double WRITE_SHARE = 0.3;
    static final long MIN_WRITE_NANOS = 10_000;
    static final double ASSUMED_GAIN = 0.9;

    private final Database database;
    private final Workload workload;
    private final Map<Long, ObservedShape> shapes;
    private final List<String> notes;

    Selector(Database database, Workload workload, Map<Long, ObservedShape> shapes, List<String> notes) {
        this.database = database;
        this.workload = workload;
        this.shapes = shapes;
        this.notes = notes;
    }

    /** A candidate with its effect on each shape it was tried on, and its estimated size. */
    record Tried(Candidate candidate, Map<Long, Effect> effects, long bytes, String planIndexName) {
    }

    List<IndexSuggestion> select(List<Tried> tried, int max, boolean proven) {
        Map<Long, Double> best = bestCosts(tried);
        Map<Tried, Double> score = new HashMap<>();
        Map<Tried, List<Long>> assigned = new LinkedHashMap<>();
        Set<Long> covered = new HashSet<>();
        Set<Tried> excluded = new HashSet<>();
        while (assigned.size() < max) {
            Tried pick = null;
            double pickGain = 0;
            for (Tried t : tried) {
                if (assigned.containsKey(t) || excluded.contains(t)) {
                    continue;
                }
                double gain = gain(t, best, covered);
                if (gain > 0 && (pick == null || gain - overhead(t) > pickGain - overhead(pick)
                        || (gain - overhead(t) == pickGain - overhead(pick)
                        && t.candidate().columns().size() < pick.candidate().columns().size()))) {
                    pick = t;
                    pickGain = gain;
                }
            }
            if (pick == null) {
                break;
            }
            if (pickGain <= overhead(pick)) {
                excluded.add(pick);
                notes.add(String.format(Locale.ROOT, "not suggested: an index %s would save about %.1f ms of reads"
                        + " but cost about %.1f ms on the %d writes observed on %s", pick.candidate(), pickGain / 1e6,
                        overhead(pick) / 1e6, workload.writes(pick.candidate().table().name()).statements(),
                        pick.candidate().table().facts().qualified()));
                continue;
            }
            List<Long> mine = eligible(pick, best, covered);
            covered.addAll(mine);
            assigned.put(pick, new ArrayList<>(mine));
            score.put(pick, pickGain - overhead(pick));
        }
        dropLeadingSingles(assigned, score);
        List<Tried> ranked = new ArrayList<>(assigned.keySet());
        ranked.sort(Comparator.comparingDouble((Tried t) -> -score.get(t)));
        List<IndexSuggestion> out = new ArrayList<>();
        for (Tried t : ranked) {
            out.add(suggestion(t, assigned.get(t), proven));
        }
        return out;
    }

    private Map<Long, Double> bestCosts(List<Tried> tried) {
        Map<Long, Double> best = new HashMap<>();
        for (Tried t : tried) {
            t.effects().forEach((id, e) -> {
                if (e.serves() && !Double.isNaN(e.costAfter())) {
                    best.merge(id, e.costAfter(), Math::min);
                }
            });
        }
        return best;
    }

    private List<Long> eligible(Tried t, Map<Long, Double> best, Set<Long> covered) {
        List<Long> ids = new ArrayList<>();
        t.effects().forEach((id, e) -> {
            Double b = best.get(id);
            if (e.serves() && !covered.contains(id) && (b == null || e.costAfter() <= b * WITHIN_BEST)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private double gain(Tried t, Map<Long, Double> best, Set<Long> covered) {
        double sum = 0;
        for (long id : eligible(t, best, covered)) {
            sum += saved(shapes.get(id), t.effects().get(id));
        }
        return sum;
    }

    private static double saved(ObservedShape shape, Effect e) {
        double ratio = Double.isNaN(e.costAfter()) || !(e.costBefore() > 0) ? ASSUMED_GAIN
                : Math.max(0, 1 - e.costAfter() / e.costBefore());
        return shape.stats().totalNanos() * ratio;
    }

    private double overhead(Tried t) {
        Workload.Writes writes = workload.writes(t.candidate().table().name());
        return writes.statements() * Math.max(MIN_WRITE_NANOS, WRITE_SHARE * writes.meanNanos());
    }

    /** Step 4's second rule, applied to the chosen set: [a] goes when [a, b, ...] was chosen and serves its shapes. */
    private static void dropLeadingSingles(Map<Tried, List<Long>> assigned, Map<Tried, Double> score) {
        for (Tried single : new ArrayList<>(assigned.keySet())) {
            if (single.candidate().columns().size() != 1 || single.candidate().where() != null) {
                continue;
            }
            for (Tried multi : assigned.keySet()) {
                Candidate m = multi.candidate();
                if (m.columns().size() > 1 && m.where() == null && m.table() == single.candidate().table()
                        && m.columns().get(0).equals(single.candidate().columns().get(0))
                        && assigned.get(single).stream().allMatch(id -> multi.effects().containsKey(id)
                        && multi.effects().get(id).serves())) {
                    assigned.get(multi).addAll(assigned.get(single));
                    score.merge(multi, score.get(single), Double::sum);
                    assigned.remove(single);
                    break;
                }
            }
        }
    }

    private IndexSuggestion suggestion(Tried t, List<Long> ids, boolean proven) {
        Candidate c = t.candidate();
        List<ServedShape> served = new ArrayList<>();
        double before = 0;
        double after = 0;
        ids.sort(Comparator.comparingLong((Long id) -> -shapes.get(id).stats().totalNanos()));
        for (long id : ids) {
            ObservedShape shape = shapes.get(id);
            Effect e = t.effects().get(id);
            served.add(new ServedShape(shape.stats().fingerprintId(), shape.stats().fingerprint(), shape.stats().calls(),
                    shape.stats().totalNanos(), e.costBefore(), e.costAfter()));
            before += e.costBefore();
            after += e.costAfter();
        }
        Effect top = t.effects().get(ids.get(0));
        String ddl = (database == Database.POSTGRESQL ? "CREATE INDEX CONCURRENTLY " : "CREATE INDEX ") + c.indexName()
                + " " + c.definition();
        long bytes = t.bytes() >= 0 ? t.bytes() : IndexSizes.estimate((long) c.table().facts().rows(),
                c.columns().size() + c.include().size());
        // HypoPG names its index <oid>btree_...: show the name the user will create instead
        String nodeAfter = top.nodeAfter() == null || t.planIndexName() == null ? top.nodeAfter()
                : top.nodeAfter().replace(t.planIndexName(), c.indexName());
        return new IndexSuggestion(c.table().facts().qualified(), c.columns(), c.include(), c.where(), ddl, served,
                before, after, top.nodeBefore(), nodeAfter, bytes, workload.writesPerSecond(c.table().name()),
                proven);
    }
}
