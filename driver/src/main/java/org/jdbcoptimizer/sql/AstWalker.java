package org.jdbcoptimizer.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Walks a parsed statement and records the tables it reads and writes, its predicates, join
 * pairs, ORDER BY / GROUP BY columns and functions.
 *
 * <p>Design note: the walk is closed-world. Every place that can hold a table (FROM items,
 * statement targets) is matched against the node types we understand, and an unknown type
 * throws {@link Unsupported}, which turns the whole statement into "unknown reach": missing a
 * table would let the result cache serve stale rows, so we would rather know nothing. Expressions
 * are open-world (JSqlParser's adapter reaches every sub-expression) and only contribute
 * subqueries, functions and predicates. Write targets are not added to the tables read; a target
 * that is also read elsewhere (a self-join, {@code INSERT INTO t SELECT ... FROM t}) is in both.
 */
final class AstWalker {

    private final ScopeBuilder out;
    private final ExpressionScanner scanner;
    private final PredicateCollector predicates;

    AstWalker(ScopeBuilder out) {
        this.out = out;
        this.scanner = new ExpressionScanner(this, out);
        this.predicates = new PredicateCollector(scanner, out);
    }

    /** Thrown for a node that could hide a table we do not know how to find. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    void statement(Statement st, NameScope root) {
        if (st instanceof Select s) {
            select(s, root, true);
        } else if (st instanceof Insert i) {
            insert(i, root);
        } else if (st instanceof Update u) {
            update(u, root);
        } else if (st instanceof Delete d) {
            delete(d, root);
        } else if (st instanceof Merge m) {
            merge(m, root);
        } else {
            throw new Unsupported(st == null ? "empty statement" : st.getClass().getSimpleName());
        }
    }

    void select(Select s, NameScope parent, boolean top) {
        NameScope scope = with(s.getWithItemsList(), parent);
        if (s instanceof PlainSelect p) {
            plain(p, scope, top);
            return;
        }
        if (s instanceof SetOperationList list) {
            for (Select branch : list.getSelects()) {
                select(branch, scope, top);
            }
        } else if (s instanceof ParenthesedSelect p) {
            select(p.getSelect(), scope, top);
        } else if (s instanceof Values v) {
            scanner.scan(v.getExpressions(), scope);
        } else if (s instanceof TableStatement t) {
            table(t.getTable(), new NameScope(scope));
        } else {
            throw new Unsupported(s.getClass().getSimpleName());
        }
        orderByAndLimit(s, scope, null, Map.of());
    }

    private NameScope with(List<WithItem> items, NameScope parent) {
        if (items == null || items.isEmpty()) {
            return parent;
        }
        NameScope scope = new NameScope(parent);
        for (WithItem w : items) {
            scope.addCte(AstNames.alias(w.getAlias()));
        }
        for (WithItem w : items) {
            select(w.getSelect(), scope, false);
        }
        return scope;
    }

    private void plain(PlainSelect p, NameScope parent, boolean top) {
        NameScope scope = new NameScope(parent);
        if (p.getFromItem() != null) {
            fromItem(p.getFromItem(), scope);
        }
        joins(p.getJoins(), scope);
        if (p.getIntoTables() != null) {
            for (Table t : p.getIntoTables()) {
                out.written(AstNames.table(t)); // PostgreSQL's SELECT ... INTO creates a table
            }
        }
        if (p.getLateralViews() != null && !p.getLateralViews().isEmpty()) {
            throw new Unsupported("lateral view");
        }
        Map<String, Expression> aliases = new HashMap<>();
        for (SelectItem<?> item : p.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns) { // also AllTableColumns (t.*)
                if (top) {
                    out.selectStar();
                }
            } else {
                scanner.scan(e, scope);
            }
            String alias = AstNames.alias(item.getAlias());
            if (alias != null) {
                aliases.put(alias, e);
            }
        }
        if (p.getDistinct() != null && p.getDistinct().getOnSelectItems() != null) {
            for (SelectItem<?> item : p.getDistinct().getOnSelectItems()) {
                scanner.scan(item.getExpression(), scope);
            }
        }
        predicates.condition(p.getWhere(), scope);
        GroupByElement group = p.getGroupBy();
        if (group != null) {
            if (group.getGroupByExpressionList() != null) {
                for (Object o : group.getGroupByExpressionList()) {
                    Expression e = (Expression) o;
                    scanner.scan(e, scope);
                    ColumnRef c = sortColumn(e, scope, p.getSelectItems(), aliases);
                    if (c != null) {
                        out.groupBy(c);
                    }
                }
            }
            if (group.getGroupingSets() != null) {
                group.getGroupingSets().forEach(set -> scanner.scan((Expression) set, scope));
            }
        }
        scanner.scan(p.getHaving(), scope);
        scanner.scan(p.getQualify(), scope);
        orderByAndLimit(p, scope, p.getSelectItems(), aliases);
    }

    /** ORDER BY columns (for a plain select) and the expressions of LIMIT / OFFSET / FETCH. */
    private void orderByAndLimit(Select s, NameScope scope, List<SelectItem<?>> items, Map<String, Expression> aliases) {
        if (s.getOrderByElements() != null) {
            for (OrderByElement o : s.getOrderByElements()) {
                scanner.scan(o.getExpression(), scope);
                ColumnRef c = items == null ? null : sortColumn(o.getExpression(), scope, items, aliases);
                if (c != null) {
                    out.orderBy(c);
                }
            }
        }
        if (s.getLimit() != null) {
            scanner.scan(s.getLimit().getRowCount(), scope);
            scanner.scan(s.getLimit().getOffset(), scope);
        }
        if (s.getOffset() != null) {
            scanner.scan(s.getOffset().getOffset(), scope);
        }
        if (s.getFetch() != null) {
            scanner.scan(s.getFetch().getExpression(), scope);
        }
    }

    /** A sort/group key as a column: directly, through an output alias, or by position. */
    private static ColumnRef sortColumn(Expression e, NameScope scope, List<SelectItem<?>> items,
            Map<String, Expression> aliases) {
        Expression x = e;
        if (x instanceof LongValue position) {
            long i = position.getValue();
            x = i >= 1 && i <= items.size() ? items.get((int) i - 1).getExpression() : null;
        } else if (x instanceof Column c && c.getTable() == null && !AstNames.isValueWord(c)) {
            Expression aliased = aliases.get(AstNames.normalize(c.getColumnName()));
            x = aliased != null ? aliased : x;
        }
        if (x instanceof Column c && !AstNames.isValueWord(c)) {
            return AstNames.column(c, scope);
        }
        return null;
    }

    private void fromItem(FromItem f, NameScope scope) {
        if (f instanceof Table t) {
            table(t, scope);
        } else if (f instanceof ParenthesedSelect ps) { // includes LATERAL subqueries
            select(ps, scope, false);
            scope.addDerived(AstNames.alias(ps.getAlias()));
        } else if (f instanceof ParenthesedFromItem pf) {
            fromItem(pf.getFromItem(), scope);
            joins(pf.getJoins(), scope);
        } else if (f instanceof TableFunction tf) {
            scanner.scan(tf.getFunction(), scope);
            scope.addDerived(AstNames.alias(tf.getAlias()));
        } else if (f instanceof Values v) {
            scanner.scan(v.getExpressions(), scope);
            scope.addDerived(AstNames.alias(v.getAlias()));
        } else {
            throw new Unsupported(f == null ? "null from item" : f.getClass().getSimpleName());
        }
    }

    /** A table in a FROM position: a CTE reference is derived, anything else is read. */
    private void table(Table t, NameScope scope) {
        TableRef ref = AstNames.table(t);
        String alias = AstNames.alias(t.getAlias());
        if (ref.schema() == null && scope.isCte(ref.name())) {
            scope.addDerived(alias != null ? alias : ref.name());
            return;
        }
        out.read(ref);
        scope.addTable(ref, alias);
    }

    private void joins(List<Join> joins, NameScope scope) {
        if (joins == null) {
            return;
        }
        for (Join j : joins) {
            int before = scope.size();
            fromItem(j.getFromItem(), scope);
            if (j.getOnExpressions() != null) {
                for (Expression on : j.getOnExpressions()) {
                    predicates.condition(on, scope);
                }
            }
            if (j.getUsingColumns() != null && scope.size() == before + 1 && scope.tableAt(before) != null) {
                TableRef left = before == 1 ? scope.tableAt(0) : null;
                TableRef right = scope.tableAt(before);
                for (Column c : j.getUsingColumns()) {
                    String name = AstNames.normalize(c.getColumnName());
                    out.join(JoinPair.of(new ColumnRef(left, name), new ColumnRef(right, name)));
                }
            }
        }
    }

    /** The statement's target: written, and in scope for its own clauses under its alias. */
    private NameScope target(Table t, NameScope parent) {
        if (t == null) {
            throw new Unsupported("no target table");
        }
        TableRef ref = AstNames.table(t);
        out.written(ref);
        NameScope scope = new NameScope(parent);
        scope.addTable(ref, AstNames.alias(t.getAlias()));
        return scope;
    }

    private void insert(Insert ins, NameScope root) {
        NameScope outer = with(ins.getWithItemsList(), root);
        NameScope scope = target(ins.getTable(), outer);
        if (ins.getSelect() != null) {
            select(ins.getSelect(), outer, false);
        }
        scope.addQualifierOnly("excluded"); // the row proposed for insertion
        InsertConflictAction action = ins.getConflictAction();
        if (action != null) {
            updateSets(action.getUpdateSets(), scope);
            scanner.scan(action.getWhereExpression(), scope);
        }
        updateSets(ins.getDuplicateUpdateSets(), scope);
        updateSets(ins.getSetUpdateSets(), scope);
        returning(ins.getReturningClause(), scope);
    }

    private void update(Update u, NameScope root) {
        if (u.getStartJoins() != null && !u.getStartJoins().isEmpty()) {
            throw new Unsupported("multi-table update"); // MySQL form: which tables are written is unclear
        }
        NameScope scope = target(u.getTable(), with(u.getWithItemsList(), root));
        if (u.getFromItem() != null) {
            fromItem(u.getFromItem(), scope);
        }
        joins(u.getJoins(), scope);
        updateSets(u.getUpdateSets(), scope); // SET (a, b) = (SELECT ...) is in here too
        predicates.condition(u.getWhere(), scope);
        scanOrderBy(u.getOrderByElements(), scope);
        returning(u.getReturningClause(), scope);
    }

    private void delete(Delete d, NameScope root) {
        if (d.getTables() != null && !d.getTables().isEmpty()) {
            throw new Unsupported("multi-table delete");
        }
        NameScope scope = target(d.getTable(), with(d.getWithItemsList(), root));
        if (d.getUsingList() != null) {
            for (Table t : d.getUsingList()) {
                table(t, scope);
            }
        }
        joins(d.getJoins(), scope);
        predicates.condition(d.getWhere(), scope);
        scanOrderBy(d.getOrderByElements(), scope);
        returning(d.getReturningClause(), scope);
    }

    private void merge(Merge m, NameScope root) {
        NameScope scope = target(m.getTable(), with(m.getWithItemsList(), root));
        fromItem(m.getFromItem(), scope);
        predicates.condition(m.getOnCondition(), scope);
        if (m.getOperations() == null) {
            return;
        }
        for (MergeOperation op : m.getOperations()) {
            if (op instanceof MergeUpdate mu) {
                updateSets(mu.getUpdateSets(), scope);
                scanner.scan(mu.getAndPredicate(), scope);
                scanner.scan(mu.getWhereCondition(), scope);
                scanner.scan(mu.getDeleteWhereCondition(), scope);
            } else if (op instanceof MergeInsert mi) {
                scanner.scan(mi.getValues(), scope);
                scanner.scan(mi.getAndPredicate(), scope);
                scanner.scan(mi.getWhereCondition(), scope);
            } else if (op instanceof MergeDelete md) {
                scanner.scan(md.getAndPredicate(), scope);
            } else {
                throw new Unsupported(op.getClass().getSimpleName());
            }
        }
    }

    private void updateSets(List<UpdateSet> sets, NameScope scope) {
        if (sets != null) {
            for (UpdateSet set : sets) {
                scanner.scan(set.getValues(), scope);
            }
        }
    }

    private void scanOrderBy(List<OrderByElement> order, NameScope scope) {
        if (order != null) {
            order.forEach(o -> scanner.scan(o.getExpression(), scope));
        }
    }

    private void returning(List<SelectItem<?>> items, NameScope scope) {
        if (items != null) {
            items.forEach(item -> scanner.scan(item.getExpression(), scope));
        }
    }
}
