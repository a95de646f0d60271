package org.jdbcoptimizer.sql;

import java.util.List;

import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import org.jdbcoptimizer.sql.Predicate.Operator;

/**
 * Turns a search condition (WHERE, JOIN ... ON, MERGE ... ON) into {@link Predicate}s and
 * {@link JoinPair}s. AND, OR and NOT are walked through; every leaf is also scanned for functions
 * and subqueries. A leaf records something only when a side is a column (or one function of a
 * column) and the other side a value (constants, parameters, functions of no column); two
 * columns compared for equality make a join pair; anything else that mentions columns records
 * {@link Operator#OTHER} for them.
 */
final class PredicateCollector {

    private final ExpressionScanner scanner;
    private final ScopeBuilder out;

    PredicateCollector(ExpressionScanner scanner, ScopeBuilder out) {
        this.scanner = scanner;
        this.out = out;
    }

    void condition(Expression e, NameScope scope) {
        condition(e, scope, false);
    }

    private void condition(Expression e, NameScope scope, boolean negated) {
        if (e == null) {
            return;
        }
        if (e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression) {
            BinaryExpression b = (BinaryExpression) e;
            condition(b.getLeftExpression(), scope, negated);
            condition(b.getRightExpression(), scope, negated);
        } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            condition(list.get(0), scope, negated);
        } else if (e instanceof NotExpression not) {
            condition(not.getExpression(), scope, !negated);
        } else {
            scanner.scan(e, scope);
            leaf(e, scope, negated);
        }
    }

    private void leaf(Expression e, NameScope scope, boolean negated) {
        if (e instanceof EqualsTo eq) {
            compare(eq.getLeftExpression(), eq.getRightExpression(), negated ? Operator.NOT_EQUALS : Operator.EQUALS,
                    scope);
        } else if (e instanceof NotEqualsTo ne) {
            compare(ne.getLeftExpression(), ne.getRightExpression(), negated ? Operator.EQUALS : Operator.NOT_EQUALS,
                    scope);
        } else if (e instanceof GreaterThan || e instanceof GreaterThanEquals || e instanceof MinorThan
                || e instanceof MinorThanEquals) {
            BinaryExpression b = (BinaryExpression) e;
            compare(b.getLeftExpression(), b.getRightExpression(), Operator.RANGE, scope);
        } else if (e instanceof Between b) {
            if (isValue(b.getBetweenExpressionStart(), scope) && isValue(b.getBetweenExpressionEnd(), scope)) {
                record(operand(b.getLeftExpression(), scope), Operator.RANGE);
            } else {
                other(e, scope);
            }
        } else if (e instanceof InExpression in) {
            in(in, scope, negated);
        } else if (e instanceof LikeExpression like) {
            like(like, scope, negated);
        } else if (e instanceof IsNullExpression isNull) {
            record(operand(isNull.getLeftExpression(), scope), Operator.IS_NULL);
        } else if (e instanceof IsBooleanExpression isBool) {
            record(operand(isBool.getLeftExpression(), scope), Operator.EQUALS);
        } else if (e instanceof Column c && !AstNames.isValueWord(c)) {
            record(operand(c, scope), Operator.EQUALS); // WHERE active / WHERE NOT deleted
        } else if (!(e instanceof ExistsExpression)) {
            other(e, scope);
        }
    }

    private void compare(Expression left, Expression right, Operator op, NameScope scope) {
        Operator effective = op;
        if (right instanceof AnyComparisonExpression any) {
            effective = quantified(op, any.getAnyType() != AnyType.ALL);
        } else if (right instanceof Function f && isQuantifier(f)) {
            effective = quantified(op, !"all".equals(AstNames.function(f)));
        }
        if (isValue(right, scope) && rowOfColumns(left)) { // (a, b) = (1, 2)
            for (Expression part : row(left)) {
                record(operand(part, scope), effective);
            }
            return;
        }
        Operand l = operand(left, scope);
        Operand r = operand(right, scope);
        if (l.isValue() && !r.isValue()) {
            Operand t = l;
            l = r;
            r = t;
        }
        if (r.isValue() && (l.column != null)) {
            record(l, effective);
        } else if (l.column != null && r.column != null && l.function == null && r.function == null
                && effective == Operator.EQUALS) {
            if (l.column.table() != null || r.column.table() != null) { // two unknowns tell nothing
                out.join(JoinPair.of(l.column, r.column));
            }
        } else {
            other(l);
            other(r);
        }
    }

    /** {@code = ANY (...)} is IN; {@code <> ALL (...)} is NOT IN; ranges stay ranges. */
    private static Operator quantified(Operator op, boolean any) {
        if (op == Operator.EQUALS && any) {
            return Operator.IN;
        }
        if (op == Operator.NOT_EQUALS && !any) {
            return Operator.NOT_EQUALS;
        }
        return op == Operator.RANGE ? Operator.RANGE : Operator.OTHER;
    }

    private static boolean isQuantifier(Function f) {
        String name = AstNames.function(f);
        return "any".equals(name) || "some".equals(name) || "all".equals(name);
    }

    private void in(InExpression in, NameScope scope, boolean negated) {
        Operator op = in.isNot() != negated ? Operator.NOT_EQUALS : Operator.IN;
        Expression left = in.getLeftExpression();
        if (rowOfColumns(left)) { // (a, b) IN ((1, 2), (3, 4))
            for (Expression part : row(left)) {
                record(operand(part, scope), op);
            }
        } else {
            record(operand(left, scope), op);
        }
    }

    /** A row constructor whose every element is a column: {@code (a, b)} or {@code ROW(a, b)}. */
    private static boolean rowOfColumns(Expression e) {
        List<? extends Expression> row = row(e);
        return row != null && row.size() > 1
                && row.stream().allMatch(x -> x instanceof Column c && !AstNames.isValueWord(c));
    }

    private static List<? extends Expression> row(Expression e) {
        if (e instanceof RowConstructor<?> r) {
            return r;
        }
        return e instanceof ParenthesedExpressionList<?> l && l.size() > 1 ? l : null;
    }

    private void like(LikeExpression like, NameScope scope, boolean negated) {
        Operand column = operand(like.getLeftExpression(), scope);
        if (!isValue(like.getRightExpression(), scope) || like.isNot() != negated) {
            other(like, scope);
            return;
        }
        Operator op = switch (like.getLikeKeyWord()) {
            case LIKE -> leadingWildcard(like.getRightExpression()) ? Operator.LIKE_CONTAINS : Operator.LIKE_PREFIX;
            case ILIKE -> Operator.LIKE_CONTAINS;
            default -> Operator.OTHER;
        };
        record(column, op);
    }

    /** The pattern is known to start with % or _ (for a parameter we assume a prefix pattern). */
    private static boolean leadingWildcard(Expression pattern) {
        Expression first = pattern;
        while (first instanceof Concat c) {
            first = c.getLeftExpression();
        }
        if (first instanceof StringValue s) {
            String v = s.getValue();
            return !v.isEmpty() && (v.charAt(0) == '%' || v.charAt(0) == '_');
        }
        return false;
    }

    private void record(Operand o, Operator op) {
        if (o.column == null) {
            other(o);
            return;
        }
        if (o.function != null) {
            out.predicate(new Predicate(o.column.table(), o.column.column(), Operator.FUNCTION_ON_COLUMN, o.function));
        } else {
            out.predicate(Predicate.of(o.column.table(), o.column.column(), op));
        }
    }

    private void other(Expression e, NameScope scope) {
        for (ColumnRef c : ExpressionScanner.columns(e, scope)) {
            out.predicate(Predicate.of(c.table(), c.column(), Operator.OTHER));
        }
    }

    private void other(Operand o) {
        for (ColumnRef c : o.columns) {
            out.predicate(Predicate.of(c.table(), c.column(), Operator.OTHER));
        }
    }

    private static boolean isValue(Expression e, NameScope scope) {
        return e == null || e instanceof JdbcParameter || ExpressionScanner.columns(e, scope).isEmpty();
    }

    /** What one side of a comparison is. */
    private static Operand operand(Expression e, NameScope scope) {
        Expression x = unwrap(e);
        if (x instanceof Column c && !AstNames.isValueWord(c)) {
            ColumnRef ref = AstNames.column(c, scope);
            return new Operand(ref, null, List.of(ref));
        }
        if (x instanceof CastExpression cast && unwrap(cast.getLeftExpression()) instanceof Column c
                && !AstNames.isValueWord(c)) {
            ColumnRef ref = AstNames.column(c, scope);
            String type = cast.getColDataType() == null ? "" : cast.getColDataType().toString();
            return new Operand(ref, "::" + SqlLexer.asciiLower(type), List.of(ref));
        }
        List<ColumnRef> columns = ExpressionScanner.columns(x, scope);
        if (columns.size() == 1) {
            String function = x instanceof Function f && !isQuantifier(f) ? AstNames.function(f)
                    : x instanceof ExtractExpression ? "extract"
                    : x instanceof TimezoneExpression ? "timezone" // AT TIME ZONE
                    : null;
            if (function != null) {
                return new Operand(columns.get(0), function, columns);
            }
        }
        return new Operand(null, null, columns);
    }

    private static Expression unwrap(Expression e) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            x = list.get(0);
        }
        return x;
    }

    /**
     * One side of a comparison: a column, a function of exactly one column (function set), or an
     * expression with {@code columns} (possibly none: a value).
     */
    private record Operand(ColumnRef column, String function, List<ColumnRef> columns) {

        Operand {
            columns = List.copyOf(columns);
        }

        boolean isValue() {
            return columns.isEmpty();
        }
    }
}
