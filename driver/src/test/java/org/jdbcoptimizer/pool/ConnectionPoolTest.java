package org.jdbcoptimizer.pool;

import static org.jdbcoptimizer.pool.PoolTesting.assertQuiescentInvariants;
import static org.jdbcoptimizer.pool.PoolTesting.backendPid;
import static org.jdbcoptimizer.pool.PoolTesting.eventually;
import static org.jdbcoptimizer.pool.PoolTesting.postgresPool;
import static org.jdbcoptimizer.pool.PoolTesting.terminateBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    @Test
    void timesOutAtMaxSizeWithCountsAndPoolNameInTheMessage() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.name=tiny&optimizer.pool.maxSize=2"
                + "&optimizer.pool.connectionTimeout=200ms")) {
            Lease first = pool.borrow();
            Lease second = pool.borrow();
            assertNotSame(first.physical(), second.physical());
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, pool::borrow);
            assertTrue(e.getMessage().startsWith("tiny - "), e.getMessage());
            assertTrue(e.getMessage().contains("active=2"), e.getMessage());
            assertTrue(e.getMessage().contains("idle=0"), e.getMessage());
            assertTrue(e.getMessage().contains("waiting="), e.getMessage());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            assertEquals(1, pool.stats().timeouts());
            first.release();
            second.release();
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void aWaitingBorrowerGetsTheConnectionReturnedByAnother() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.maxSize=1&optimizer.pool.connectionTimeout=5s")) {
            Lease held = pool.borrow();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<Connection> waiter = executor.submit(() -> {
                    Lease lease = pool.borrow();
                    Connection physical = lease.physical();
                    lease.release();
                    return physical;
                });
                eventually("the second borrower waits", () -> pool.stats().waiting() == 1);
                Connection physical = held.physical();
                held.release();
                assertSame(physical, waiter.get(5, TimeUnit.SECONDS), "handed over, not a new connection");
            } finally {
                executor.shutdownNow();
            }
            assertEquals(1, pool.stats().created());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void housekeeperKeepsMinIdleConnectionsReady() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.minIdle=3&optimizer.pool.maxSize=8")) {
            eventually("3 idle connections", () -> pool.stats().idle() == 3);
            assertEquals(3, pool.stats().total());
            List<Lease> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leases.add(pool.borrow()); // the fourth finds the pool dry and creates one
            }
            eventually("refilled to 3 idle after the pool ran dry", () -> pool.stats().idle() == 3);
            assertEquals(7, pool.stats().total());
            leases.forEach(Lease::release);
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void idleTimeoutClosesConnectionsAboveMinIdle() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.minIdle=1&optimizer.pool.maxSize=4"
                + "&optimizer.pool.idleTimeout=200ms&optimizer.pool.keepaliveTime=0")) {
            List<Lease> leases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leases.add(pool.borrow());
            }
            leases.forEach(Lease::release);
            assertEquals(4, pool.stats().total());
            eventually("idle connections above minIdle retired", () -> pool.stats().total() == 1);
            assertEquals(3, pool.stats().destroyed());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void maxLifetimeRetiresAConnectionOnlyAfterItIsReturned() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.maxSize=2&optimizer.pool.maxLifetime=300ms"
                + "&optimizer.pool.keepaliveTime=0")) {
            Lease lease = pool.borrow();
            Connection physical = lease.physical();
            int pid = backendPid(physical);
            Thread.sleep(600);
            assertFalse(physical.isClosed(), "never retired while in use");
            assertEquals(pid, backendPid(physical));
            lease.release();
            eventually("the expired connection is closed", () -> {
                try {
                    return physical.isClosed();
                } catch (SQLException e) {
                    return false;
                }
            });
            Lease next = pool.borrow();
            assertNotEquals(pid, backendPid(next.physical()));
            next.release();
            assertEquals(1, pool.stats().destroyed());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void keepaliveFindsAndRetiresADeadIdleConnection() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.maxSize=2&optimizer.pool.keepaliveTime=200ms")) {
            Lease lease = pool.borrow();
            int pid = backendPid(lease.physical());
            lease.release();
            terminateBackend(pid);
            eventually("keepalive retires the dead connection", () -> pool.stats().destroyed() == 1);
            assertEquals(0, pool.stats().total());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void aDeadIdleConnectionIsValidatedAndReplacedAtBorrow() throws Exception {
        try (ConnectionPool pool = postgresPool("optimizer.pool.maxSize=1&optimizer.pool.keepaliveTime=0"
                + "&optimizer.pool.validationTimeout=1s")) {
            Lease lease = pool.borrow();
            int pid = backendPid(lease.physical());
            lease.release();
            terminateBackend(pid);
            Thread.sleep(ConnectionPool.ALIVE_BYPASS_NANOS / 1_000_000 + 100); // past the no-validation window
            Lease next = pool.borrow();
            assertNotEquals(pid, backendPid(next.physical()), "a fresh, working connection");
            next.release();
            assertEquals(2, pool.stats().created());
            assertEquals(1, pool.stats().destroyed());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void leakDetectionLogsTheBorrowersStack() throws Exception {
        Logger logger = Logger.getLogger(Housekeeper.class.getName());
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (ConnectionPool pool = postgresPool("optimizer.pool.name=leaky&optimizer.pool.maxSize=1"
                + "&optimizer.pool.leakDetectionThreshold=100ms")) {
            Lease lease = pool.borrow();
            eventually("a leak is reported", () -> records.stream().anyMatch(r -> r.getMessage().contains("leak")));
            LogRecord leak = records.stream().filter(r -> r.getMessage().contains("leak")).findFirst().orElseThrow();
            assertTrue(leak.getMessage().startsWith("leaky - "), leak.getMessage());
            boolean fromThisTest = false;
            for (StackTraceElement frame : leak.getThrown().getStackTrace()) {
                fromThisTest |= frame.getMethodName().equals("leakDetectionLogsTheBorrowersStack");
            }
            assertTrue(fromThisTest, "the logged stack is the borrower's");
            lease.release();
            eventually("the return is logged", () -> records.stream().anyMatch(r -> r.getMessage().contains("returned")));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void manyThreadsNeverShareAConnectionAndCountsStayConsistent() throws Exception {
        int threads = 16;
        int borrowsPerThread = 150;
        try (ConnectionPool pool = postgresPool("optimizer.pool.maxSize=4&optimizer.pool.connectionTimeout=30s")) {
            Set<Connection> inUse = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            AtomicInteger sharedViolations = new AtomicInteger();
            AtomicInteger maxTotal = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < borrowsPerThread; i++) {
                        Lease lease = pool.borrow();
                        if (!inUse.add(lease.physical())) {
                            sharedViolations.incrementAndGet();
                        }
                        maxTotal.accumulateAndGet(pool.stats().total(), Math::max);
                        if (i % 10 == 0) {
                            try (Statement statement = lease.physical().createStatement()) {
                                statement.execute("select 1");
                            }
                        }
                        inUse.remove(lease.physical());
                        lease.release();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            executor.shutdown();
            assertEquals(0, sharedViolations.get(), "a connection was handed to two borrowers at once");
            assertTrue(maxTotal.get() <= 4, "total exceeded maxSize: " + maxTotal.get());
            assertEquals((long) threads * borrowsPerThread, pool.stats().borrows());
            assertQuiescentInvariants(pool);
        }
    }

    @Test
    void closeIsIdempotentClosesIdleNowAndBorrowedOnReturn() throws Exception {
        ConnectionPool pool = postgresPool("optimizer.pool.maxSize=2&optimizer.pool.connectionTimeout=5s");
        Lease idle = pool.borrow();
        Lease borrowed = pool.borrow();
        Connection idlePhysical = idle.physical();
        idle.release();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Lease other = pool.borrow(); // takes the idle one back; pool is now full
            Future<?> waiter = executor.submit(() -> pool.borrow());
            eventually("a borrower waits", () -> pool.stats().waiting() == 1);
            other.release();
            // the waiter may have taken it; either way, after close, everything ends closed
            pool.close();
            pool.close();
            try {
                Object result = waiter.get(5, TimeUnit.SECONDS);
                ((Lease) result).release();
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
            }
        } finally {
            executor.shutdownNow();
        }
        assertTrue(idlePhysical.isClosed());
        Connection borrowedPhysical = borrowed.physical();
        assertFalse(borrowedPhysical.isClosed(), "a connection in use is not pulled from under its borrower");
        borrowed.release();
        assertTrue(borrowedPhysical.isClosed());
        SQLException e = assertThrows(SQLException.class, pool::borrow);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(0, pool.stats().total());
    }

    @Test
    void aNonTransientConnectFailureIsReportedAsTheDatabaseSaidIt() throws Exception {
        String url = org.jdbcoptimizer.testing.TestDatabases.postgresUrl().replace("/test", "/no_such_database_here");
        try (ConnectionPool pool = PoolTesting.pool(url, "optimizer.pool.connectionTimeout=30s")) {
            SQLException e = assertThrows(SQLException.class, pool::borrow);
            assertEquals("3D000", e.getSQLState(), "not retried until the timeout: " + e);
            assertQuiescentInvariants(pool);
        }
    }
}
