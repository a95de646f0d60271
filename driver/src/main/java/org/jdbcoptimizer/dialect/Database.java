package org.jdbcoptimizer.dialect;

import java.util.Locale;

/** The databases the optimizer knows; anything else is handled generically. */
public enum Database {
    POSTGRESQL,
    SQLITE,
    OTHER;

    /** The database a real driver URL ({@code jdbc:postgresql:...}) points at. */
    public static Database of(String targetUrl) {
        String lower = targetUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        return OTHER;
    }
}
