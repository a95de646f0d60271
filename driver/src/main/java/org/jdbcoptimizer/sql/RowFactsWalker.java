package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Finds the {@link RowFacts} of a parse tree. Closed-world like {@link AstWalker}: anything it
 * does not recognize gives {@link RowFacts#NONE}, which the cache treats as a write to (or a read
 * of) whole tables.
 *
 * <p>Expressions are judged on their deparsed text, lexically, rather than by visiting every
 * JSqlParser node type: a subquery shows as the word {@code select}, a window as {@code over}, a
 * function call as a word before {@code (}; every name is taken as a possible column. This
 * over-approximates, which only costs precision, and cannot miss a node type a visitor forgot.
 */
final class RowFactsWalker {

    /**
     * Functions that map one row's values to one value: safe in a row query. Anything else before
     * a parenthesis (an aggregate, a user function that might be one) disqualifies it.
     */
    private static final Set<String> SCALAR_WORDS = Set.of("and", "or", "not", "in", "is", "like", "ilike",
            "between", "cast", "coalesce", "nullif", "lower", "upper", "length", "char_length", "abs", "round",
            "trim", "ltrim", "rtrim", "substr", "substring", "concat", "greatest", "least", "any", "case", "when",
            "then", "else", "end", "as", "collate", "escape", "array", "row", "distinct", "interval");
    private static final Set<String> DISQUALIFYING_WORDS = Set.of("select", "over", "exists", "filter", "within");

    private RowFactsWalker() {
    }

    static RowFacts of(Statement statement) {
        if (statement instanceof PlainSelect select) {
            return query(select);
        }
        if (statement instanceof Update update) {
            return update(update);
        }
        if (statement instanceof Delete delete) {
            return delete(delete);
        }
        return RowFacts.NONE;
    }

    private static RowFacts query(PlainSelect p) {
        if (hasAny(p.getWithItemsList()) || p.getDistinct() != null || p.getGroupBy() != null || p.getHaving() != null
                || hasAny(p.getIntoTables()) || hasAny(p.getWindowDefinitions()) || p.getQualify() != null
                || p.getOracleHierarchical() != null || hasAny(p.getLateralViews()) || p.getTop() != null
                || p.getForMode() != null || !(p.getFromItem() instanceof Table first)) {
            return RowFacts.NONE;
        }
        Map<String, TableRef> byQualifier = new HashMap<>();
        List<TableRef> tables = new ArrayList<>();
        Set<String> membership = new LinkedHashSet<>();
        if (!addTable(first, byQualifier, tables)) {
            return RowFacts.NONE;
        }
        if (p.getJoins() != null) {
            for (Join join : p.getJoins()) {
                if (!(join.getFromItem() instanceof Table table) || join.isNatural() || join.isApply()
                        || hasAny(join.getUsingColumns()) || join.isWindowJoin() || !addTable(table, byQualifier, tables)) {
                    return RowFacts.NONE;
                }
                for (Expression on : join.getOnExpressions()) {
                    if (!names(on, membership)) {
                        return RowFacts.NONE;
                    }
                }
            }
        }
        if (p.getWhere() != null && !names(p.getWhere(), membership)) {
            return RowFacts.NONE;
        }
        Map<TableRef, Map<String, Integer>> positions = new LinkedHashMap<>();
        Set<TableRef> allColumns = new LinkedHashSet<>();
        Map<String, Expression> aliased = new HashMap<>();
        List<SelectItem<?>> items = p.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns all) {
                TableRef table = byQualifier.get(AstNames.normalize(all.getTable().getName()));
                if (table == null) {
                    return RowFacts.NONE;
                }
                allColumns.add(table);
            } else if (e instanceof AllColumns) {
                allColumns.addAll(tables);
            } else if (!names(e, new HashSet<>())) {
                return RowFacts.NONE; // an aggregate or subquery in the select list
            } else if (e instanceof Column column) {
                TableRef table = AstNames.tableOf(column, byQualifier, tables);
                if (table != null) {
                    positions.computeIfAbsent(table, t -> new LinkedHashMap<>())
                            .putIfAbsent(AstNames.normalize(column.getColumnName()), i + 1);
                }
            }
            if (item.getAlias() != null) {
                aliased.put(SqlLexer.asciiLower(AstNames.alias(item.getAlias())), e);
            }
        }
        if (p.getOrderByElements() != null) {
            for (OrderByElement order : p.getOrderByElements()) {
                Expression e = order.getExpression();
                Expression target = e instanceof LongValue position && position.getValue() >= 1
                        && position.getValue() <= items.size()
                        ? items.get((int) position.getValue() - 1).getExpression() : null;
                if (target == null && e instanceof Column column && column.getTable() == null) {
                    target = aliased.get(SqlLexer.asciiLower(AstNames.normalize(column.getColumnName())));
                }
                if (!names(e, membership) || target != null && !names(target, membership)) {
                    return RowFacts.NONE;
                }
            }
        }
        boolean skipsRows = p.getOffset() != null || p.getLimit() != null && p.getLimit().getOffset() != null;
        return new RowFacts(new RowFacts.RowQuery(List.copyOf(tables), freeze(positions),
                Collections.unmodifiableSet(allColumns), Collections.unmodifiableSet(membership), skipsRows), null);
    }

    private static RowFacts update(Update u) {
        if (hasAny(u.getWithItemsList()) || hasAny(u.getStartJoins()) || u.getFromItem() != null || hasAny(u.getJoins())
                || u.getWhere() == null || u.getTable() == null) {
            return RowFacts.NONE;
        }
        TableRef table = AstNames.table(u.getTable());
        String alias = AstNames.alias(u.getTable().getAlias());
        Set<String> setColumns = new LinkedHashSet<>();
        for (UpdateSet set : u.getUpdateSets()) {
            for (Column column : set.getColumns()) {
                setColumns.add(SqlLexer.asciiLower(AstNames.normalize(column.getColumnName())));
            }
        }
        Map<String, Integer> keys = keyParameters(u.getWhere(), table, alias);
        if (keys.isEmpty() || setColumns.isEmpty()) {
            return RowFacts.NONE;
        }
        return new RowFacts(null, new RowFacts.KeyedUpdate(table, Collections.unmodifiableSet(setColumns), keys,
                false));
    }

    /** A DELETE of one table (no USING, join, CTE or second table) with a {@code column = ?} conjunct. */
    private static RowFacts delete(Delete d) {
        if (hasAny(d.getWithItemsList()) || hasAny(d.getTables()) || hasAny(d.getUsingList()) || hasAny(d.getJoins())
                || d.getWhere() == null || d.getTable() == null) {
            return RowFacts.NONE;
        }
        Map<String, Integer> keys = keyParameters(d.getWhere(), AstNames.table(d.getTable()),
                AstNames.alias(d.getTable().getAlias()));
        return keys.isEmpty() ? RowFacts.NONE
                : new RowFacts(null, new RowFacts.KeyedUpdate(AstNames.table(d.getTable()), Set.of(), keys, true));
    }

    /** Column → parameter index of each top-level {@code column = ?} conjunct on the written table. */
    private static Map<String, Integer> keyParameters(Expression where, TableRef table, String alias) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (Expression conjunct : AstNames.conjuncts(where)) {
            if (conjunct instanceof EqualsTo equals) {
                key(equals.getLeftExpression(), equals.getRightExpression(), table, alias, keys);
                key(equals.getRightExpression(), equals.getLeftExpression(), table, alias, keys);
            }
        }
        return Collections.unmodifiableMap(keys);
    }

    /** Records {@code column = ?} when the column is the written table's and the parameter is a plain {@code ?}. */
    private static void key(Expression left, Expression right, TableRef table, String alias, Map<String, Integer> keys) {
        Integer parameter = AstNames.plainParameterIndex(right);
        if (!(left instanceof Column column) || parameter == null) {
            return;
        }
        Table qualifier = column.getTable();
        if (qualifier != null && qualifier.getName() != null) {
            String name = AstNames.normalize(qualifier.getName());
            boolean ours = alias != null ? name.equals(alias) && qualifier.getSchemaName() == null
                    : name.equals(table.name());
            if (!ours) {
                return;
            }
        }
        keys.putIfAbsent(AstNames.normalize(column.getColumnName()), parameter);
    }


    private static boolean addTable(Table table, Map<String, TableRef> byQualifier, List<TableRef> tables) {
        TableRef ref = AstNames.table(table);
        for (TableRef seen : tables) {
            if (seen.name().equals(ref.name())) {
                return false; // read twice (a self-join): whose key is whose is unclear
            }
        }
        tables.add(ref);
        String alias = AstNames.alias(table.getAlias());
        byQualifier.put(alias != null ? alias : ref.name(), ref);
        return true;
    }


    /**
     * Adds every name in the expression's text to {@code names}; false when the text holds a
     * subquery, a window, or a call of a function not known to be scalar.
     */
    private static boolean names(Expression e, Set<String> names) {
        List<Token> tokens = SqlLexer.tokenize(e.toString());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            String name = SqlLexer.asciiLower(t.type() == TokenType.WORD ? t.value() : AstNames.normalize(t.text()));
            if (t.type() == TokenType.WORD && DISQUALIFYING_WORDS.contains(name)) {
                return false;
            }
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is(TokenType.LPAREN);
            if (call && !(t.type() == TokenType.WORD && SCALAR_WORDS.contains(name))) {
                return false;
            }
            names.add(name);
        }
        return true;
    }

    private static boolean hasAny(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static Map<TableRef, Map<String, Integer>> freeze(Map<TableRef, Map<String, Integer>> positions) {
        Map<TableRef, Map<String, Integer>> frozen = new LinkedHashMap<>();
        positions.forEach((table, columns) -> frozen.put(table, Collections.unmodifiableMap(columns)));
        return Collections.unmodifiableMap(frozen);
    }
}
