package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.Set;

import org.jdbcoptimizer.sql.TableRef;

/**
 * What one statement asks of one table, in the terms an index key is made of.
 *
 * @param table     the table as the statement names it
 * @param equality  columns compared with {@code =} (or {@code IS TRUE})
 * @param in        columns compared with an IN list or {@code = ANY}
 * @param range     columns compared with {@code <, >, BETWEEN} or a prefix LIKE
 * @param joinKeys  columns joined for equality to another table: the key of this table's side
 *                  when it is the inner side of a nested loop
 * @param orderBy   ORDER BY columns of this table when the statement has a LIMIT (an index in
 *                  that order ends the sort after LIMIT rows); empty otherwise
 */
record TableScan(TableRef table, Set<String> equality, Set<String> in, Set<String> range, Set<String> joinKeys,
                 List<String> orderBy) {

    boolean isEmpty() {
        return equality.isEmpty() && in.isEmpty() && range.isEmpty() && joinKeys.isEmpty() && orderBy.isEmpty();
    }
}
