package org.jdbcoptimizer;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jdbcoptimizer.config.OptimizerConfig;
import org.jdbcoptimizer.jdbc.Endpoint;
import org.jdbcoptimizer.pool.PoolStats;

/**
 * A {@link DataSource} with the optimizer's behaviour, for applications that do not go through
 * {@code DriverManager}: built from a {@code jdbc:optimizer:} URL, or wrapping an existing
 * DataSource (whose connections then become the pool's physical connections).
 *
 * <p>Each instance owns its pools (one per set of credentials) and closes them in
 * {@link #close()}. Configuration errors surface at the first {@code getConnection}.
 *
 * <p>Thread-safe.
 */
public final class OptimizerDataSource implements DataSource, AutoCloseable {

    private final String url;
    private final Properties properties;
    private final DataSource target;
    private final Map<String, String> options;
    private final ConcurrentHashMap<Credentials, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;
    private volatile boolean closed;
    /** The endpoint for getConnection() without credentials, once created. */
    private volatile Endpoint defaultEndpoint;

    private OptimizerDataSource(String url, Properties properties, DataSource target, Map<String, String> options) {
        this.url = url;
        this.properties = properties;
        this.target = target;
        this.options = options;
    }

    /**
     * A DataSource for a {@code jdbc:optimizer:} URL.
     *
     * @param url        e.g. {@code jdbc:optimizer:postgresql://127.0.0.1:5432/app?optimizer.pool.maxSize=20}
     * @param properties driver properties ({@code user}, {@code password}, ...) and {@code optimizer.*} options
     */
    public OptimizerDataSource(String url, Properties properties) {
        this(Objects.requireNonNull(url, "url"), copy(properties), null, Map.of());
    }

    /** A DataSource for a {@code jdbc:optimizer:} URL with no extra properties. */
    public OptimizerDataSource(String url) {
        this(url, new Properties());
    }

    /**
     * Wraps an application's DataSource.
     *
     * @param target  the DataSource that makes physical connections (e.g. {@code PGSimpleDataSource})
     * @param options optimizer options by name, with or without the {@code optimizer.} prefix
     */
    public static OptimizerDataSource wrap(DataSource target, Map<String, String> options) {
        return new OptimizerDataSource(null, new Properties(), Objects.requireNonNull(target, "target"),
                Map.copyOf(options));
    }

    /** Wraps an application's DataSource with default options. */
    public static OptimizerDataSource wrap(DataSource target) {
        return wrap(target, Map.of());
    }

    @Override
    public Connection getConnection() throws SQLException {
        Endpoint endpoint = defaultEndpoint; // the common case: one field read, no map lookup
        if (endpoint == null || closed) {
            endpoint = endpoint(Credentials.DEFAULT);
            defaultEndpoint = endpoint;
        }
        return endpoint.connect();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Credentials credentials = user == null && password == null ? Credentials.DEFAULT
                : new Credentials(user, password);
        return endpoint(credentials).connect();
    }

    private Endpoint endpoint(Credentials credentials) throws SQLException {
        if (closed) {
            throw new SQLException("OptimizerDataSource is closed", "08003");
        }
        Endpoint endpoint = endpoints.get(credentials);
        if (endpoint != null) {
            return endpoint;
        }
        synchronized (this) {
            if (closed) { // close() may have run since the check above; it holds this lock too
                throw new SQLException("OptimizerDataSource is closed", "08003");
            }
            endpoint = endpoints.get(credentials);
            if (endpoint == null) {
                endpoint = create(credentials);
                endpoints.put(credentials, endpoint);
            }
            return endpoint;
        }
    }

    private Endpoint create(Credentials credentials) throws SQLException {
        if (target != null) {
            return Endpoint.forDataSource(target, credentials.user, credentials.password,
                    OptimizerConfig.load(options, null), Features.INSTANCE);
        }
        Properties info = copy(properties);
        if (credentials != Credentials.DEFAULT) {
            if (credentials.user != null) {
                info.setProperty("user", credentials.user);
            }
            if (credentials.password != null) {
                info.setProperty("password", credentials.password);
            } else {
                info.remove("password"); // the default user's password is not this user's
            }
        }
        if (loginTimeoutSeconds > 0 && info.getProperty("loginTimeout") == null) {
            info.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        return Endpoint.forUrl(url, info, OptimizerDriver.class, false, Features.INSTANCE);
    }

    /** Statistics of this DataSource's pools, by pool name (empty before the first connection). */
    public Map<String, PoolStats> poolStats() {
        Map<String, PoolStats> stats = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints.values()) {
            if (endpoint.pool() != null) {
                stats.put(endpoint.pool().name(), endpoint.pool().stats());
            }
        }
        return stats;
    }

    /** Closes this DataSource's pools (connections in use are closed when returned). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        defaultEndpoint = null;
        for (Endpoint endpoint : endpoints.values()) {
            if (endpoint.pool() != null) {
                endpoint.pool().close();
                org.jdbcoptimizer.advisor.Advisors.forgetPool(endpoint.pool().name());
                org.jdbcoptimizer.analyze.Analyses.closePool(endpoint.pool().name());
            }
        }
        endpoints.clear();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("org.jdbcoptimizer");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (target != null) {
            return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
        }
        throw new SQLException("OptimizerDataSource does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || (target != null && (iface.isInstance(target) || target.isWrapperFor(iface)));
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        if (properties != null) {
            copy.putAll(properties);
        }
        return copy;
    }

    /** Credentials given to getConnection(user, password); never printed. */
    private static final class Credentials {
        static final Credentials DEFAULT = new Credentials(null, null);
        final String user;
        final String password;

        Credentials(String user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Credentials && Objects.equals(user, ((Credentials) o).user)
                    && Objects.equals(password, ((Credentials) o).password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, password);
        }

        @Override
        public String toString() {
            return "Credentials[" + user + ", password hidden]";
        }
    }
}
