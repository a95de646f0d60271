package org.jdbcoptimizer.advisor;

import java.util.List;

/**
 * A possible index: a table, key columns, for a covering index its INCLUDE columns, and for a
 * partial index its predicate. Equal candidates
 * proposed by several scans are one candidate.
 *
 * @param table            the table's context
 * @param columns          key columns in order
 * @param equalityPrefix   how many leading columns are compared for equality (their order among
 *                         themselves does not matter for the statements that proposed them)
 * @param include          non-key columns of a covering index (PostgreSQL {@code INCLUDE}); often empty
 * @param where            predicate of a partial index (SQL, literals quoted), or null
 */
record Candidate(TableContext table, List<String> columns, int equalityPrefix, List<String> include, String where) {

    Candidate {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
    }

    /** A plain B-tree candidate: no INCLUDE, no predicate. */
    Candidate(TableContext table, List<String> columns, int equalityPrefix) {
        this(table, columns, equalityPrefix, List.of(), null);
    }

    /** Identity across scans: table, columns, INCLUDE columns and predicate. */
    String key() {
        return table.facts().qualified() + columns + (include.isEmpty() ? "" : " include " + include)
                + (where == null ? "" : " where " + where);
    }

    /** The same key and predicate without INCLUDE columns. */
    Candidate withoutInclude() {
        return new Candidate(table, columns, equalityPrefix, List.of(), where);
    }

    /** The index definition without a name: {@code ON table (a, b) WHERE ...}. */
    String definition() {
        StringBuilder sql = new StringBuilder("ON ").append(table.facts().qualified()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
        }
        sql.append(')');
        if (!include.isEmpty()) {
            sql.append(" INCLUDE (");
            for (int i = 0; i < include.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(include.get(i)));
            }
            sql.append(')');
        }
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    /** A readable index name: table_col1_col2_idx, cut to PostgreSQL's 63 bytes. */
    String indexName() {
        StringBuilder name = new StringBuilder(table.name());
        for (String column : columns) {
            name.append('_').append(column);
        }
        if (!include.isEmpty()) {
            name.append("_incl");
        }
        if (where != null) {
            name.append("_partial");
        }
        String plain = name.toString().replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
        return (plain.length() > 59 ? plain.substring(0, 59) : plain) + "_idx";
    }

    @Override
    public String toString() {
        return table.facts().qualified() + " (" + String.join(", ", columns) + ")"
                + (include.isEmpty() ? "" : " INCLUDE (" + String.join(", ", include) + ")")
                + (where == null ? "" : " WHERE " + where);
    }
}
