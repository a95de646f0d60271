package org.jdbcoptimizer.cache.bus;

/**
 * Carries invalidations between processes that cache results of the same database. Thread-safe.
 *
 * <p>Table names are bare table names as the cache keys them; a bus sends them lower-cased, so a
 * listener receives bare lower-case names (the PostgreSQL triggers send {@code TG_TABLE_NAME}
 * lower-cased too). Lower-casing and collisions only ever widen an invalidation.
 *
 * <p>Implementations: {@link Buses#create} ({@code none}, {@code postgres}, {@code redis}).
 */
public interface InvalidationBus extends AutoCloseable {

    /** A write seen by this process, inside its transaction (or in auto-commit) on this physical connection.
     *  PostgreSQL implementation: sends pg_notify(channel, payload) ON THIS CONNECTION, so PostgreSQL delivers it
     *  exactly at commit and never for a rollback. Redis implementation: remembers nothing here (no-op). */
    void written(java.sql.Connection physical, java.util.Set<String> tables, boolean everything) throws java.sql.SQLException;

    /** The write's commit returned (or the auto-commit statement returned). Redis: INCR the tables' version
     *  counters (or a global one for everything) and PUBLISH the message. PostgreSQL: no-op. */
    void committed(java.util.Set<String> tables, boolean everything);

    /** Starts delivering other processes' invalidations (never our own messages back... or harmless if so) to the listener. */
    void start(Listener listener);

    /** True when the bus can vouch that no invalidation was lost: the cache serves hits only while this is true
     *  (Redis unreachable or the PostgreSQL listener connection down => false => the cache stops serving, misses only). */
    boolean healthy();

    /** For buses with versions (Redis): the remote version of each table (index 0: the global counter), read before
     *  a load; null when the bus has none (PostgreSQL). Throws nothing: on failure returns null and healthy() turns false. */
    long[] remoteVersions(String[] tables);

    /** True when the remote versions are still those of the snapshot (every hit checks this on Redis). */
    boolean remoteUnchanged(String[] tables, long[] snapshot);

    /** The second-level result store this bus offers (Redis), or null. */
    default ResultStore resultStore() {
        return null;
    }

    @Override void close();

    interface Listener {
        void invalidate(java.util.Set<String> tables);
        void invalidateAll();
    }
}
