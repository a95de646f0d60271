package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.ExplainDialect;
import org.jdbcoptimizer.dialect.IndexCatalog;
import org.jdbcoptimizer.dialect.IndexCatalog.TableFacts;
import org.jdbcoptimizer.dialect.Plan;
import org.jdbcoptimizer.dialect.PlanNode;
import org.jdbcoptimizer.sql.TableRef;

/**
 * One advisor run for one database on the advisor's own connection: steps 2 to 6 over the
 * workload's ranked shapes, plus the reviews of existing indexes and unindexable predicates.
 *
 * <p>Faults are local: a table that no longer exists, a statement that no longer parses or
 * EXPLAINs, a catalog view the user may not read, each becomes a {@code notChecked} line and the
 * run goes on with the rest. Only a failure of the connection itself ends the run early, and that
 * too is reported in the advice, never thrown.
 */
final class AdvisorRun {

    private final Database database;
    private final String displayName;
    private final AdvisorSettings settings;
    private final Connection connection;
    private final IndexCatalog catalog;
    private final ShapeExplainer explainer;
    private final List<String> notChecked = new ArrayList<>();

    AdvisorRun(Database database, String displayName, AdvisorSettings settings, Connection connection) {
        this.database = database;
        this.displayName = displayName;
        this.settings = settings;
        this.connection = connection;
        this.catalog = IndexCatalog.forDatabase(database).orElseThrow();
        this.explainer = new ShapeExplainer(ExplainDialect.forDatabase(database).orElseThrow(),
                settings.timeoutSeconds());
    }

    Advice run(Workload workload) {
        Map<Long, ObservedShape> shapes = new LinkedHashMap<>();
        Map<Long, List<TableScan>> scans = new LinkedHashMap<>();
        for (ObservedShape shape : workload.ranked()) {
            if (!shape.info().parsed()) {
                notChecked.add("shape " + shape.stats().fingerprintId() + " (" + shape.stats().fingerprint()
                        + "): the statement could not be parsed, so its predicates are unknown");
                continue;
            }
            shapes.put(shape.info().fingerprintId(), shape);
            scans.put(shape.info().fingerprintId(), ScanExtractor.scans(shape.info()));
        }
        List<UnindexablePredicate> unindexable = UnindexableFinder.find(database, new ArrayList<>(shapes.values()));
        Map<TableRef, TableContext> tables = tables(scans, shapes);
        try (Prover prover = prover()) {
            Map<Long, Plan> before = baselines(prover, shapes);
            List<Selector.Tried> tried = tryCandidates(prover, shapes, scans, tables, before);
            List<IndexSuggestion> suggestions = new Selector(database, workload, shapes, notChecked)
                    .select(tried, settings.maxSuggestions(), prover.proves());
            List<ExistingIndexFinding> existing = reviewExisting(tables, scans, before);
            return new Advice(displayName, Instant.now(), prover.proves(), suggestions, existing, unindexable, notChecked);
        } catch (SQLException | RuntimeException e) {
            notChecked.add("the advisor stopped early: " + e);
            return new Advice(displayName, Instant.now(), false, List.of(), List.of(), unindexable, notChecked);
        }
    }

    private Prover prover() throws SQLException {
        if (database == Database.SQLITE) {
            return SqliteCopyProver.copyOf(connection, explainer);
        }
        if (!settings.hypothetical()) {
            notChecked.add("suggestions are unproven: hypothetical indexes are off (optimizer.advisor.hypothetical"
                    + "=false); ranked by heuristics only");
            return new HeuristicProver(connection, explainer);
        }
        boolean installed;
        try {
            installed = HypoPgProver.installed(connection);
        } catch (SQLException e) {
            installed = false;
        }
        if (!installed) {
            notChecked.add("suggestions are unproven: the HypoPG extension is not installed in this database (a DBA"
                    + " can run CREATE EXTENSION hypopg); ranked by heuristics only");
            return new HeuristicProver(connection, explainer);
        }
        return new HypoPgProver(connection, explainer);
    }

    /** Resolves every table the scans name; refreshes statistics that are missing. */
    private Map<TableRef, TableContext> tables(Map<Long, List<TableScan>> scans, Map<Long, ObservedShape> shapes) {
        Map<TableRef, TableContext> tables = new LinkedHashMap<>();
        Set<TableRef> failed = new HashSet<>();
        for (Map.Entry<Long, List<TableScan>> entry : scans.entrySet()) {
            for (TableScan scan : entry.getValue()) {
                TableRef ref = scan.table();
                if (tables.containsKey(ref) || failed.contains(ref)) {
                    continue;
                }
                try {
                    Optional<TableContext> context = context(ref);
                    if (context.isPresent()) {
                        tables.put(ref, context.get());
                    } else {
                        failed.add(ref);
                        notChecked.add("table " + ref + " (read by shape " + shapes.get(entry.getKey()).stats()
                                .fingerprintId() + ") no longer exists or is not a table; not checked");
                    }
                } catch (SQLException e) {
                    failed.add(ref);
                    notChecked.add("table " + ref + ": its catalog could not be read (" + e.getMessage()
                            + "); not checked");
                }
            }
        }
        return tables;
    }

    private Optional<TableContext> context(TableRef ref) throws SQLException {
        Optional<TableFacts> facts = catalog.table(connection, ref);
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        TableFacts table = facts.get();
        if (!table.analyzed()) {
            try {
                catalog.analyze(connection, table);
                table = catalog.table(connection, ref).orElse(table);
            } catch (SQLException e) {
                notChecked.add("table " + table.qualified() + " has no planner statistics and ANALYZE failed ("
                        + e.getMessage() + "); selectivity is unknown");
            }
        }
        return Optional.of(new TableContext(table, catalog.indexes(connection, table),
                catalog.columnStatistics(connection, table)));
    }

    private Map<Long, Plan> baselines(Prover prover, Map<Long, ObservedShape> shapes) {
        Map<Long, Plan> plans = new LinkedHashMap<>();
        for (ObservedShape shape : shapes.values()) {
            try {
                plans.put(shape.info().fingerprintId(), prover.plan(shape));
            } catch (SQLException | RuntimeException e) {
                notChecked.add("shape " + shape.stats().fingerprintId() + " (" + shape.stats().fingerprint()
                        + "): EXPLAIN failed (" + e.getMessage() + "); not checked");
            }
        }
        return plans;
    }

    private List<Selector.Tried> tryCandidates(Prover prover, Map<Long, ObservedShape> shapes,
                                               Map<Long, List<TableScan>> scans, Map<TableRef, TableContext> tables,
                                               Map<Long, Plan> before) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, Set<Long>> proposedBy = new HashMap<>();
        Map<TableContext, List<ObservedShape>> onTable = new HashMap<>();
        RareValues rareValues = new RareValues(connection, notChecked);
        for (Map.Entry<Long, List<TableScan>> entry : scans.entrySet()) {
            if (!before.containsKey(entry.getKey())) {
                continue;
            }
            for (TableScan scan : entry.getValue()) {
                TableContext table = tables.get(scan.table());
                if (table == null) {
                    continue;
                }
                List<ObservedShape> list = onTable.computeIfAbsent(table, t -> new ArrayList<>());
                if (!list.contains(shapes.get(entry.getKey()))) {
                    list.add(shapes.get(entry.getKey()));
                }
                ObservedShape shape = shapes.get(entry.getKey());
                List<String> selected = database == Database.POSTGRESQL
                        ? CoveringColumns.selected(shape, scan.table()) : List.of();
                for (Candidate c : CandidateBuilder.candidates(scan, table, rareValues.find(shape, scan, table),
                        selected)) {
                    candidates.putIfAbsent(c.key(), c);
                    proposedBy.computeIfAbsent(c.key(), k -> new HashSet<>()).add(entry.getKey());
                }
            }
        }
        List<Selector.Tried> tried = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            List<ObservedShape> targets = onTable.getOrDefault(c.table(), List.of());
            Map<Long, Effect> effects = new HashMap<>();
            long bytes = -1;
            String planIndexName = null;
            try {
                Prover.Trial trial = prover.trial(c, targets);
                if (trial == null) {
                    for (long id : proposedBy.get(c.key())) {
                        effects.put(id, Effect.heuristic(c.table().name(), before.get(id)));
                    }
                } else {
                    bytes = trial.estimatedBytes();
                    planIndexName = trial.planIndexName();
                    for (ObservedShape shape : targets) {
                        long id = shape.info().fingerprintId();
                        Plan after = trial.plans().get(id);
                        if (after != null) {
                            effects.put(id, Effect.of(database, c.table().name(), before.get(id), after,
                                    trial.planIndexName()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                notChecked.add("candidate " + c + " could not be tried (" + e.getMessage() + ")");
                continue;
            }
            tried.add(new Selector.Tried(c, effects, bytes, planIndexName));
        }
        return CoveringColumns.keepPreferred(tried);
    }

    private List<ExistingIndexFinding> reviewExisting(Map<TableRef, TableContext> tables,
                                                      Map<Long, List<TableScan>> scans, Map<Long, Plan> before) {
        Set<String> used = new HashSet<>();
        for (Plan plan : before.values()) {
            for (PlanNode node : plan.nodes()) {
                node.indexName().ifPresent(used::add);
            }
        }
        List<ExistingIndexFinding> out = new ArrayList<>();
        Set<TableContext> seen = new HashSet<>();
        for (Map.Entry<TableRef, TableContext> entry : tables.entrySet()) {
            if (!seen.add(entry.getValue())) {
                continue;
            }
            int observed = 0;
            for (Map.Entry<Long, List<TableScan>> s : scans.entrySet()) {
                if (before.containsKey(s.getKey()) && s.getValue().stream().anyMatch(x -> x.table().equals(entry.getKey()))) {
                    observed++;
                }
            }
            out.addAll(ExistingIndexReview.review(entry.getValue(), used, observed));
        }
        return out;
    }
}
