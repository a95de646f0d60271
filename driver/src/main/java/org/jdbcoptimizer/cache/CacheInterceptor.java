package org.jdbcoptimizer.cache;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.jdbc.OptimizerConnection;
import org.jdbcoptimizer.jdbc.OptimizerStatement;
import org.jdbcoptimizer.jdbc.QueryCache;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.sql.RowFacts;
import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.jdbcoptimizer.sql.SqlInfo;
import org.jdbcoptimizer.sql.SqlStatementKind;
import org.jdbcoptimizer.sql.TableRef;
import org.jdbcoptimizer.util.Log;

/**
 * The wrappers' view of the result cache: serves cacheable queries, and turns every write that
 * goes through the optimizer into invalidations before the write (or its commit) returns.
 *
 * <p>Rules, in the order they are checked for a query: the text must be cacheable
 * ({@link CachePolicy}); the connection must not be inside a transaction that has written
 * (read-your-writes), nor at REPEATABLE READ or SERIALIZABLE (its snapshot is not ours), nor have
 * had its session settings changed with SQL ({@code SET ROLE}, {@code SET search_path}, ...); the
 * statement must be read-only and unlimited (no maxRows) with bindable parameters; and every
 * table must be a plain permanent table without row-level security ({@link Relations}).
 *
 * <p>Writes: a statement that may write invalidates its written tables at once (so this
 * connection, and loads racing it, never see the old results), and inside a transaction the
 * commit invalidates them again for everyone (results read by others while the transaction was
 * open are rejected by the table versions). Anything not understood (unparsed text, a function
 * call in a SELECT, a write to a table with triggers or cascades) invalidates everything.
 *
 * <p>Finer, by key: an {@code UPDATE ... WHERE key = ?} (the table's single-column integer primary
 * key, bound as a parameter) invalidates only the results of row queries that hold that key or
 * whose rows the set columns decide, plus every result of the table that is not a row query
 * ({@link RowFacts}, {@link TableVersions}). Other processes still hear of it by table.
 *
 * <p>Thread-safe. The cache's own failures are logged once and the statement runs uncached.
 */
public final class CacheInterceptor implements QueryCache {

    private static final Log LOG = Log.of(CacheInterceptor.class);
    private static final long DEFAULT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String name;
    private final String scope;
    private final ResultCache cache;
    private final CachePolicy policy;
    private final Relations relations;
    private final Database database;
    private final SqlAnalyzer analyzer = SqlAnalyzer.shared();
    private final Cache<String, TextPlan> plans = Caffeine.newBuilder().maximumSize(10_000).build();
    private final java.util.concurrent.ConcurrentHashMap<String, String> scopesBySchema =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The row facts of each write text, for updates and deletes by key. */
    private final Cache<String, RowFacts> keyedUpdates = Caffeine.newBuilder().maximumSize(10_000).build();
    /** The metadata snapshot of each statement's last load, reused while its columns match. */
    private final Cache<String, CachedMetaData> metaData = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param scope identifies the database and user (e.g. the target URL and user); results are
     *              shared only within one scope and schema
     */
    CacheInterceptor(String name, String scope, ResultCache cache, CachePolicy policy, Relations relations) {
        this.name = name;
        this.scope = scope;
        this.cache = cache;
        this.policy = policy;
        this.relations = relations;
        this.database = relations.database();
    }

    public ResultCache cache() {
        return cache;
    }

    /**
     * The policy's decision on a text, whether running it may write, and what its hits need resolved
     * once: its shape's counters, and whether its tables were all cacheable at the {@link
     * Relations#generation()} last checked.
     */
    static final class TextPlan implements QueryCache.Plan {

        /** For a text that could not be judged: cached never, and treated as a possible write. */
        static final TextPlan UNJUDGED = new TextPlan(CachePolicy.Decision.no("the text could not be judged"), true,
                null);

        final CachePolicy.Decision decision;
        final boolean mayWrite;
        /** Null when the text is not cacheable. */
        final ResultCache.ShapeCounts counts;
        /** Its last hits, by parameters; null when the text is not cacheable. */
        final HitFront front;
        /** The relations' generation at which every table of the decision was cacheable, or -1. */
        volatile long tablesCacheableAt = -1;

        TextPlan(CachePolicy.Decision decision, boolean mayWrite, ResultCache.ShapeCounts counts) {
            this.decision = decision;
            this.mayWrite = mayWrite;
            this.counts = counts;
            this.front = counts == null ? null : new HitFront();
        }

        @Override
        public boolean cacheable() {
            return decision.cacheable();
        }

        @Override
        public boolean mayWrite() {
            return mayWrite;
        }
    }

    /** The key scope of the schema last asked for, so that a hit usually looks nothing up. */
    private record ScopeMemo(String schema, String scoped) {
    }

    private volatile ScopeMemo lastScope = new ScopeMemo(null, null);

    @Override
    public TextPlan plan(String sql) {
        if (sql == null) {
            return TextPlan.UNJUDGED;
        }
        try {
            return plans.get(sql, this::decide);
        } catch (RuntimeException e) {
            LOG.once("cache-decide-" + name, Level.WARNING, name, "the result cache could not judge a query;"
                    + " it runs uncached: " + e, e);
            return TextPlan.UNJUDGED;
        }
    }

    @Override
    public ResultSet query(OptimizerStatement statement, Plan plan, String sql, Object[] parameters, Query query)
            throws SQLException {
        OptimizerConnection connection = (OptimizerConnection) statement.getConnection();
        TextPlan textPlan = (TextPlan) plan;
        CachePolicy.Decision decision = textPlan.decision;
        String scope = null; // the key's scope: null when the statement is not to be cached
        int resultSetType = 0;
        try {
            if (decision.cacheable() && eligible(connection, statement, parameters, textPlan)) {
                resultSetType = statement.getResultSetType();
                scope = scopeIn(connection.getSchema());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.once("cache-decide-" + name, Level.WARNING, name, "the result cache could not judge a query;"
                    + " it runs uncached: " + e, e);
            scope = null;
        }
        if (scope == null) {
            ResultSet result = query.run();
            executed(connection, sql, parameters); // a SELECT calling a function may write
            return result;
        }
        String shape = decision.shape(); // decided once per text: no second parse-cache lookup on a hit
        if (!cache.serving()) {
            return query.run(); // the bus is down: an invalidation may have been missed, serve nothing
        }
        ResultCache.CacheEntry hit = cache.lookupFront(textPlan.front, scope, sql, parameters, resultSetType,
                textPlan.counts);
        if (hit != null) {
            return hit.result.open(statement, resultSetType);
        }
        CacheKey key = new CacheKey(scope, sql, parameters, resultSetType);
        hit = cache.lookup(key, textPlan.counts);
        if (hit != null) {
            textPlan.front.remember(hit);
            return hit.result.open(statement, resultSetType);
        }
        int timeoutSeconds = statement.getQueryTimeout();
        ResultCache.Flight flight = cache.joinOrStartLoad(key,
                timeoutSeconds > 0 ? TimeUnit.SECONDS.toNanos(timeoutSeconds) : DEFAULT_WAIT_NANOS);
        if (flight.shared() != null) {
            return flight.shared().result.open(statement, statement.getResultSetType());
        }
        if (!flight.owner()) {
            return query.run();
        }
        ResultCache.Versions before = cache.versionsBefore(decision.tables());
        long start = System.nanoTime();
        CachedResult shared = cache.fromStore(key, decision.tables(), before);
        if (shared != null) {
            cache.finishLoad(key, shared, decision.tables(), keyedRows(connection, decision, shared), before,
                    decision.ttl(), shape, System.nanoTime() - start);
            return shared.open(statement, statement.getResultSetType());
        }
        CachedResult captured;
        try (ResultSet result = query.run()) {
            captured = CachedResult.capture(result, metaData.getIfPresent(sql));
        } catch (SQLException | RuntimeException | Error e) {
            cache.abandonLoad(key);
            throw e;
        }
        metaData.put(sql, captured.metaDataSnapshot());
        ResultCache.CacheEntry stored = cache.finishLoad(key, captured, decision.tables(),
                keyedRows(connection, decision, captured), before, decision.ttl(), shape, System.nanoTime() - start);
        if (stored != null) {
            textPlan.front.remember(stored);
            cache.toStore(key, captured, decision.tables(), before, decision.ttl());
        }
        return captured.open(statement, statement.getResultSetType());
    }

    /**
     * The key scope in a schema: one String per schema, so a hit neither concatenates nor hashes it
     * again (a String caches its hash).
     */
    private String scopeIn(String schema) {
        String key = schema == null ? "" : schema;
        ScopeMemo memo = lastScope;
        if (key.equals(memo.schema())) {
            return memo.scoped();
        }
        String scoped = scopesBySchema.get(key);
        if (scoped == null) {
            scoped = scope + '|' + key;
            if (scopesBySchema.size() < 1_000) { // bounded: schemas are few, but not under our control
                scopesBySchema.putIfAbsent(key, scoped);
            }
        }
        lastScope = new ScopeMemo(key, scoped);
        return scoped;
    }

    private TextPlan decide(String sql) {
        SqlInfo info = analyzer.analyze(sql);
        CachePolicy.Decision decision = policy.decide(info);
        return decision.cacheable()
                ? new TextPlan(decision.withRows(analyzer.rowFacts(sql).query()), policy.mayWrite(info),
                        cache.countsOf(decision.shape()))
                : new TextPlan(decision, policy.mayWrite(info), null);
    }

    /**
     * Per table of the decision, the keys of a loaded row query where its rows carry their table's
     * key column; null where they do not (the result is then validated by table), or null for none.
     * Never throws: a failure only makes the result validated by table.
     */
    private ResultCache.KeyedRows[] keyedRows(OptimizerConnection connection, CachePolicy.Decision decision,
                                              CachedResult result) {
        RowFacts.RowQuery rows = decision.rows();
        if (rows == null) {
            return null;
        }
        try {
            String[] tables = decision.tables();
            ResultCache.KeyedRows[] keyed = new ResultCache.KeyedRows[tables.length];
            boolean any = false;
            Connection physical = connection.lease().physical();
            for (TableRef table : rows.tables()) {
                int index = java.util.Arrays.asList(tables).indexOf(table.name());
                String keyColumn = table.schema() == null && index >= 0
                        ? relations.of(physical, table.name()).keyColumn() : null;
                int position = keyColumn == null ? -1 : keyPosition(rows, table, keyColumn, result);
                long[] keys = position < 1 ? null : result.integerKeys(position);
                if (keys != null) {
                    keyed[index] = new ResultCache.KeyedRows(rows.membership(), keys, rows.skipsRows());
                    any = true;
                }
            }
            return any ? keyed : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** The 1-based result column holding {@code table}'s key, or -1. */
    private int keyPosition(RowFacts.RowQuery rows, TableRef table, String keyColumn, CachedResult result)
            throws SQLException {
        java.util.Map<String, Integer> positions = rows.positions().getOrDefault(table, java.util.Map.of());
        Integer position = positions.get(keyColumn);
        if (position == null && database == Database.SQLITE) { // SQLite's names ignore case
            for (java.util.Map.Entry<String, Integer> p : positions.entrySet()) {
                if (p.getKey().equalsIgnoreCase(keyColumn)) {
                    position = p.getValue();
                }
            }
        }
        if (position != null) {
            return position;
        }
        if (!rows.allColumns().contains(table)) {
            return -1;
        }
        int found = -1; // from *: by label, and only if no other column has the same label
        for (int column = 1; column <= result.columnCount(); column++) {
            if (result.metaData().getColumnLabel(column).equalsIgnoreCase(keyColumn)) {
                if (found > 0) {
                    return -1;
                }
                found = column;
            }
        }
        return found;
    }

    private boolean eligible(OptimizerConnection connection, OptimizerStatement statement, Object[] parameters,
                             TextPlan plan) throws SQLException {
        Object state = connection.cacheState(); // not created here: most handles never write
        if (state instanceof TransactionWrites && ((TransactionWrites) state).any
                || connection.sessionSettingsChanged()) {
            return false;
        }
        int isolation = connection.isolationMode();
        if (!connection.autoCommitMode() && (isolation == Connection.TRANSACTION_REPEATABLE_READ
                || isolation == Connection.TRANSACTION_SERIALIZABLE)) {
            return false;
        }
        if (statement.getResultSetConcurrency() != ResultSet.CONCUR_READ_ONLY || statement.getMaxRows() != 0) {
            return false;
        }
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter == ExecutionListener.UNBINDABLE) {
                    return false;
                }
            }
        }
        long generation = relations.generation();
        if (plan.tablesCacheableAt == generation) {
            return true; // no DDL forgot a table's facts since they were all found cacheable
        }
        Connection physical = connection.lease().physical();
        for (String table : plan.decision.tables()) {
            if (!relations.of(physical, table).cacheable()) {
                return false;
            }
        }
        plan.tablesCacheableAt = generation;
        return true;
    }

    @Override
    public void executed(OptimizerConnection connection, String sql, Object[] parameters) {
        try {
            SqlInfo info = analyzer.analyze(sql);
            SqlStatementKind kind = info.kind();
            if (kind == SqlStatementKind.SESSION && info.fingerprint().startsWith("set ")) {
                connection.markSessionSettingsChanged(); // SET ROLE, search_path, timezone: not our snapshot any more
                return;
            }
            if (kind == SqlStatementKind.TRANSACTION_CONTROL || kind == SqlStatementKind.SESSION) {
                return;
            }
            if (!policy.mayWrite(info)) {
                return; // a read that calls nothing that could write
            }
            boolean unknown = !info.parsed() || kind == SqlStatementKind.QUERY && info.tablesWritten().isEmpty()
                    || kind == SqlStatementKind.OTHER;
            Set<String> tables = new HashSet<>();
            if (!unknown) {
                Connection physical = connection.lease().physical();
                for (TableRef table : info.tablesWritten()) {
                    tables.add(table.name());
                    if (kind == SqlStatementKind.DDL) {
                        relations.forget(table.name());
                    } else if (relations.of(physical, table.name()).writesElsewhere()) {
                        unknown = true; // triggers or cascading keys write tables the text does not name
                    }
                }
                unknown |= tables.isEmpty() && kind != SqlStatementKind.QUERY;
            }
            TransactionWrites.KeyedWrite keyed = unknown || tables.size() != 1
                    || kind != SqlStatementKind.UPDATE && kind != SqlStatementKind.DELETE
                    ? null : keyedWrite(connection, sql, parameters);
            if (keyed != null) {
                cache.invalidateKey(keyed.table(), keyed.columns(), keyed.key(), keyed.deletes());
            } else {
                invalidate(unknown, tables);
            }
            announceWrite(connection, unknown, tables); // other processes invalidate by table
            if (!connection.autoCommitMode()) {
                TransactionWrites writes = writes(connection);
                writes.any = true;
                writes.unknown |= unknown;
                if (keyed != null) {
                    writes.keyed(keyed);
                } else {
                    writes.tables.addAll(tables);
                }
            } else {
                cache.bus().committed(tables, unknown); // auto-commit: the write is committed now
            }
        } catch (RuntimeException e) {
            LOG.once("cache-write-" + name, Level.WARNING, name,
                    "a write could not be analysed; everything cached is dropped: " + e, e);
            cache.invalidateAll();
        }
    }

    /**
     * The update or delete by key this execution is ({@code UPDATE t SET ... WHERE key = ?} or
     * {@code DELETE FROM t WHERE key = ?}, with an integer bound to the table's key column), or null.
     */
    private TransactionWrites.KeyedWrite keyedWrite(OptimizerConnection connection, String sql, Object[] parameters) {
        if (parameters == null) {
            return null;
        }
        RowFacts.KeyedUpdate update = keyedUpdates.get(sql, analyzer::rowFacts).update();
        if (update == null || update.table().schema() != null) {
            return null;
        }
        String keyColumn = relations.of(connection.lease().physical(), update.table().name()).keyColumn();
        if (keyColumn == null) {
            return null;
        }
        for (java.util.Map.Entry<String, Integer> condition : update.keyParameters().entrySet()) {
            boolean isKey = database == Database.SQLITE ? condition.getKey().equalsIgnoreCase(keyColumn)
                    : condition.getKey().equals(keyColumn);
            int index = condition.getValue() - 1;
            if (isKey && index < parameters.length) {
                Long key = IntegerKeys.of(parameters[index]);
                if (key != null) {
                    return new TransactionWrites.KeyedWrite(update.table().name(), update.setColumns(), key,
                            update.deletes());
                }
            }
        }
        return null;
    }

    @Override
    public boolean mayWrite(String sql) {
        return plan(sql).mayWrite;
    }

    @Override
    public void transactionEnded(OptimizerConnection connection, boolean committed) {
        Object state = connection.cacheState();
        if (state instanceof TransactionWrites) {
            TransactionWrites writes = (TransactionWrites) state;
            if (committed && writes.any) {
                invalidate(writes.unknown, writes.tables); // the committed rows are now everyone's
                Set<String> tables = writes.tables;
                for (TransactionWrites.KeyedWrite keyed : writes.keyed) {
                    cache.invalidateKey(keyed.table(), keyed.columns(), keyed.key(), keyed.deletes());
                    if (tables == writes.tables) {
                        tables = new HashSet<>(writes.tables);
                    }
                    tables.add(keyed.table());
                }
                cache.bus().committed(tables, writes.unknown);
            }
            writes.clear();
        }
    }

    /**
     * Tells other processes, inside the writing transaction where the bus can (PostgreSQL's
     * pg_notify is delivered exactly at commit, never for a rollback). A failure here (the
     * transaction already aborted) never reaches the application.
     */
    private void announceWrite(OptimizerConnection connection, boolean unknown, Set<String> tables) {
        try {
            cache.bus().written(connection.lease().physical(), tables, unknown);
        } catch (SQLException | RuntimeException e) {
            LOG.once("cache-bus-write-" + name, Level.WARNING, name, "could not announce a write to the"
                    + " invalidation bus; other processes see it after their TTL: " + e, null);
        }
    }

    private void invalidate(boolean unknown, Set<String> tables) {
        if (unknown) {
            cache.invalidateAll();
        } else if (!tables.isEmpty()) {
            cache.invalidate(tables);
        }
    }

    private static TransactionWrites writes(OptimizerConnection connection) {
        Object state = connection.cacheState();
        if (state instanceof TransactionWrites) {
            return (TransactionWrites) state;
        }
        TransactionWrites writes = new TransactionWrites();
        connection.cacheState(writes);
        return writes;
    }
}
