package org.jdbcoptimizer.examples.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What the demo runs on and how hard it pushes: the database file, the shop's size and the
 * workload's shape. Built from the command line by {@link #parse}; tests build smaller ones directly.
 *
 * @param database          the SQLite file, deleted and recreated on every run
 * @param size              how many rows of each kind the shop gets
 * @param threads           concurrent clients in the workload
 * @param requestsPerThread measured requests each client sends, per connection mode
 * @param warmupPerThread   requests each client sends first, per mode, that are not measured
 */
public record DemoSettings(Path database, ShopSize size, int threads, int requestsPerThread, int warmupPerThread) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar jdbc-optimizer-examples.jar demo [--db FILE] [--threads N] [--requests N]",
            "  --db FILE       SQLite file to (re)create, default target/demo/shop.db",
            "  --threads N     concurrent clients, default 8",
            "  --requests N    requests per client in each measured run, default 1000");

    public static DemoSettings defaults() {
        return new DemoSettings(Path.of("target", "demo", "shop.db"), ShopSize.DEMO, 8, 1000, 200);
    }

    /** Section 4's workload size: a fifth of the advisor's full shop (40,000 orders). */
    double adviceScale() {
        return size == ShopSize.DEMO ? 0.2 : 0.1;
    }

    /** Section 4's executions factor of every shape. */
    double adviceRuns() {
        return size == ShopSize.DEMO ? 0.5 : 0.3;
    }

    public DemoSettings {
        if (threads < 1 || requestsPerThread < 1 || warmupPerThread < 0) {
            throw new IllegalArgumentException("threads and requests must be at least 1, warm-up at least 0");
        }
    }

    /**
     * Reads {@code --db}, {@code --threads} and {@code --requests} over the defaults.
     *
     * @throws IllegalArgumentException naming the argument that is unknown, lacks a value or is not a
     *                                  positive number
     */
    public static DemoSettings parse(String[] args) {
        DemoSettings settings = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of("--db", "--threads", "--requests").contains(name)) {
                throw new IllegalArgumentException("Unknown argument '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            settings = switch (name) {
                case "--db" -> new DemoSettings(Path.of(value), settings.size, settings.threads,
                        settings.requestsPerThread, settings.warmupPerThread);
                case "--threads" -> new DemoSettings(settings.database, settings.size, positive(name, value),
                        settings.requestsPerThread, settings.warmupPerThread);
                case "--requests" -> new DemoSettings(settings.database, settings.size, settings.threads,
                        positive(name, value), settings.warmupPerThread);
                default -> throw new IllegalStateException(name);
            };
        }
        return settings;
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a whole number of at least 1, got '" + value + "'");
    }
}
