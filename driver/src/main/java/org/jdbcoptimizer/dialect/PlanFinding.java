package org.jdbcoptimizer.dialect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem {@link PlanAnalyzer} saw in a plan, with the numbers that made it a problem, so a
 * report can show its evidence and not just its opinion. Immutable and thread-safe.
 */
public final class PlanFinding {

    /** What kind of problem; each constant's javadoc says when it is reported. */
    public enum Kind {
        /** PostgreSQL Seq Scan of a large table whose filter discards most of the rows it reads. */
        SEQ_SCAN_SELECTIVE,
        /** PostgreSQL node whose actual rows differ from the planner's estimate by a large factor. */
        ESTIMATE_OFF,
        /** PostgreSQL Sort that did not fit in work_mem and went to disk. */
        SORT_SPILL,
        /** PostgreSQL Hash (or hashed aggregate) that did not fit in work_mem and split into batches. */
        HASH_SPILL,
        /** PostgreSQL Nested Loop whose inner side runs very many times. */
        NESTED_LOOP_LARGE,
        /**
         * A join that reads a large table without an index on the join column: PostgreSQL's inner
         * Seq Scan; SQLite's transient "AUTOMATIC" index.
         */
        JOIN_WITHOUT_INDEX,
        /** SQLite full SCAN of a table the statement filters or joins on. */
        SQLITE_SCAN
    }

    private final Kind kind;
    private final String node;
    private final String relation;
    private final String detail;
    private final Map<String, Number> numbers;

    /**
     * @param node the node the finding is about, as {@link PlanNode#describe()} names it
     * @param relation the table concerned, or null when there is none
     * @param detail one sentence for a human
     * @param numbers the evidence by name, in the order given
     */
    public PlanFinding(Kind kind, String node, String relation, String detail, Map<String, ? extends Number> numbers) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.node = Objects.requireNonNull(node, "node");
        this.relation = relation;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    public Kind kind() {
        return kind;
    }

    /** The plan node, e.g. "Seq Scan on orders o" or "SCAN orders". */
    public String node() {
        return node;
    }

    /** The table (or, for SQLite, the alias it prints) the finding is about. */
    public Optional<String> relation() {
        return Optional.ofNullable(relation);
    }

    public String detail() {
        return detail;
    }

    /** The numbers behind the finding, e.g. {@code rowsRead=50000, rowsReturned=10}; unmodifiable. */
    public Map<String, Number> numbers() {
        return numbers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlanFinding f && kind == f.kind && node.equals(f.node)
                && Objects.equals(relation, f.relation) && detail.equals(f.detail) && numbers.equals(f.numbers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, node, relation, detail, numbers);
    }

    @Override
    public String toString() {
        return kind + " at " + node + ": " + detail + " " + numbers;
    }
}
