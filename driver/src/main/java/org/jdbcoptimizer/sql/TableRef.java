package org.jdbcoptimizer.sql;

import java.util.Objects;

/**
 * A table (or view, or any relation) named by a statement, as PostgreSQL resolves the spelling:
 * unquoted names are lower-cased (ASCII letters only), quoted names are kept exactly. The schema
 * is null when the statement does not name one; a catalog (database) part is dropped. Equality is
 * on (schema, name), so {@code orders} and {@code public.orders} are different references: this
 * package does not know the search path.
 *
 * @param schema the schema as written, normalized; null if not given
 * @param name the relation name, normalized; never null
 */
public record TableRef(String schema, String name) {

    /**
     * @throws NullPointerException if {@code name} is null
     */
    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    /** A reference without a schema. */
    public static TableRef of(String name) {
        return new TableRef(null, name);
    }

    /**
     * {@code schema.name} or {@code name}; a part that would need quoting to be read back as the
     * same name (upper case, spaces, quotes...) is double-quoted.
     */
    public String qualifiedName() {
        return schema == null ? quoteIfNeeded(name) : quoteIfNeeded(schema) + "." + quoteIfNeeded(name);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }

    static String quoteIfNeeded(String part) {
        boolean plain = !part.isEmpty() && (Character.isLetter(part.charAt(0)) || part.charAt(0) == '_');
        for (int i = 0; plain && i < part.length(); i++) {
            char c = part.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
        }
        return plain ? part : '"' + part.replace("\"", "\"\"") + '"';
    }
}
