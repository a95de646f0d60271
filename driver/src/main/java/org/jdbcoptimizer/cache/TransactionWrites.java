package org.jdbcoptimizer.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the current transaction of one connection handle has written, so that the commit can
 * invalidate it again for every connection, and so that its own reads are not cached
 * (read-your-writes). Not thread-safe: one per connection handle.
 */
final class TransactionWrites {

    /** Past this many updates and deletes by key, a transaction's further ones count as writes to their table. */
    static final int MAX_KEYED = 256;

    /** An update or delete by key: see {@link ResultCache#invalidateKey}. */
    record KeyedWrite(String table, Set<String> columns, long key, boolean deletes) {
    }

    final Set<String> tables = new HashSet<>();
    final List<KeyedWrite> keyed = new ArrayList<>();
    boolean unknown;
    boolean any;

    /** Records an update or delete by key, or a write to its table when the transaction has made too many. */
    void keyed(KeyedWrite write) {
        if (keyed.size() < MAX_KEYED) {
            keyed.add(write);
        } else {
            tables.add(write.table());
        }
    }

    void clear() {
        tables.clear();
        keyed.clear();
        unknown = false;
        any = false;
    }
}
