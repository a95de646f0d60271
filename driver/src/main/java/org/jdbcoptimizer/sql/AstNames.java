package org.jdbcoptimizer.sql;

import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/** Normalizes the names found in a JSqlParser tree the way {@link TableRef} documents. */
final class AstNames {

    /**
     * Words the parser reads as columns but that are values: booleans, and SQL's niladic
     * functions (which are recorded as functions since their value changes).
     */
    private static final Set<String> VALUE_WORDS = Set.of("true", "false", "null", "unknown", "default");
    private static final Set<String> NILADIC_FUNCTIONS = Set.of("current_user", "session_user", "user",
            "current_role", "current_schema", "current_catalog", "current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp", "system_user");

    private AstNames() {
    }

    /** A name part: quoted names unquoted exactly, others ASCII-lower-cased. */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() >= 2 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"') {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return SqlLexer.asciiLower(raw);
    }

    static TableRef table(Table t) {
        String name = normalize(t.getName());
        return new TableRef(normalize(t.getSchemaName()), name == null ? "" : name);
    }

    static String alias(Alias alias) {
        return alias == null || alias.getName() == null ? null : normalize(alias.getName());
    }

    /** The function's name, lower-cased, schema-qualified when written so. */
    static String function(Function f) {
        List<String> parts = f.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return normalize(f.getName());
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(normalize(p));
        }
        return sb.toString();
    }

    /** True for a "column" that is really a value ({@code true}, {@code current_user}...). */
    static boolean isValueWord(Column c) {
        if (c.getTable() != null && c.getTable().getName() != null) {
            return false;
        }
        String name = normalize(c.getColumnName());
        return VALUE_WORDS.contains(name) || NILADIC_FUNCTIONS.contains(name);
    }

    /** The niladic function a bare "column" stands for, or null. */
    static String niladicFunction(Column c) {
        if (c.getTable() != null && c.getTable().getName() != null) {
            return null;
        }
        String name = normalize(c.getColumnName());
        return NILADIC_FUNCTIONS.contains(name) ? name : null;
    }

    /** The top-level AND conjuncts of a condition (none for null), in order. */
    static List<net.sf.jsqlparser.expression.Expression> conjuncts(net.sf.jsqlparser.expression.Expression e) {
        List<net.sf.jsqlparser.expression.Expression> out = new java.util.ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(net.sf.jsqlparser.expression.Expression e,
                                     List<net.sf.jsqlparser.expression.Expression> out) {
        if (e instanceof net.sf.jsqlparser.expression.operators.conditional.AndExpression and) {
            addConjuncts(and.getLeftExpression(), out);
            addConjuncts(and.getRightExpression(), out);
        } else if (e != null) {
            out.add(e);
        }
    }

    /**
     * The 1-based JDBC parameter index of a plain {@code ?} (the parse text turns {@code $n} into
     * {@code ?} too), or null for anything else, numbered placeholders included.
     */
    static Integer plainParameterIndex(net.sf.jsqlparser.expression.Expression e) {
        return e instanceof net.sf.jsqlparser.expression.JdbcParameter p && !p.isUseFixedIndex() && p.getIndex() != null
                && "?".equals(p.getParameterCharacter()) ? p.getIndex() : null;
    }

    /**
     * The table of a column among a statement's own FROM tables: through its qualifier (alias, or
     * the table name when there is none), or the only table when unqualified; null otherwise.
     *
     * @param tables the FROM items in order, null for one that is not a table
     */
    static TableRef tableOf(Column column, java.util.Map<String, TableRef> byQualifier, List<TableRef> tables) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            return tables.size() == 1 ? tables.get(0) : null;
        }
        return byQualifier.get(normalize(qualifier.getName()));
    }

    /** Resolves a column reference in {@code scope}. */
    static ColumnRef column(Column c, NameScope scope) {
        Table t = c.getTable();
        String column = normalize(c.getColumnName());
        if (t == null || t.getName() == null) {
            return scope.resolve(null, null, column);
        }
        return scope.resolve(normalize(t.getSchemaName()), normalize(t.getName()), column);
    }
}
