package org.jdbcoptimizer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.advisor.Advice;

/**
 * {@code advise [advice file]}: reads the advice log (and its rotated files, oldest first) and
 * prints the latest advice of each database: the ranked index suggestions with their evidence,
 * droppable existing indexes, predicates no B-tree serves, and what could not be checked.
 */
final class AdviseCommand implements Command {

    static final String DEFAULT_FILE = "jdbc-optimizer/advice.jsonl";

    @Override
    public String name() {
        return "advise";
    }

    @Override
    public String arguments() {
        return "[advice file]";
    }

    @Override
    public String description() {
        return "Print the latest index advice of each database from the advice log (default " + DEFAULT_FILE + "):\n"
                + "suggested indexes with the shapes they serve, calls, time, plan cost and node before and after,\n"
                + "size and write overhead; droppable existing indexes; predicates no B-tree index serves.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env)
            throws UsageException {
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("--"))) {
            throw new UsageException(args.size() > 1 ? "give at most one advice file" : "unknown option " + args.get(0));
        }
        Path path = Path.of(args.isEmpty() ? DEFAULT_FILE : args.get(0));
        String prefix = "jdbc-optimizer advise: ";
        if (!Files.isRegularFile(path)) {
            err.println(prefix + path + ": no such file (the application writes it while it runs on jdbc:optimizer:,"
                    + " see optimizer.advisor.file)");
            return Main.FAILED;
        }
        AdviceLog log;
        try {
            log = AdviceLog.read(path);
        } catch (IOException e) {
            err.println(prefix + "cannot read " + path + ": " + e);
            return Main.FAILED;
        }
        Map<String, Advice> latest = log.latest();
        int runs = log.runs();
        int skipped = log.skipped();
        if (latest.isEmpty()) {
            err.println(prefix + path + " holds no advice" + (skipped > 0 ? " (" + skipped + " lines are not advice)" : ""));
            return Main.FAILED;
        }
        if (skipped > 0) {
            err.println("warning: skipped " + skipped + " line" + (skipped == 1 ? "" : "s") + " that are not advice");
        }
        out.printf("Index advice from %s: %d run%s, the latest of each database below.%n", path, runs,
                runs == 1 ? "" : "s");
        AdvicePrinter printer = new AdvicePrinter(out);
        for (Advice advice : latest.values()) {
            printer.print(advice);
        }
        return Main.OK;
    }
}
