package org.jdbcoptimizer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed arguments of {@code report}.
 *
 * @param file    the log file
 * @param top     how many shapes to show, at least 1
 * @param sort    the ranking measure
 * @param columns the terminal's width, or 0 when unknown
 * @param advice  the advice log given with {@code --advice}, or null to look for
 *                {@value AdviceLog#DEFAULT_NAME} next to the log file
 */
record ReportOptions(Path file, int top, ReportCommand.Sort sort, int columns, Path advice) {

    /** Narrowest terminal width accepted by {@code --width}. */
    static final int MIN_WIDTH = 60;

    static ReportOptions parse(List<String> args, Map<String, String> env) throws UsageException {
        Path file = null;
        int top = ReportCommand.DEFAULT_TOP;
        ReportCommand.Sort sort = ReportCommand.Sort.TOTAL;
        int columns = columnsFrom(env.get("COLUMNS"));
        Path advice = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--top" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    top = positive(name, value, 1);
                }
                case "--sort" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    sort = sortNamed(value);
                }
                case "--width" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    columns = positive(name, value, MIN_WIDTH);
                }
                case "--advice" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    advice = Path.of(value);
                }
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    if (file != null) {
                        throw new UsageException("one log file expected, got '" + file + "' and '" + arg + "'");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new UsageException("missing the log file, e.g. report logs/slow.jsonl");
        }
        return new ReportOptions(file, top, sort, columns, advice);
    }

    private static String valueAfter(List<String> args, int index, String name) throws UsageException {
        if (index + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        return args.get(index + 1);
    }

    private static int positive(String name, String value, int min) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " needs a whole number of at least " + min + ", got '" + value + "'");
    }

    private static ReportCommand.Sort sortNamed(String value) throws UsageException {
        for (ReportCommand.Sort sort : ReportCommand.Sort.values()) {
            if (sort.name().equalsIgnoreCase(value)) {
                return sort;
            }
        }
        throw new UsageException("--sort needs one of total, mean, p95, calls; got '" + value + "'");
    }

    /** The width in {@code $COLUMNS} when it is a sensible number, else 0 (unknown). */
    private static int columnsFrom(String text) {
        if (text == null) {
            return 0;
        }
        try {
            int columns = Integer.parseInt(text.trim());
            return columns >= MIN_WIDTH && columns <= 10_000 ? columns : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "report %s --top %d --sort %s --width %d%s", file, top,
                sort.name().toLowerCase(Locale.ROOT), columns, advice == null ? "" : " --advice " + advice);
    }
}
