package org.jdbcoptimizer;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jdbcoptimizer.analyze.Analysis;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.config.OptimizerConfigException;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.jdbc.Endpoint;
import org.jdbcoptimizer.jdbc.ExecutionListener;
import org.jdbcoptimizer.jdbc.OptimizerConnection;

/**
 * Puts the optimizer's features (analysis, slow-query log, EXPLAIN, N+1, the result cache) on a
 * physical connection the application has already opened through its own driver or DataSource.
 * This is what the Java agent calls when a real driver returns a connection; applications that
 * can change their code use {@code jdbc:optimizer:} URLs or {@link OptimizerDataSource} instead.
 *
 * <p>There is no pool: the application's own pool (HikariCP, or none) keeps pooling, and closing
 * the wrapper closes the physical connection. A connection is resolved to an endpoint once per
 * distinct target URL, properties and options (or per DataSource class, URL and options), so the
 * statistics of one database accumulate across connections, as with {@link OptimizerDriver}.
 *
 * <p>Thread-safe.
 */
public final class AgentConnections {

    private static final ConcurrentHashMap<Key, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    private AgentConnections() {
    }

    /**
     * Wraps a connection a real driver's {@code connect(url, info)} returned.
     *
     * @param physical the connection the driver returned (not null, not already ours)
     * @param driver   the driver that opened it; the optimizer's own EXPLAIN and invalidation-bus
     *                 connections are opened through it too
     * @param url      the URL the application passed to the driver
     * @param info     the properties the application passed (may be null)
     * @param options  {@code optimizer.*} options (with or without the prefix); {@code optimizer.pool}
     *                 must be absent or false
     * @return the wrapped connection, which closes {@code physical} when closed
     * @throws OptimizerConfigException when an option is unknown or its value is bad
     * @throws SQLException when the connection's state cannot be read (it is then closed)
     */
    public static Connection wrap(Connection physical, Driver driver, String url, Properties info,
                                  Map<String, String> options) throws SQLException {
        Key key = new Key(driver.getClass().getName(), url, info == null || info.isEmpty() ? Map.of() : Map.copyOf(info),
                options);
        Endpoint endpoint = ENDPOINTS.get(key);
        if (endpoint == null) {
            // Two threads may resolve one key at once: the first stored endpoint wins and the other
            // is dropped unused, which is harmless since analysis and cache are shared per database.
            OptimizerConfig config = configOf(options, info, "agent option");
            Endpoint created = Endpoint.forDriver(url, info, driver, config, Features.INSTANCE);
            Endpoint raced = ENDPOINTS.putIfAbsent(key, created);
            endpoint = raced != null ? raced : created;
        }
        return endpoint.wrap(physical);
    }

    /**
     * Wraps a connection a DataSource's {@code getConnection} returned.
     *
     * @param physical   the connection the DataSource returned (not null, not already ours)
     * @param dataSource the DataSource that opened it; the optimizer's own connections come from it
     * @param options    as for {@link #wrap(Connection, Driver, String, Properties, Map)}
     * @return the wrapped connection, which closes {@code physical} when closed
     * @throws OptimizerConfigException when an option is unknown or its value is bad
     * @throws SQLException when the connection's state cannot be read (it is then closed)
     */
    public static Connection wrap(Connection physical, DataSource dataSource, Map<String, String> options)
            throws SQLException {
        String url = urlOf(dataSource);
        Key key = new Key(dataSource.getClass().getName(), url, Map.of(), options);
        Endpoint endpoint = ENDPOINTS.get(key);
        if (endpoint == null) { // raced as above
            Endpoint created = Endpoint.forDataSource(dataSource, null, null, configOf(options, null, "agent option"),
                    Features.INSTANCE);
            Endpoint raced = ENDPOINTS.putIfAbsent(key, created);
            endpoint = raced != null ? raced : created;
        }
        return endpoint.wrap(physical);
    }

    /** True when the connection is already one of the optimizer's wrappers (never wrap twice). */
    public static boolean isWrapped(Connection connection) {
        return connection instanceof OptimizerConnection;
    }

    /**
     * Statistics of every statement shape run on connections wrapped through this class, slowest in
     * total first. Unlike {@link OptimizerDriver#statementStats()}, still complete while the JVM
     * shuts down (the analyses are held here, not looked up in the registry a shutdown hook clears).
     */
    public static List<ShapeStats> statementStats() {
        Map<Analysis, Boolean> analyses = new IdentityHashMap<>();
        for (Endpoint endpoint : ENDPOINTS.values()) {
            ExecutionListener listener = endpoint.context().listener();
            if (listener instanceof Analysis) {
                analyses.put((Analysis) listener, Boolean.TRUE);
            }
        }
        List<ShapeStats> all = new ArrayList<>();
        for (Analysis analysis : analyses.keySet()) {
            all.addAll(analysis.statistics());
        }
        all.sort(Comparator.comparingLong(ShapeStats::totalNanos).reversed());
        return all;
    }

    /**
     * Checks options exactly as {@code wrap} will apply them, so that a tool can report bad ones at
     * start-up instead of at the first connection. Reads the same sources as {@code wrap} (system
     * properties, environment, optimizer.properties), and opens nothing.
     *
     * @param source how messages name where the options came from (e.g. "agent file /etc/agent.properties")
     * @throws OptimizerConfigException naming the option, the value, the source and what is accepted
     */
    public static void checkOptions(Map<String, String> options, String source) throws OptimizerConfigException {
        configOf(options, null, source);
    }

    /**
     * The configuration of wrapped connections: {@code options} over the usual sources (system
     * properties, environment, optimizer.properties), with the pool off unless asked for, which is
     * refused: a connection the application opened cannot be pooled by us.
     */
    private static OptimizerConfig configOf(Map<String, String> options, Properties info, String source)
            throws OptimizerConfigException {
        Map<String, String> withPoolOff = new LinkedHashMap<>(options);
        String pool = withPoolOff.getOrDefault(Options.POOL.key(), withPoolOff.get(Options.POOL.name()));
        if (pool != null && !pool.trim().equalsIgnoreCase("false")) {
            throw new OptimizerConfigException("Invalid value '" + pool + "' for option " + Options.POOL.key()
                    + " (from " + source + "): accepted false in agent mode (the application's own pool, or none, pools its connections)");
        }
        withPoolOff.put(Options.POOL.key(), "false");
        return OptimizerConfig.load(withPoolOff, source, info);
    }

    /**
     * The URL a DataSource connects to, from its {@code getUrl()} or {@code getURL()} (pgjdbc's and
     * sqlite-jdbc's have one), else {@code jdbc:unknown:}; for choosing which DataSources to wrap.
     */
    public static String urlOf(DataSource dataSource) {
        for (String getter : new String[] {"getUrl", "getURL"}) {
            try {
                Object url = dataSource.getClass().getMethod(getter).invoke(dataSource);
                if (url instanceof String && ((String) url).startsWith("jdbc:")) {
                    return (String) url;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // no such getter, or it failed: try the next
            }
        }
        return "jdbc:unknown:";
    }

    /** What one endpoint serves: the source's class, its URL, a snapshot of its properties, the options. */
    private static final class Key {
        private final String source;
        private final String url;
        private final Map<Object, Object> properties;
        private final Map<String, String> options;

        Key(String source, String url, Map<Object, Object> properties, Map<String, String> options) {
            this.source = source;
            this.url = url;
            this.properties = properties;
            this.options = Map.copyOf(options);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key other = (Key) o;
            return source.equals(other.source) && url.equals(other.url) && properties.equals(other.properties)
                    && options.equals(other.options);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, url, properties, options);
        }
    }
}
