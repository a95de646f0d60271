package org.jdbcoptimizer.examples.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the shop's requests from several client threads at once, each request taking a connection
 * from a {@link ConnectionSource} and closing it at the end, as a web application does per request.
 *
 * <p>Client {@code i} draws its requests from a random generator seeded with {@code seed + i}, so two
 * runs with the same seed send the same requests; only the interleaving differs. All clients wait
 * for one start signal, and the run's time is taken from that signal to the last client's end.
 */
final class ShopWorkload {

    /** What one request does on its connection, drawing its choices from the client's generator. */
    @FunctionalInterface
    interface Request {
        /** Runs one request; returns the rows it read or wrote. */
        int run(Connection connection, SplittableRandom random) throws SQLException;
    }

    private final Request requests;
    private final int clients;
    private final int requestsPerClient;

    /** The shop's usual mix, {@link ShopRequests#MIX}. */
    ShopWorkload(ShopSize size, int clients, int requestsPerClient) {
        this(new ShopRequests(size)::run, clients, requestsPerClient);
    }

    ShopWorkload(Request requests, int clients, int requestsPerClient) {
        this.requests = requests;
        this.clients = clients;
        this.requestsPerClient = requestsPerClient;
    }

    /** Sends every client's requests through {@code source} and returns what was measured. */
    WorkloadResult run(ConnectionSource source, long seed) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<String> firstFailure = new AtomicReference<>();
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                long clientSeed = seed + i;
                futures.add(executor.submit(() -> runClient(source, clientSeed, start, firstFailure)));
            }
            long begin = System.nanoTime();
            start.countDown();
            long[] latencies = new long[clients * requestsPerClient];
            long failed = 0;
            long opened = 0;
            int offset = 0;
            for (Future<ClientResult> future : futures) {
                ClientResult client = join(future);
                System.arraycopy(client.latencies, 0, latencies, offset, client.latencies.length);
                offset += client.latencies.length;
                failed += client.failed;
                opened += client.opened;
            }
            long elapsed = System.nanoTime() - begin;
            Arrays.sort(latencies);
            return new WorkloadResult(latencies.length, failed, firstFailure.get(), opened, elapsed, latencies);
        } finally {
            executor.shutdownNow();
        }
    }

    private ClientResult runClient(ConnectionSource source, long seed, CountDownLatch start,
                                   AtomicReference<String> firstFailure) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        ClientResult result = new ClientResult(requestsPerClient);
        start.await();
        for (int i = 0; i < requestsPerClient; i++) {
            long begin = System.nanoTime();
            try (Connection connection = source.open()) {
                result.opened++;
                requests.run(connection, random);
            } catch (SQLException e) {
                result.failed++;
                firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            result.latencies[i] = System.nanoTime() - begin;
        }
        return result;
    }

    private static ClientResult join(Future<ClientResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a workload client failed: " + e.getCause(), e.getCause());
        }
    }

    /** One client's measurements; written only by that client's thread, read after it ended. */
    private static final class ClientResult {
        final long[] latencies;
        long failed;
        long opened;

        ClientResult(int requests) {
            latencies = new long[requests];
        }
    }
}
