package org.jdbcoptimizer.cache;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.jdbc.OptimizerStatement;
import org.jdbcoptimizer.jdbc.QueryCache;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;
import org.jdbcoptimizer.sql.TableRef;

/**
 * The cache's view of an endpoint whose own cache is off: it caches nothing, but its writes must
 * still invalidate the results other pools of the process cached from the same database. While
 * no pool caches that database, a write costs one map lookup.
 *
 * <p>Thread-safe.
 */
final class WriteTracker implements QueryCache {

    private final Supplier<ResultCache> cacheOfDatabase;
    private final SqlAnalyzer analyzer = SqlAnalyzer.shared();

    WriteTracker(Supplier<ResultCache> cacheOfDatabase) {
        this.cacheOfDatabase = cacheOfDatabase;
    }

    @Override
    public boolean caches() {
        return false;
    }

    /** Caches nothing; whether a text may write is asked again each time, as a cache may appear meanwhile. */
    @Override
    public Plan plan(String sql) {
        return new Plan() {
            @Override
            public boolean cacheable() {
                return false;
            }

            @Override
            public boolean mayWrite() {
                return WriteTracker.this.mayWrite(sql);
            }
        };
    }

    @Override
    public ResultSet query(OptimizerStatement statement, Plan plan, String sql, Object[] parameters, Query query)
            throws SQLException {
        return query.run();
    }

    @Override
    public boolean mayWrite(String sql) {
        return cacheOfDatabase.get() != null && mayWrite(analyzer.analyze(sql));
    }

    private static boolean mayWrite(SqlInfo info) {
        return !(info.kind() == SqlStatementKind.QUERY && info.parsed() && info.tablesWritten().isEmpty()
                && info.functions().isEmpty());
    }

    @Override
    public void executed(OptimizerConnection connection, String sql, Object[] parameters) {
        ResultCache cache = cacheOfDatabase.get();
        if (cache == null) {
            return;
        }
        try {
            SqlInfo info = analyzer.analyze(sql);
            SqlStatementKind kind = info.kind();
            if (kind == SqlStatementKind.TRANSACTION_CONTROL || kind == SqlStatementKind.SESSION || !mayWrite(info)) {
                return;
            }
            Set<String> tables = new HashSet<>();
            for (TableRef table : info.tablesWritten()) {
                tables.add(table.name());
            }
            // Without the catalog checks of a caching endpoint, anything but a plain write of named
            // tables (and any table with triggers) is treated as a write to everything.
            boolean everything = !info.parsed() || tables.isEmpty() || kind == SqlStatementKind.DDL;
            if (everything) {
                cache.invalidateAll();
            } else {
                cache.invalidate(tables);
            }
            if (!connection.autoCommitMode()) {
                TransactionWrites writes = connection.cacheState() instanceof TransactionWrites
                        ? (TransactionWrites) connection.cacheState() : new TransactionWrites();
                connection.cacheState(writes);
                writes.any = true;
                writes.unknown |= everything;
                writes.tables.addAll(tables);
            }
        } catch (RuntimeException e) {
            cache.invalidateAll();
        }
    }

    @Override
    public void transactionEnded(OptimizerConnection connection, boolean committed) {
        if (!(connection.cacheState() instanceof TransactionWrites)) {
            return;
        }
        TransactionWrites writes = (TransactionWrites) connection.cacheState();
        ResultCache cache = cacheOfDatabase.get();
        if (cache != null && committed && writes.any) {
            if (writes.unknown) {
                cache.invalidateAll();
            } else {
                cache.invalidate(writes.tables); // again at commit, for loads that raced the transaction
            }
        }
        writes.clear();
    }
}
