package org.jdbcoptimizer.sql;

import java.util.Objects;

/**
 * Two columns compared for equality, from {@code JOIN ... ON a.x = b.y}, {@code JOIN ... USING},
 * a {@code WHERE a.x = b.y}, or a correlated subquery. The pair is unordered: {@link #of} puts the
 * sides in a canonical order so that {@code a.x = b.y} and {@code b.y = a.x} are equal.
 *
 * @param left one side
 * @param right the other side
 */
public record JoinPair(ColumnRef left, ColumnRef right) {

    /**
     * @throws NullPointerException if a side is null
     */
    public JoinPair {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** The pair with its sides in canonical order. */
    public static JoinPair of(ColumnRef a, ColumnRef b) {
        return a.toString().compareTo(b.toString()) <= 0 ? new JoinPair(a, b) : new JoinPair(b, a);
    }
}
