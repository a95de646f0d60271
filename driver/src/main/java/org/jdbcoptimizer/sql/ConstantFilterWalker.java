package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds the {@link ConstantFilter}s of a parse tree taken from the text with its literals (the
 * shared parse of {@link SqlAnalyzer} has them replaced). Only top-level AND conjuncts of the
 * statement's own WHERE count: a condition under OR or NOT, in a subquery or in an ON clause does
 * not hold for every row read. A string literal is kept only when it is plain (no quote or
 * backslash inside, no E/N/B prefix), so that whoever renders it again as SQL cannot be misled
 * about where it ends.
 */
final class ConstantFilterWalker {

    private ConstantFilterWalker() {
    }

    static List<ConstantFilter> of(Statement statement) {
        Expression where;
        List<FromItem> from = new ArrayList<>();
        if (statement instanceof PlainSelect p) {
            where = p.getWhere();
            from.add(p.getFromItem());
            if (p.getJoins() != null) {
                for (Join join : p.getJoins()) {
                    from.add(join.getFromItem());
                }
            }
        } else if (statement instanceof Update u) {
            where = u.getWhere();
            from.add(u.getTable());
        } else if (statement instanceof Delete d) {
            where = d.getWhere();
            from.add(d.getTable());
        } else {
            return List.of();
        }
        Map<String, TableRef> byQualifier = new HashMap<>();
        List<TableRef> tables = new ArrayList<>();
        for (FromItem item : from) {
            if (item instanceof Table table) {
                TableRef ref = AstNames.table(table);
                tables.add(ref);
                String alias = AstNames.alias(table.getAlias());
                byQualifier.put(alias != null ? alias : ref.name(), ref);
            } else if (item != null) {
                tables.add(null); // a subquery or function: unqualified columns are ambiguous
            }
        }
        List<ConstantFilter> out = new ArrayList<>();
        for (Expression conjunct : AstNames.conjuncts(where)) {
            if (conjunct instanceof EqualsTo eq) {
                filter(eq.getLeftExpression(), eq.getRightExpression(), byQualifier, tables, out);
                filter(eq.getRightExpression(), eq.getLeftExpression(), byQualifier, tables, out);
            }
        }
        return List.copyOf(out);
    }

    private static void filter(Expression left, Expression right, Map<String, TableRef> byQualifier,
                               List<TableRef> tables, List<ConstantFilter> out) {
        if (!(left instanceof Column column) || AstNames.isValueWord(column)) {
            return;
        }
        TableRef table = AstNames.tableOf(column, byQualifier, tables);
        if (table == null) {
            return;
        }
        String name = AstNames.normalize(column.getColumnName());
        if (right instanceof StringValue s && plain(s)) {
            out.add(new ConstantFilter(table, name, s.getValue(), 0));
        } else if (right instanceof LongValue l) {
            out.add(new ConstantFilter(table, name, l.getValue(), 0));
        } else if (AstNames.plainParameterIndex(right) != null) {
            out.add(new ConstantFilter(table, name, null, AstNames.plainParameterIndex(right)));
        }
    }

    private static boolean plain(StringValue s) {
        String v = s.getValue();
        return (s.getPrefix() == null || s.getPrefix().isEmpty()) && v.indexOf('\'') < 0 && v.indexOf('\\') < 0;
    }

}
