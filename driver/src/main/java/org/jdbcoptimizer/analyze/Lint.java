package org.jdbcoptimizer.analyze;

/**
 * An anti-pattern found in a statement, with the fix.
 *
 * @param kind    what was found
 * @param message what it is, in this statement
 * @param fix     what to do instead
 */
public record Lint(Kind kind, String message, String fix) {

    /** The anti-patterns the optimizer recognizes. */
    public enum Kind {
        SELECT_STAR,
        LEADING_WILDCARD_LIKE,
        FUNCTION_ON_FILTERED_COLUMN,
        LARGE_OFFSET,
        NOT_IN_SUBQUERY,
        MISSING_WHERE,
        UNBOUNDED_RESULT
    }
}
