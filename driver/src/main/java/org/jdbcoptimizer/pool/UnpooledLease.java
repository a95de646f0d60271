package org.jdbcoptimizer.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/** A lease on a connection that is not pooled ({@code optimizer.pool=false}): release closes it. */
public final class UnpooledLease implements Lease {

    private final Connection connection;
    private final InitialState initialState;
    private Object attachment;
    private boolean released;
    private boolean evicted;

    /**
     * @throws SQLException when the connection's state cannot be read (it is then closed)
     */
    public UnpooledLease(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            this.initialState = InitialState.capture(connection);
        } catch (SQLException | RuntimeException e) {
            ConnectionPool.closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public Connection physical() {
        return connection;
    }

    @Override
    public InitialState initialState() {
        return initialState;
    }

    @Override
    public boolean pooled() {
        return false;
    }

    @Override
    public String poolName() {
        return "unpooled";
    }

    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // The application asked for close; a failure to close a dead connection changes nothing for it.
        }
    }

    @Override
    public void evict(String reason) {
        evicted = true;
    }

    @Override
    public boolean evicted() {
        return evicted;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public void abort(Executor executor) {
        released = true;
        try {
            connection.abort(executor);
        } catch (Exception | AbstractMethodError e) {
            // handled below
        }
        // Some drivers accept abort and do nothing (sqlite-jdbc): close as well, on the caller's
        // executor as abort would; closing an aborted connection is harmless.
        try {
            executor.execute(() -> ConnectionPool.closeQuietly(connection));
        } catch (RuntimeException rejected) {
            ConnectionPool.closeQuietly(connection);
        }
    }
}
