package org.jdbcoptimizer.cache.bus;

import java.sql.Connection;
import java.util.Set;

/**
 * No bus: the cache is local to the process, and writes made by other processes or outside the
 * optimizer are seen only after the TTL. Always healthy, never any message. Stateless.
 */
final class NoBus implements InvalidationBus {

    static final NoBus INSTANCE = new NoBus();

    private NoBus() {
    }

    @Override
    public void written(Connection physical, Set<String> tables, boolean everything) {
    }

    @Override
    public void committed(Set<String> tables, boolean everything) {
    }

    @Override
    public void start(Listener listener) {
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public long[] remoteVersions(String[] tables) {
        return null;
    }

    @Override
    public boolean remoteUnchanged(String[] tables, long[] snapshot) {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "NoBus";
    }
}
