package org.jdbcoptimizer.cli;

/** Wrong command-line arguments; the message says what is wrong, {@link Main} adds the usage. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
