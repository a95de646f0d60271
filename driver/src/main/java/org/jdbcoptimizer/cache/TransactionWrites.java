package org.jdbcoptimizer.cache;

import java.util.HashSet;
import java.util.Set;

/**
 * What the current transaction of one connection handle has written, so that the commit can
 * invalidate it again for every connection, and so that its own reads are not cached
 * (read-your-writes). Not thread-safe: one per connection handle.
 */
final class TransactionWrites {

    final Set<String> tables = new HashSet<>();
    boolean unknown;
    boolean any;

    void clear() {
        tables.clear();
        unknown = false;
        any = false;
    }
}
