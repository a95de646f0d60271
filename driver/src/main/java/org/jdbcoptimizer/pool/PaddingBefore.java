package org.jdbcoptimizer.pool;

/** Padding before the hot fields of {@link PaddedState}; see there. */
@SuppressWarnings("unused")
abstract class PaddingBefore {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
