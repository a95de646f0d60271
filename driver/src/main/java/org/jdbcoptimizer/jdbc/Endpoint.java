package org.jdbcoptimizer.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jdbcoptimizer.config.Option;
import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerUrl;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.dialect.Database;
import org.jdbcoptimizer.dialect.SqliteUrls;
import org.jdbcoptimizer.pool.ConnectionFactory;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.pool.PoolRegistry;
import org.jdbcoptimizer.pool.PoolSettings;
import org.jdbcoptimizer.pool.UnpooledLease;

/**
 * Where connections for one configuration come from: a pool, or the real driver directly when
 * pooling is off. Resolved once per distinct URL and properties (or per DataSource), so that a
 * {@code getConnection} does no parsing and no driver lookup.
 *
 * <p>Thread-safe: immutable; the pool is thread-safe.
 */
public final class Endpoint {

    private final ConnectionContext context;
    private final ConnectionFactory factory;
    private final ConnectionPool pool;

    private Endpoint(ConnectionContext context, ConnectionFactory factory, ConnectionPool pool) {
        this.context = context;
        this.factory = factory;
        this.pool = pool;
    }

    /**
     * Resolves a {@code jdbc:optimizer:} URL: configuration, real driver, and the pool.
     *
     * @param ownDriver  our driver class, which the search for the real driver skips
     * @param sharedPool true to join the process-wide pool for (target URL, driver properties, pool
     *                   options), as DriverManager users do; false for a pool owned by the caller
     * @param features   creates the statement analysis and the result cache
     */
    public static Endpoint forUrl(String url, Properties info, Class<? extends Driver> ownDriver, boolean sharedPool,
                                  FeatureFactory features) throws SQLException {
        OptimizerUrl parsed = OptimizerUrl.parse(url);
        OptimizerConfig config = OptimizerConfig.load(url, info);
        String targetUrl = parsed.targetUrl();
        Database database = Database.of(targetUrl);
        Properties driverProperties = withoutOptimizerKeys(info);
        if (database == Database.SQLITE) {
            driverProperties = SqliteUrls.withFileDefaults(targetUrl, driverProperties);
        }
        Driver driver = TargetDrivers.find(targetUrl, config.get(Options.TARGET_DRIVER), ownDriver);
        ConnectionFactory factory = new DriverConnectionFactory(driver, targetUrl, driverProperties);
        ConnectionPool pool = null;
        if (config.get(Options.POOL)) {
            PoolSettings settings = PoolSettings.from(config, targetUrl);
            if (sharedPool) {
                PoolRegistry.Key key = new PoolRegistry.Key(targetUrl, asMap(driverProperties),
                        config.fingerprintOf("pool"));
                pool = PoolRegistry.get(key, () -> new ConnectionPool(settings, factory));
            } else {
                pool = new ConnectionPool(settings, factory);
            }
        }
        return create(config, database, targetUrl, driverProperties.getProperty("user"), factory, pool, features);
    }

    /**
     * An endpoint for physical connections the application opens itself through the real driver
     * (the Java agent hands each one to {@link #wrap}); it has no pool. The optimizer's own
     * connections (EXPLAIN, the cache's invalidation bus) are opened through {@code driver} with the
     * same URL and properties, unchanged: unlike {@link #forUrl}, no SQLite file defaults are added,
     * because the database belongs to an application that did not ask for them.
     *
     * @param targetUrl the real driver's URL, as the application gave it
     * @param info      the application's connection properties (may be null; copied)
     * @param driver    the real driver that opened the application's connection
     * @param config    the options (its {@code optimizer.pool} is ignored: there is no pool)
     * @throws SQLException when a cache option is malformed
     */
    public static Endpoint forDriver(String targetUrl, Properties info, Driver driver, OptimizerConfig config,
                                     FeatureFactory features) throws SQLException {
        Properties driverProperties = withoutOptimizerKeys(info);
        ConnectionFactory factory = new DriverConnectionFactory(driver, targetUrl, driverProperties);
        return create(config, Database.of(targetUrl), targetUrl, driverProperties.getProperty("user"), factory, null,
                features);
    }

    private static Endpoint create(OptimizerConfig config, Database database, String targetUrl, String user,
                                   ConnectionFactory factory, ConnectionPool pool, FeatureFactory features)
            throws SQLException {
        // Unpooled DataSources of one class but different databases must not share an analysis
        // (whose EXPLAIN connection would reach the wrong database): name them by URL when known.
        String poolName = pool != null ? pool.name()
                : "unpooled " + (targetUrl.equals("jdbc:unknown:") ? factory.describe() : OptimizerUrl.redact(targetUrl));
        ExecutionListener listener = features.listener(config, database, pool, poolName, targetUrl, factory);
        String databaseId = targetUrl.contains("?") ? targetUrl.substring(0, targetUrl.indexOf('?')) : targetUrl;
        if (databaseId.equals("jdbc:unknown:")) {
            databaseId = "datasource:" + factory.describe();
        }
        // Results are shared by connections of one user to one database (the full URL may name the user).
        String scope = targetUrl + "|" + factory.describe() + "|" + user;
        QueryCache cache = features.cache(config, database, databaseId, scope, poolName, factory);
        return new Endpoint(new ConnectionContext(config, database, listener, cache), factory, pool);
    }

    /**
     * An endpoint over an application's DataSource; the pool (when on) belongs to the caller, who
     * closes it. The pool applies the same database rules as for a URL (one connection, kept open,
     * for a private SQLite in-memory database) when the DataSource tells its URL.
     */
    public static Endpoint forDataSource(DataSource dataSource, String user, String password, OptimizerConfig config,
                                         FeatureFactory features) throws SQLException {
        ConnectionFactory factory = new DataSourceConnectionFactory(dataSource, user, password);
        String targetUrl = urlOf(dataSource);
        ConnectionPool pool = config.get(Options.POOL)
                ? new ConnectionPool(PoolSettings.from(config, targetUrl), factory) : null;
        return create(config, databaseOf(dataSource), targetUrl, user, factory, pool, features);
    }

    /**
     * The real driver's URL a DataSource connects to, from its {@code getUrl()} or {@code getURL()}
     * (SQLiteDataSource, PGSimpleDataSource, ...), else {@code jdbc:unknown:}. Only used to choose
     * database rules, never logged.
     */
    static String urlOf(DataSource dataSource) {
        for (String getter : new String[] {"getUrl", "getURL"}) {
            try {
                Object url = dataSource.getClass().getMethod(getter).invoke(dataSource);
                if (url instanceof String && ((String) url).startsWith("jdbc:")) {
                    return (String) url;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // no such getter, or it failed: try the next, else no URL
            }
        }
        return "jdbc:unknown:";
    }

    /** A new application connection: borrowed from the pool, or opened directly. */
    public Connection connect() throws SQLException {
        if (pool != null) {
            return new OptimizerConnection(pool.borrow(), context);
        }
        return new OptimizerConnection(new UnpooledLease(factory.connect()), context);
    }

    /**
     * Wraps a physical connection the application opened itself (the Java agent). The wrapper owns
     * it: closing the wrapper closes it, and nothing is reset on close, since there is no pool.
     *
     * @throws SQLException when the connection's state cannot be read; the connection is then closed
     */
    public Connection wrap(Connection physical) throws SQLException {
        return new OptimizerConnection(new UnpooledLease(physical), context);
    }

    /** The pool, or null when pooling is off. */
    public ConnectionPool pool() {
        return pool;
    }

    public ConnectionContext context() {
        return context;
    }

    /** True when this endpoint can still hand out connections (its pool, if any, is open). */
    public boolean isUsable() {
        return pool == null || !pool.isClosed();
    }

    private static Database databaseOf(DataSource dataSource) {
        String name = dataSource.getClass().getName().toLowerCase(java.util.Locale.ROOT);
        if (name.contains("postgresql") || name.startsWith("org.postgresql")) {
            return Database.POSTGRESQL;
        }
        if (name.contains("sqlite")) {
            return Database.SQLITE;
        }
        return Database.OTHER;
    }

    static Properties withoutOptimizerKeys(Properties info) {
        Properties result = new Properties();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                if (!key.startsWith(Option.PREFIX)) {
                    result.setProperty(key, info.getProperty(key));
                }
            }
        }
        return result;
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }
}
