package org.jdbcoptimizer.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** One subcommand of {@link Main}. Implementations keep no state between runs. */
interface Command {

    /** The word that selects it, e.g. {@code report}. */
    String name();

    /** Its arguments as shown in the usage, e.g. {@code <log file> [--top N]}. */
    String arguments();

    /** What it does, one or two lines for the usage. */
    String description();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param env  the environment (for the terminal's width)
     * @return the exit code: {@link Main#OK} or {@link Main#FAILED}
     * @throws UsageException when the arguments are wrong; {@link Main} prints the usage and exits
     *     with {@link Main#USAGE}
     */
    int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws UsageException;
}
