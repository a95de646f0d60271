package org.jdbcoptimizer.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jdbcoptimizer.OptimizerDataSource;
import org.jdbcoptimizer.pool.PoolStats;

/**
 * Retained heap per idle pooled connection that the optimizer adds on top of the physical pgjdbc
 * connection. Not a JMH benchmark: it measures memory, once.
 *
 * <p>Method: the used heap after a settled full GC is taken with N raw pgjdbc connections held in a
 * list, and again (from a fresh baseline) with N connections held idle in our pool (all borrowed at
 * once, so N physical connections exist, then all returned). The difference divided by N is our cost
 * per idle connection: pool entry, idle-deque node, and anything else the pool keeps. It is an upper
 * bound: the pool's fixed cost (pool object, housekeeper thread, data source) is divided among the N
 * connections too, and so is anything the pool's set-up queries leave in pgjdbc's own caches.
 * Several rounds are run and the median reported, because a single heap reading can be off by a few
 * kilobytes; an unreported round before them moves one-time allocations into the baselines.
 */
public final class IdleConnectionMemory {

    /** The goal from docs/BENCHMARKS.md. */
    static final long GOAL_BYTES = 2_048;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final int connections;
    private final int rounds;

    IdleConnectionMemory(int connections, int rounds) {
        this.connections = connections;
        this.rounds = rounds;
    }

    /**
     * Runs the probe with {@code --connections N} (default 50) and {@code --rounds N} (default 3).
     *
     * @return the exit status: 0 when measured (whether or not the goal is met), 2 for bad arguments
     */
    public static int run(String[] args) throws Exception {
        int connections = 50;
        int rounds = 3;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !List.of("--connections", "--rounds").contains(args[i])) {
                System.err.println("usage: java [-Dbench.url=jdbc:postgresql://...] -jar jdbc-optimizer-examples.jar"
                        + " memory [--connections N] [--rounds N]");
                return 2;
            }
            int value;
            try {
                value = Integer.parseInt(args[i + 1]);
            } catch (NumberFormatException e) {
                value = 0;
            }
            if (value < 1) {
                System.err.println(args[i] + " needs a whole number of at least 1, got '" + args[i + 1] + "'");
                return 2;
            }
            if (args[i].equals("--connections")) {
                connections = value;
            } else {
                rounds = value;
            }
        }
        new IdleConnectionMemory(connections, rounds).measure();
        return 0;
    }

    void measure() throws Exception {
        System.out.printf("Retained heap per idle pooled connection, %d connections to %s, %d rounds%n%n",
                connections, BenchDatabase.postgresUrl().replaceAll("(?i)password=[^&]*", "password=***"), rounds);
        // A full unreported round first: class loading, static caches and JIT-created objects of both
        // paths then land in the baselines instead of in the first measured round.
        rawBytes();
        pooledBytes();
        long[] overheads = new long[rounds];
        for (int round = 1; round <= rounds; round++) {
            long raw = rawBytes();
            long pooled = pooledBytes();
            overheads[round - 1] = (pooled - raw) / connections;
            System.out.printf(Locale.ROOT, "  round %d: raw pgjdbc %,d B/connection, pooled %,d B/connection,"
                    + " optimizer's share %,d B/connection%n", round, raw / connections, pooled / connections,
                    overheads[round - 1]);
        }
        Arrays.sort(overheads);
        long median = overheads[rounds / 2];
        System.out.printf(Locale.ROOT, "%nMedian retained heap the optimizer adds per idle connection: %,d bytes"
                + " (rounds ranged %,d to %,d; goal: under %,d bytes) -> %s%n", median, overheads[0],
                overheads[rounds - 1], GOAL_BYTES, median < GOAL_BYTES ? "goal met" : "ABOVE GOAL");
    }

    /** Heap retained by N raw connections held in a list. */
    private long rawBytes() throws Exception {
        long baseline = settledUsedHeap();
        List<Connection> held = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            held.add(BenchDatabase.rawConnection());
        }
        long used = settledUsedHeap();
        Reference.reachabilityFence(held);
        for (Connection connection : held) {
            connection.close();
        }
        return used - baseline;
    }

    /** Heap retained by a pool holding N idle connections. */
    private long pooledBytes() throws Exception {
        long baseline = settledUsedHeap();
        OptimizerDataSource pool = new OptimizerDataSource(BenchDatabase.optimizerUrl(
                "optimizer.pool.name=memory-probe&optimizer.pool.maxSize=" + connections));
        try {
            List<Connection> borrowed = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                connection.close();
            }
            borrowed = null;
            PoolStats stats = pool.poolStats().values().iterator().next();
            if (stats.idle() != connections || stats.created() != connections) {
                throw new IllegalStateException("expected " + connections + " idle connections, pool reports " + stats);
            }
            long used = settledUsedHeap();
            Reference.reachabilityFence(pool);
            return used - baseline;
        } finally {
            pool.close();
        }
    }

    /** Used heap after full GCs, once two readings in a row agree within 1 KiB (or after 10 tries). */
    static long settledUsedHeap() throws InterruptedException {
        long previous = Long.MIN_VALUE;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            Thread.sleep(50);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < 1_024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
