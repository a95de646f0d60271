package org.jdbcoptimizer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.advisor.IndexImpact;
import org.jdbcoptimizer.advisor.IndexImpactReport;
import org.jdbcoptimizer.advisor.IndexImpactResult;
import org.jdbcoptimizer.advisor.WorkloadFile;

/**
 * {@code impact --url <jdbc url> --index "<create index ...>" (--sql "<statement>" [--param v ...] |
 * --workload <file>) [--repeat N]}: a statement, or every shape of a workload file, with and
 * without one index (HypoPG costs on PostgreSQL, measured times in a rolled-back transaction on
 * SQLite); see {@link IndexImpact}.
 */
final class ImpactCommand implements Command {

    @Override
    public String name() {
        return "impact";
    }

    @Override
    public String arguments() {
        return "--url <jdbc url> --index \"<create index ...>\" (--sql \"<statement>\" [--param <value>]... "
                + "| --workload <file>) [--repeat N]";
    }

    @Override
    public String description() {
        return "Run a statement, or each shape of a workload file, with and without an index and print the\n"
                + "difference: planner cost with a HypoPG hypothetical index on PostgreSQL (nothing is built),\n"
                + "measured time with the index built in a rolled-back transaction on SQLite (--repeat runs,\n"
                + "median; default 5). --param values bind to the ? markers in order (whole numbers as numbers).\n"
                + "The database's JDBC driver must be on the classpath:\n"
                + "java -cp jdbc-optimizer.jar:postgresql.jar org.jdbcoptimizer.cli.Main impact ...";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env)
            throws UsageException {
        String url = null;
        String index = null;
        String sql = null;
        String workloadFile = null;
        int repeat = 5;
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--url" -> url = value(args, ++i, arg);
                case "--index" -> index = value(args, ++i, arg);
                case "--sql" -> sql = value(args, ++i, arg);
                case "--param" -> params.add(literal(value(args, ++i, arg)));
                case "--workload" -> workloadFile = value(args, ++i, arg);
                case "--repeat" -> repeat = positive(value(args, ++i, arg));
                default -> throw new UsageException(arg.startsWith("--") ? "unknown option " + arg
                        : "unexpected argument '" + arg + "' (quote the statement and the index)");
            }
        }
        if (url == null) {
            throw new UsageException("--url is required, e.g. --url jdbc:postgresql://127.0.0.1:5432/app");
        }
        if (index == null) {
            throw new UsageException("--index is required, e.g. --index \"create index on orders (customer_id)\"");
        }
        if ((sql == null) == (workloadFile == null)) {
            throw new UsageException("give either --sql \"<statement>\" or --workload <file>, not both or neither");
        }
        if (workloadFile != null && !params.isEmpty()) {
            throw new UsageException("--param goes with --sql; a workload draws its own parameters");
        }
        return measure(url, index, sql, params, workloadFile, repeat, out, err);
    }

    private static int measure(String url, String index, String sql, List<Object> params, String workloadFile,
            int repeat, PrintStream out, PrintStream err) {
        WorkloadFile workload;
        try {
            workload = workloadFile == null ? null : WorkloadFile.read(Path.of(workloadFile));
        } catch (IOException e) {
            err.println("cannot read the workload file " + workloadFile + ": " + e.getMessage());
            return Main.FAILED;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            List<IndexImpactResult> results = workload == null
                    ? List.of(IndexImpact.ofStatement(connection, index, sql, params, repeat))
                    : IndexImpact.ofWorkload(connection, index, workload, repeat);
            out.print(IndexImpactReport.format(index, results));
            return Main.OK;
        } catch (SQLException e) {
            err.println(e.getMessage());
            if ("08001".equals(e.getSQLState()) || String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
                err.println("Is the database's JDBC driver on the classpath? java -cp jdbc-optimizer.jar:<driver>.jar"
                        + " org.jdbcoptimizer.cli.Main impact ...");
            }
            return Main.FAILED;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--repeat needs a whole number of at least 1, got '" + value + "'");
    }

    /** A whole number as a Long, a decimal as a BigDecimal, anything else as text. */
    static Object literal(String value) {
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(value);
        }
        return value;
    }
}
