package org.jdbcoptimizer.config;

import java.sql.SQLNonTransientException;

/**
 * A bad URL, an unknown option or a value out of range. The message names the option, the
 * value and what is accepted; it never contains a password.
 */
public final class OptimizerConfigException extends SQLNonTransientException {

    /** SQLState 'invalid attribute value' (ODBC/JDBC HY024): the configuration, not the database, is wrong. */
    static final String SQL_STATE = "HY024";

    public OptimizerConfigException(String message) {
        super(message, SQL_STATE);
    }
}
