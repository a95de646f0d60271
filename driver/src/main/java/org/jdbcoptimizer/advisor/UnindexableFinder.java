package org.jdbcoptimizer.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.sql.Predicate;
import org.jdbcoptimizer.sql.Predicate.Operator;

/**
 * Predicates no plain B-tree on the column serves, with the index that does: a trigram GIN index
 * for {@code LIKE '%...'} and {@code ILIKE} on PostgreSQL (SQLite has none: full-text search or an
 * anchored pattern), an expression index for a function or cast applied to the column.
 */
final class UnindexableFinder {

    /** Functions of one argument whose expression index can be written from the name alone. */
    private static final Set<String> ONE_ARGUMENT = Set.of("lower", "upper", "trim", "ltrim", "rtrim", "abs",
            "length", "date", "md5", "unaccent", "btrim");

    private UnindexableFinder() {
    }

    static List<UnindexablePredicate> find(Database database, List<ObservedShape> shapes) {
        Map<String, Acc> found = new LinkedHashMap<>();
        for (ObservedShape shape : shapes) {
            for (Predicate p : shape.info().predicates()) {
                if (p.table() == null) {
                    continue;
                }
                UnindexablePredicate.Kind kind = p.op() == Operator.LIKE_CONTAINS ? UnindexablePredicate.Kind.LEADING_WILDCARD
                        : p.op() == Operator.FUNCTION_ON_COLUMN ? UnindexablePredicate.Kind.FUNCTION_ON_COLUMN : null;
                if (kind == null) {
                    continue;
                }
                String expression = expression(p);
                Acc acc = found.computeIfAbsent(p.table().qualifiedName() + "|" + expression,
                        k -> new Acc(p, kind, expression));
                if (!acc.ids.contains(shape.stats().fingerprintId())) {
                    acc.ids.add(shape.stats().fingerprintId());
                    acc.nanos += shape.stats().totalNanos();
                }
            }
        }
        List<UnindexablePredicate> out = new ArrayList<>();
        for (Acc acc : found.values()) {
            out.add(new UnindexablePredicate(acc.p.table().qualifiedName(), acc.p.column(), acc.kind, acc.expression,
                    acc.ids, acc.nanos, fix(database, acc)));
        }
        out.sort((a, b) -> Long.compare(b.totalNanos(), a.totalNanos()));
        return out;
    }

    private static String expression(Predicate p) {
        String column = Identifiers.quote(p.column());
        if (p.op() == Operator.LIKE_CONTAINS) {
            return column + " LIKE '%...' (or ILIKE)";
        }
        return p.function().startsWith("::") ? column + p.function() : p.function() + "(" + column + (
                ONE_ARGUMENT.contains(p.function()) ? ")" : ", ...)");
    }

    private static String fix(Database database, Acc acc) {
        String table = acc.p.table().qualifiedName();
        String column = Identifiers.quote(acc.p.column());
        String name = (acc.p.table().name() + "_" + acc.p.column()).replaceAll("[^A-Za-z0-9_]", "_");
        if (acc.kind == UnindexablePredicate.Kind.LEADING_WILDCARD) {
            if (database == Database.POSTGRESQL) {
                return "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX CONCURRENTLY " + name + "_trgm_idx ON "
                        + table + " USING gin (" + column + " gin_trgm_ops);";
            }
            return "no SQLite index serves a leading wildcard: use a full-text (FTS5) table, or anchor the pattern"
                    + " (LIKE 'abc%') so an index on " + column + " can serve it";
        }
        boolean exact = acc.p.function().startsWith("::") || ONE_ARGUMENT.contains(acc.p.function());
        String create = (database == Database.POSTGRESQL ? "CREATE INDEX CONCURRENTLY " : "CREATE INDEX ") + name + "_"
                + acc.p.function().replaceAll("[^A-Za-z0-9_]", "") + "_idx ON " + table + " ((";
        if (exact) {
            return create + acc.expression + "));";
        }
        return "an expression index on the expression exactly as the statement writes it: " + create
                + acc.expression.replace("...", "<the other arguments>") + "));";
    }

    private static final class Acc {
        final Predicate p;
        final UnindexablePredicate.Kind kind;
        final String expression;
        final List<String> ids = new ArrayList<>();
        long nanos;

        Acc(Predicate p, UnindexablePredicate.Kind kind, String expression) {
            this.p = p;
            this.kind = kind;
            this.expression = expression;
        }
    }
}
