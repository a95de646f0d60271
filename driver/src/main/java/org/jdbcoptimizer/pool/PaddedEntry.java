package org.jdbcoptimizer.pool;

/** Padding after the hot fields of {@link PaddedState}, so the next object cannot share their line. */
@SuppressWarnings("unused")
abstract class PaddedEntry extends PaddedState {
    long q01, q02, q03, q04, q05, q06, q07, q08;
}
