package org.jdbcoptimizer.examples;

import java.util.Arrays;

import org.jdbcoptimizer.examples.advisor.AdvisorQuality;
import org.jdbcoptimizer.examples.bench.IdleConnectionMemory;
import org.jdbcoptimizer.examples.demo.Demo;

/**
 * Entry point of {@code jdbc-optimizer-examples.jar}: the first argument picks the program, the rest
 * are passed on to it. Without a command (or with only options) the demo runs.
 */
public final class Main {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar jdbc-optimizer-examples.jar [command] [arguments]",
            "",
            "  demo   [--db FILE] [--threads N] [--requests N]",
            "         the shop demo on embedded SQLite (the default command)",
            "  bench  [JMH arguments]",
            "         the JMH benchmarks against PostgreSQL, e.g. bench PoolCycleBenchmark -t 4; bench -h for JMH's help",
            "  advisor-quality [--pg URL | --no-pg] [--sqlite FILE | --no-sqlite] [--scale X] [--runs X]",
            "         the index advisor measured on the shipped shop workload (docs/ADVISOR.md)",
            "  memory [--connections N] [--rounds N]",
            "         retained heap per idle pooled connection, against PostgreSQL",
            "  help   this text",
            "",
            "bench and memory connect to jdbc:postgresql://127.0.0.1:5432/test?user=postgres unless",
            "-Dbench.url=<pgjdbc URL> is given before -jar.");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("--") ? "demo" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo" -> System.exit(Demo.run(rest));
            case "bench" -> org.openjdk.jmh.Main.main(rest);
            case "memory" -> System.exit(IdleConnectionMemory.run(rest));
            case "advisor-quality" -> System.exit(AdvisorQuality.run(rest));
            case "help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println("Unknown command '" + command + "'.");
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }
}
