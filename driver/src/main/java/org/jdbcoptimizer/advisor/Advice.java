package org.jdbcoptimizer.advisor;

import java.time.Instant;
import java.util.List;

/**
 * One run of the index advisor for one database. Immutable.
 *
 * @param database         the database's display name (its URL without credentials)
 * @param at               when the advice was computed
 * @param proven           whether suggestions were checked with the planner (false on PostgreSQL
 *                         without HypoPG, or with {@code optimizer.advisor.hypothetical=false})
 * @param suggestions      indexes to create, most valuable first; at most
 *                         {@code optimizer.advisor.maxSuggestions}
 * @param existingIndexes  existing indexes that look droppable: unused by the observed workload,
 *                         duplicates, or prefixes of another index
 * @param unindexable      predicates a plain B-tree index cannot serve, with the index that can
 * @param notChecked       what could not be checked and why (a table dropped since it was observed,
 *                         a missing privilege, no HypoPG, a statement that no longer parses, ...)
 */
public record Advice(String database, Instant at, boolean proven, List<IndexSuggestion> suggestions,
                     List<ExistingIndexFinding> existingIndexes, List<UnindexablePredicate> unindexable,
                     List<String> notChecked) {

    /** Copies the lists, so the advice cannot change after it was made. */
    public Advice {
        suggestions = List.copyOf(suggestions);
        existingIndexes = List.copyOf(existingIndexes);
        unindexable = List.copyOf(unindexable);
        notChecked = List.copyOf(notChecked);
    }
}
