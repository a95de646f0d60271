package org.jdbcoptimizer.sql;

import java.util.Objects;

/**
 * A column as used by a statement, with the table it belongs to when that can be told from the
 * text alone: through the alias or name that qualifies it, or because only one table is in scope.
 * The column name follows {@link TableRef}'s spelling rules.
 *
 * @param table the table, or null when the column belongs to a subquery, a CTE or a function,
 *     or when it cannot be resolved (several tables in scope, unknown qualifier)
 * @param column the column name; never null
 */
public record ColumnRef(TableRef table, String column) {

    /**
     * @throws NullPointerException if {@code column} is null
     */
    public ColumnRef {
        Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
        return (table == null ? "?" : table.qualifiedName()) + "." + TableRef.quoteIfNeeded(column);
    }
}
