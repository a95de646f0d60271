package org.jdbcoptimizer.sql;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one SQL text is and touches, as far as the text alone tells. Immutable and thread-safe;
 * obtained from {@link SqlAnalyzer#analyze(String)}.
 *
 * <p>{@link #parsed()} is the key to everything table-related: when it is false the statement's
 * reach is unknown (the parser could not read it, or it runs code we cannot see: CALL, DO,
 * EXECUTE), and callers must treat it as reading and writing every table. The table sets,
 * predicates, joins, sort keys and functions are then empty. The kind, the fingerprint, the
 * hints and the lexical facts ({@link #hasWhere()}, {@link #hasLimit()}, {@link #forUpdate()},
 * {@link #placeholderCount()}) come from the tokenizer and are always set.
 *
 * <p>A text with several statements ({@code BEGIN; UPDATE ...; COMMIT}) is analyzed as a whole:
 * tables and predicates are the union over its statements, {@code parsed()} holds only if every
 * statement was understood, and the kind and lexical facts are those of the first statement
 * that is not transaction control or a session command.
 */
public final class SqlInfo {

    private final String text;
    private final String fingerprint;
    private final long fingerprintId;
    private final SqlStatementKind kind;
    private final int statementCount;
    private final StatementScope scope;
    private final LexicalFacts facts;
    private final int placeholderCount;
    private final SqlHints hints;

    SqlInfo(String text, String fingerprint, SqlStatementKind kind, int statementCount, StatementScope scope,
            LexicalFacts facts, int placeholderCount, SqlHints hints) {
        this.text = text;
        this.fingerprint = fingerprint;
        this.fingerprintId = SqlFingerprint.hash(fingerprint);
        this.kind = kind;
        this.statementCount = statementCount;
        this.scope = scope;
        this.facts = facts;
        this.placeholderCount = placeholderCount;
        this.hints = hints;
    }

    /** The analyzed text, exactly as given (null was analyzed as the empty string). */
    public String text() {
        return text;
    }

    /**
     * The normalized text: comments dropped, whitespace normalized, unquoted words lower-cased,
     * constants and placeholders replaced by {@code ?}, lists of any length folded to one element
     * ({@code IN (?)}, {@code VALUES (?, ?)}). Texts of the same shape have the same fingerprint.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** A 64-bit hash of {@link #fingerprint()}, stable across JVMs and versions of this class. */
    public long fingerprintId() {
        return fingerprintId;
    }

    /** {@link #fingerprintId()} as sixteen lower-case hex digits. */
    public String fingerprintHex() {
        return SqlFingerprint.hex(fingerprintId);
    }

    public SqlStatementKind kind() {
        return kind;
    }

    /** Whether the tables and predicates are complete; see the class comment. */
    public boolean parsed() {
        return scope.known();
    }

    /** The number of statements in the text (0 for empty or comment-only text). */
    public int statementCount() {
        return statementCount;
    }

    /**
     * Tables the statement reads: FROM and JOIN items at any depth, subqueries, CTE bodies, the
     * source of INSERT ... SELECT, MERGE and UPDATE ... FROM. CTE names are not tables. A write
     * target is not listed here unless it is also read elsewhere in the statement.
     */
    public Set<TableRef> tablesRead() {
        return scope.read();
    }

    /**
     * Tables the statement writes: INSERT/UPDATE/DELETE/MERGE targets (also inside data-modifying
     * CTEs), SELECT ... INTO targets, and for DDL every table created, altered, dropped, truncated,
     * renamed (old and new name) or indexed.
     */
    public Set<TableRef> tablesWritten() {
        return scope.written();
    }

    /** Column conditions from WHERE and JOIN ... ON clauses at every depth, without duplicates. */
    public List<Predicate> predicates() {
        return scope.predicates();
    }

    /** Column pairs compared for equality (join conditions), without duplicates. */
    public List<JoinPair> joins() {
        return scope.joins();
    }

    /** ORDER BY keys that are columns (directly, via an output alias, or by position). */
    public List<ColumnRef> orderBy() {
        return scope.orderBy();
    }

    /** GROUP BY keys that are columns. */
    public List<ColumnRef> groupBy() {
        return scope.groupBy();
    }

    /**
     * Functions called, lower-cased, schema-qualified when written so ({@code now},
     * {@code nextval}, {@code pg_catalog.random}); includes {@code current_timestamp} and its kin.
     */
    public Set<String> functions() {
        return scope.functions();
    }

    /** The statement's own select list (not a subquery's) contains {@code *} or {@code t.*}. */
    public boolean selectStar() {
        return scope.selectStar();
    }

    /** A row-locking clause: FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE or FOR KEY SHARE. */
    public boolean forUpdate() {
        return facts.forUpdate();
    }

    /** The statement's own level has LIMIT (not LIMIT ALL) or FETCH FIRST/NEXT. */
    public boolean hasLimit() {
        return facts.hasLimit();
    }

    /** The row limit when it is a literal. */
    public OptionalLong limit() {
        return facts.limit() == null ? OptionalLong.empty() : OptionalLong.of(facts.limit());
    }

    /** The offset when it is a literal. */
    public OptionalLong offset() {
        return facts.offset() == null ? OptionalLong.empty() : OptionalLong.of(facts.offset());
    }

    /** The statement's own level has a WHERE clause (a WHERE in a subquery or CTE does not count). */
    public boolean hasWhere() {
        return facts.hasWhere();
    }

    /** Bind parameters: the number of {@code ?}, or the highest {@code $n} / {@code ?n}. */
    public int placeholderCount() {
        return placeholderCount;
    }

    /** Optimizer hints from comments; empty when there are none. */
    public SqlHints hints() {
        return hints;
    }

    /**
     * True for a single, understood query that writes no table in its text: the only statements
     * whose results may be cached. Functions it calls may still have side effects; check
     * {@link #functions()}. A {@link #forUpdate()} query is read-only by this definition.
     */
    public boolean readOnly() {
        return parsed() && kind == SqlStatementKind.QUERY && statementCount == 1 && scope.written().isEmpty();
    }

    /** True when the parse ran out of time; the analyzer retries such texts later. */
    boolean timedOut() {
        return scope.timedOut();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlInfo i && i.text.equals(text) && i.fingerprint.equals(fingerprint) && i.kind == kind
                && i.statementCount == statementCount && i.scope.equals(scope) && i.facts.equals(facts)
                && i.placeholderCount == placeholderCount && i.hints.equals(hints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, scope);
    }

    @Override
    public String toString() {
        return "SqlInfo[" + kind + (parsed() ? "" : ", unparsed") + ", " + fingerprint + ", read=" + tablesRead()
                + ", written=" + tablesWritten() + ", predicates=" + predicates() + "]";
    }
}
