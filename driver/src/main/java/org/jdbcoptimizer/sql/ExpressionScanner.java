package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TranscodingFunction;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Walks any expression for what it reaches beyond itself: functions called and subqueries (which
 * are handed to the {@link AstWalker} with the current scope as their parent). In collecting mode
 * it instead gathers the columns of the expression itself, not looking into subqueries.
 *
 * <p>Built on JSqlParser's adapter, which descends into every expression type except a few that
 * it treats as leaves although they have operands (ANY/ALL subqueries, TRIM, CONVERT, INTERVAL
 * with an expression); those are handled here so no subquery escapes.
 */
final class ExpressionScanner extends ExpressionVisitorAdapter<Void> {

    /** Syntax the parser represents as function calls: {@code = ANY (...)}, {@code GROUP BY ROLLUP (...)}. */
    private static final Set<String> SYNTAX_NOT_FUNCTIONS = Set.of("any", "some", "all",
            "rollup", "cube", "grouping sets");

    private final AstWalker walker;
    private final ScopeBuilder out;
    private final List<ColumnRef> collected;

    ExpressionScanner(AstWalker walker, ScopeBuilder out) {
        this(walker, out, null);
    }

    private ExpressionScanner(AstWalker walker, ScopeBuilder out, List<ColumnRef> collected) {
        this.walker = walker;
        this.out = out;
        this.collected = collected;
    }

    /** Records the functions and walks the subqueries of {@code e}. */
    void scan(Expression e, NameScope scope) {
        if (e != null) {
            e.accept(this, scope);
        }
    }

    /** The columns {@code e} itself uses (resolved), excluding those inside subqueries. */
    static List<ColumnRef> columns(Expression e, NameScope scope) {
        List<ColumnRef> columns = new ArrayList<>();
        if (e != null) {
            e.accept(new ExpressionScanner(null, null, columns), scope);
        }
        return columns;
    }

    private boolean collecting() {
        return collected != null;
    }

    @Override
    public <S> Void visit(Column column, S context) {
        if (collecting()) {
            if (!AstNames.isValueWord(column)) {
                collected.add(AstNames.column(column, (NameScope) context));
            }
        } else {
            out.function(AstNames.niladicFunction(column));
        }
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        if (!collecting()) {
            String name = AstNames.function(function);
            if (!SYNTAX_NOT_FUNCTIONS.contains(name)) {
                out.function(name);
            }
        }
        return super.visit(function, context);
    }

    @Override
    public <S> Void visit(AnalyticExpression expression, S context) {
        if (!collecting()) {
            out.function(AstNames.normalize(expression.getName()));
        }
        return super.visit(expression, context);
    }

    @Override
    public <S> Void visit(TimeKeyExpression expression, S context) {
        if (!collecting()) {
            out.function(AstNames.normalize(expression.getStringValue()));
        }
        return null;
    }

    @Override
    public <S> Void visit(TrimFunction function, S context) {
        if (!collecting()) {
            out.function("trim");
        }
        accept(function.getExpression(), context);
        accept(function.getFromExpression(), context);
        return null;
    }

    @Override
    public <S> Void visit(TranscodingFunction function, S context) {
        if (!collecting()) {
            out.function("convert");
        }
        accept(function.getExpression(), context);
        return null;
    }

    @Override
    public <S> Void visit(IntervalExpression expression, S context) {
        accept(expression.getExpression(), context);
        return null;
    }

    @Override
    public <S> Void visit(AnyComparisonExpression expression, S context) {
        if (!collecting() && expression.getSelect() != null) {
            walker.select(expression.getSelect(), (NameScope) context, false);
        }
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        if (!collecting()) {
            walker.select(select, (NameScope) context, false);
        }
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        if (!collecting()) {
            walker.select(select, (NameScope) context, false);
        }
        return null;
    }

    private <S> void accept(Expression e, S context) {
        if (e != null) {
            e.accept(this, context);
        }
    }
}
