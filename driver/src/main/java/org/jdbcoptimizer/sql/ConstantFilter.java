package org.jdbcoptimizer.sql;

/**
 * A top-level conjunct {@code column = constant} of a statement's WHERE: every row the statement
 * reads from the table has that value in the column. For the index advisor's partial indexes.
 *
 * @param table     the column's table (resolved through aliases; never null)
 * @param column    the column name, spelled as {@link TableRef} spells names
 * @param value     the literal: a {@link String} (without its quotes) or a {@link Long}; null when
 *                  the value is a bind parameter
 * @param parameter the 1-based JDBC parameter index when the value is a {@code ?}; 0 for a literal
 */
public record ConstantFilter(TableRef table, String column, Object value, int parameter) {
}
