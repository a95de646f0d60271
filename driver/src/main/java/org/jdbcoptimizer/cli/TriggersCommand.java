package org.jdbcoptimizer.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.cache.bus.BusSettings;
import org.jdbcoptimizer.cache.bus.PostgresTriggers;

/**
 * {@code triggers <table>...} prints the SQL that makes writes made outside the optimizer (psql,
 * other services) notify the result cache's PostgreSQL bus, for a DBA to review and run; with
 * {@code --uninstall}, the SQL that removes them. The optimizer never installs them by itself.
 */
final class TriggersCommand implements Command {

    @Override
    public String name() {
        return "triggers";
    }

    @Override
    public String arguments() {
        return "[--uninstall] <table> [<table>...]";
    }

    @Override
    public String description() {
        return "Print the SQL of the triggers that make external writes to these PostgreSQL tables notify the\n"
                + "      result cache (optimizer.cache.bus=postgres). Review it, then run it with psql.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env)
            throws UsageException {
        boolean uninstall = false;
        List<String> tables = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--uninstall")) {
                uninstall = true;
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            } else {
                tables.add(arg);
            }
        }
        if (tables.isEmpty()) {
            throw new UsageException("name at least one table");
        }
        try {
            out.println(uninstall ? PostgresTriggers.uninstallScript(tables)
                    : PostgresTriggers.installScript(BusSettings.DEFAULT_POSTGRES_CHANNEL, tables));
            return Main.OK;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
    }
}
