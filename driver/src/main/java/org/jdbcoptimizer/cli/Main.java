package org.jdbcoptimizer.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver jar's entry point: {@code java -jar jdbc-optimizer.jar <command> [arguments]}.
 *
 * <p>Commands: {@code report <log file> [--top N] [--sort total|mean|p95|calls] [--width N]} ranks
 * the statement shapes of a slow-query log; {@code triggers <table>...} prints the cache bus's trigger
 * SQL; {@code advise [advice file]} prints the latest index advice; {@code help} prints the usage. Exit codes:
 * {@value #OK} success, {@value #FAILED} the input could not be used (a missing, empty or foreign
 * file: the message on stderr says which), {@value #USAGE} wrong arguments (the usage goes to
 * stderr).
 */
public final class Main {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the input could not be used; stderr says why. */
    public static final int FAILED = 1;
    /** Exit code: wrong arguments; stderr shows the usage. */
    public static final int USAGE = 2;

    private static final Map<String, Command> COMMANDS = commands(new ReportCommand(), new TriggersCommand(),
            new AdviseCommand(), new ImpactCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command in-process, as {@link #main} does, with the given streams.
     *
     * @param args the command line without {@code java -jar ...}
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0) {
            err.println("jdbc-optimizer: missing a command");
            err.print(usage());
            return USAGE;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            out.print(usage());
            return OK;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println("jdbc-optimizer: unknown command '" + name + "'");
            err.print(usage());
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return command.run(rest, out, err, env);
        } catch (UsageException e) {
            err.println("jdbc-optimizer " + name + ": " + e.getMessage());
            err.print(usage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("jdbc-optimizer " + name + ": unexpected error, please report it: " + e);
            e.printStackTrace(err);
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("Usage: java -jar jdbc-optimizer.jar <command> [arguments]\n\n");
        usage.append("Commands:\n");
        for (Command command : COMMANDS.values()) {
            usage.append("  ").append(command.name()).append(' ').append(command.arguments()).append('\n');
            for (String line : command.description().split("\n")) {
                usage.append("      ").append(line).append('\n');
            }
        }
        usage.append("  help\n      Show this help.\n\n");
        usage.append("Exit codes: 0 done, 1 the input could not be used, 2 wrong arguments.\n");
        return usage.toString();
    }

    private static Map<String, Command> commands(Command... commands) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command command : commands) {
            byName.put(command.name(), command);
        }
        return byName;
    }
}
