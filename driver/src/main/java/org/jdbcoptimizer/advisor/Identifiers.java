package org.jdbcoptimizer.advisor;

/** Quoting of column names in the SQL the advisor writes (PostgreSQL and SQLite agree on double quotes). */
final class Identifiers {

    private Identifiers() {
    }

    /** The name as is when it reads back as itself unquoted (lower case, digits, underscore), else double-quoted. */
    static String quote(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return plain && !RESERVED.contains(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("user", "order", "group", "select",
            "from", "where", "table", "index", "limit", "offset", "desc", "asc", "default", "check", "column");
}
