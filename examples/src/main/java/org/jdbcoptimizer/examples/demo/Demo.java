package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;

/**
 * The demo: builds a fresh shop in an SQLite file, then runs each {@link DemoSection} on it in turn
 * and prints what it measured. Everything printed is measured in this run; nothing is canned.
 */
public final class Demo {

    private final DemoSettings settings;
    private final PrintStream out;

    public Demo(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the demo with command-line arguments.
     *
     * @return the process exit status: 0 on success, 2 for bad arguments
     */
    public static int run(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(DemoSettings.USAGE);
            return 0;
        }
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoSettings.USAGE);
            return 2;
        }
        new Demo(settings, System.out).run();
        return 0;
    }

    /** Loads the shop and runs every section. */
    public void run() throws Exception {
        out.println("jdbc-optimizer demo: a small shop on embedded SQLite");
        out.println("Database: " + settings.database() + " (recreated on every run)");
        out.println();
        out.println("Loading the shop");
        long start = System.nanoTime();
        ShopDatabase shop = ShopDatabase.create(settings.database(), settings.size(), out);
        out.println("  loaded in " + Units.duration(System.nanoTime() - start));

        List<DemoSection> sections = List.of(new PoolScenario(settings), new SlowQueryScenario(),
                new CacheScenario(settings), new IndexAdviceScenario(settings.adviceScale(), settings.adviceRuns()));
        try {
            for (int i = 0; i < sections.size(); i++) {
                DemoSection section = sections.get(i);
                out.println();
                out.println((i + 1) + ". " + section.title());
                out.println();
                section.run(shop, out);
            }
        } finally {
            OptimizerDriver.closePools();
        }
    }
}
