package org.jdbcoptimizer;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.Advisors;
import org.jdbcoptimizer.analyze.Analyses;
import org.jdbcoptimizer.analyze.Analysis;
import org.jdbcoptimizer.analyze.ShapeStats;
import org.jdbcoptimizer.cache.CacheStats;
import org.jdbcoptimizer.cache.Caches;
import org.jdbcoptimizer.config.Option;
import org.jdbcoptimizer.config.OptimizerUrl;
import org.jdbcoptimizer.config.Options;
import org.jdbcoptimizer.jdbc.Endpoint;
import org.jdbcoptimizer.pool.ConnectionPool;
import org.jdbcoptimizer.pool.PoolRegistry;
import org.jdbcoptimizer.pool.PoolStats;

/**
 * The {@code jdbc:optimizer:} driver. An application changes its URL from
 * {@code jdbc:postgresql://host/db} to {@code jdbc:optimizer:postgresql://host/db} (or
 * {@code jdbc:sqlite:app.db} to {@code jdbc:optimizer:sqlite:app.db}) and gets pooled, wrapped
 * connections from the real driver. Registered with {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver} and when this class is loaded.
 *
 * <p>Thread-safe. The first connect for a distinct URL and set of properties reads the
 * configuration, finds the real driver and creates or joins a pool; later connects reuse that
 * resolution, so configuration files, system properties and environment variables are read once
 * per distinct URL and properties.
 */
public final class OptimizerDriver implements Driver {

    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;
    private static final OptimizerDriver INSTANCE = new OptimizerDriver();
    private static final ConcurrentHashMap<ResolutionKey, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** True only for {@code jdbc:optimizer:} URLs. */
    @Override
    public boolean acceptsURL(String url) {
        return OptimizerUrl.accepts(url);
    }

    /**
     * Connects through the real driver.
     *
     * @return a pooled (or, with {@code optimizer.pool=false}, direct) wrapped connection; null
     *         when the URL is not a {@code jdbc:optimizer:} URL, as JDBC requires
     * @throws org.jdbcoptimizer.config.OptimizerConfigException for a malformed URL or a bad option
     * @throws SQLException as the real driver or the pool reported it
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        ResolutionKey key = new ResolutionKey(url, info);
        Endpoint endpoint = ENDPOINTS.get(key);
        if (endpoint == null || !endpoint.isUsable()) {
            endpoint = Endpoint.forUrl(url, info, OptimizerDriver.class, true, Features.INSTANCE);
            ENDPOINTS.put(key, endpoint);
        }
        return endpoint.connect();
    }

    /** The optimizer's options, then the real driver's, for tools that list driver properties. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        List<DriverPropertyInfo> properties = new ArrayList<>();
        for (Option<?> option : Options.ALL.values()) {
            DriverPropertyInfo property = new DriverPropertyInfo(option.key(),
                    option.defaultValue() == null ? null : Option.formatValue(option.defaultValue()));
            property.description = option.description() + " Accepted: " + option.range() + ".";
            properties.add(property);
        }
        if (acceptsURL(url)) {
            String target = OptimizerUrl.parse(url).targetUrl();
            for (java.util.Iterator<Driver> it = DriverManager.drivers().iterator(); it.hasNext(); ) {
                Driver driver = it.next();
                if (!(driver instanceof OptimizerDriver) && driver.acceptsURL(target)) {
                    properties.addAll(List.of(driver.getPropertyInfo(target, info)));
                    break;
                }
            }
        }
        return properties.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: compliance is the real driver's, which we pass through. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("org.jdbcoptimizer");
    }

    /** Statistics of every open pool created through {@code jdbc:optimizer:} URLs, by pool name. */
    public static Map<String, PoolStats> poolStats() {
        Map<String, PoolStats> stats = new java.util.LinkedHashMap<>();
        for (ConnectionPool pool : PoolRegistry.pools()) {
            stats.put(pool.name(), pool.stats());
        }
        return stats;
    }

    /**
     * Statistics of every statement shape run through the optimizer in this process (DriverManager
     * and DataSource pools alike), slowest in total first.
     */
    public static List<ShapeStats> statementStats() {
        List<ShapeStats> all = new ArrayList<>();
        for (Analysis analysis : Analyses.all()) {
            all.addAll(analysis.statistics());
        }
        all.sort(java.util.Comparator.comparingLong(ShapeStats::totalNanos).reversed());
        return all;
    }

    /** Statistics of the result cache of every database, by database (empty while the cache is off). */
    public static Map<String, CacheStats> cacheStats() {
        return Caches.stats();
    }

    /**
     * Runs the index advisor now, in the calling thread, for every database seen through
     * {@code jdbc:optimizer:} in this process (DriverManager and DataSource pools alike), writes
     * each advice to the advice log, and returns them. It works on the advisor's own connection
     * to each database and never creates an index.
     *
     * <p>Never throws for a database's failure (a table dropped since it was observed, missing
     * privileges, no HypoPG, a lost connection): that is reported in the advice's
     * {@link Advice#notChecked()}.
     *
     * @return one advice per database; empty when no database was used or the advisor is off
     */
    public static List<Advice> advise() {
        return Advisors.adviseAll();
    }

    /**
     * The latest advice of every database, from the background runs ({@code optimizer.advisor.interval})
     * or the latest {@link #advise()}; databases not advised yet are left out.
     */
    public static List<Advice> lastAdvice() {
        return Advisors.lastAdvice();
    }

    /** Waits until every queued EXPLAIN, slow-query log line and advice log line is written. */
    public static void flushAnalysis() {
        Analyses.flushAll();
        Advisors.flush();
    }

    /**
     * Closes every pool created through {@code jdbc:optimizer:} URLs (connections in use are closed
     * when returned), writes out and closes the slow-query logs, and forgets the statistics. A later
     * connect starts afresh; cached results are dropped. For application shutdown and tests.
     */
    public static void closePools() {
        ENDPOINTS.clear();
        PoolRegistry.closeAll();
        Advisors.closeAll();
        Analyses.closeAll();
        Caches.clear();
    }

    /** URL plus a snapshot of the properties: the unit of resolution caching. */
    private static final class ResolutionKey {
        private final String url;
        private final Map<Object, Object> properties;

        ResolutionKey(String url, Properties info) {
            this.url = url;
            this.properties = info == null || info.isEmpty() ? Map.of() : Map.copyOf(info);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ResolutionKey && url.equals(((ResolutionKey) o).url)
                    && properties.equals(((ResolutionKey) o).properties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, properties);
        }

        @Override
        public String toString() {
            return OptimizerUrl.redact(url);
        }
    }
}
