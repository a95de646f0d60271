package org.jdbcoptimizer.analyze;

import java.util.ArrayList;
import java.util.List;

import org.jdbcoptimizer.sql.Predicate;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;

/**
 * Finds anti-patterns: from the statement text once per shape ({@link #fromText}), and from what
 * an execution returned ({@link #fromExecution}). Each lint names the fix.
 */
public final class Lints {

    private final long largeOffset;
    private final long unboundedRows;

    /**
     * @param largeOffset   an OFFSET at least this large is reported
     * @param unboundedRows a SELECT without LIMIT returning at least this many rows is reported
     */
    public Lints(long largeOffset, long unboundedRows) {
        this.largeOffset = largeOffset;
        this.unboundedRows = unboundedRows;
    }

    /** Lints that the text alone shows. */
    public List<Lint> fromText(SqlInfo info) {
        List<Lint> found = new ArrayList<>();
        if (info.selectStar() && info.kind() == SqlStatementKind.QUERY) {
            found.add(new Lint(Lint.Kind.SELECT_STAR, "SELECT * reads every column",
                    "name the columns the application uses: fewer bytes, and index-only scans become possible"));
        }
        for (Predicate predicate : info.predicates()) {
            String column = (predicate.table() == null ? "" : predicate.table().qualifiedName() + ".")
                    + predicate.column();
            if (predicate.op() == Predicate.Operator.LIKE_CONTAINS) {
                found.add(new Lint(Lint.Kind.LEADING_WILDCARD_LIKE, "LIKE with a leading wildcard on " + column
                        + " cannot use a B-tree index",
                        "use a trigram index (CREATE EXTENSION pg_trgm; CREATE INDEX ... USING gin (" + predicate.column()
                                + " gin_trgm_ops)) or full-text search; on SQLite, FTS5"));
            } else if (predicate.op() == Predicate.Operator.FUNCTION_ON_COLUMN) {
                found.add(new Lint(Lint.Kind.FUNCTION_ON_FILTERED_COLUMN, "the filter applies "
                        + predicate.function() + "() to " + column + ", so an index on the column cannot be used",
                        "compare the bare column (e.g. a range instead of date(col) = ?), or create an expression"
                                + " index on " + predicate.function() + "(" + predicate.column() + ")"));
            }
        }
        if (info.offset().isPresent() && info.offset().getAsLong() >= largeOffset) {
            found.add(new Lint(Lint.Kind.LARGE_OFFSET, "OFFSET " + info.offset().getAsLong()
                    + " reads and discards every skipped row",
                    "paginate by key (WHERE id > ? ORDER BY id LIMIT n) instead of OFFSET"));
        }
        if (info.fingerprint().contains("not in (select")) {
            found.add(new Lint(Lint.Kind.NOT_IN_SUBQUERY, "NOT IN (subquery) is never true when the subquery"
                    + " returns a NULL, and often plans badly", "use NOT EXISTS (SELECT 1 FROM ... WHERE ...)"));
        }
        if ((info.kind() == SqlStatementKind.UPDATE || info.kind() == SqlStatementKind.DELETE) && !info.hasWhere()) {
            found.add(new Lint(Lint.Kind.MISSING_WHERE, info.kind().name() + " without WHERE changes every row",
                    "add the WHERE clause, or use TRUNCATE when emptying the table is intended"));
        }
        return List.copyOf(found);
    }

    /** Lints that depend on an execution; null when there is none (the common case, no allocation). */
    public Lint fromExecution(SqlInfo info, long rows) {
        if (rows >= unboundedRows && info.kind() == SqlStatementKind.QUERY && !info.hasLimit()) {
            return new Lint(Lint.Kind.UNBOUNDED_RESULT, "a SELECT without LIMIT returned " + rows + " rows",
                    "add LIMIT (and keyset pagination), or aggregate in the database instead of in the application");
        }
        return null;
    }
}
