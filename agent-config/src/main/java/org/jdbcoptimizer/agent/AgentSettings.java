package org.jdbcoptimizer.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jdbcoptimizer.AgentConnections;
import org.jdbcoptimizer.config.OptimizerConfigException;

/**
 * The agent's configuration: the agent argument ({@code config=/path/optimizer-agent.properties})
 * and that file. Keys {@code agent.*} choose what is instrumented and wrapped; keys
 * {@code optimizer.*} are the driver's options, applied to every wrapped connection. Every problem
 * is collected (not just the first), so one start-up shows them all.
 *
 * <p>Thread-safe: immutable.
 */
final class AgentSettings {

    static final String INCLUDE = "agent.include";
    static final String EXCLUDE = "agent.exclude";
    static final String DRIVERS = "agent.drivers";
    static final String REPORT = "agent.report";

    /** Wrapped by default: every URL the instrumented drivers accept. */
    static final String DEFAULT_INCLUDE = "*";

    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final String source;
    private final UrlFilter urls;
    private final List<String> extraDrivers;
    private final Path report;
    private final Map<String, String> options;

    private AgentSettings(String source, UrlFilter urls, List<String> extraDrivers, Path report,
                          Map<String, String> options) {
        this.source = source;
        this.urls = urls;
        this.extraDrivers = List.copyOf(extraDrivers);
        this.report = report;
        this.options = Map.copyOf(options);
    }

    /**
     * Reads the settings from the agent argument and the file it names.
     *
     * @param agentArgs what follows {@code =} in {@code -javaagent:jar=...}; null or empty for defaults
     * @throws AgentConfigException listing every problem, each with key, value and what is accepted
     */
    static AgentSettings load(String agentArgs) throws AgentConfigException {
        String file = null;
        List<String> problems = new ArrayList<>();
        if (agentArgs != null && !agentArgs.isBlank()) {
            for (String argument : agentArgs.split(",")) {
                String trimmed = argument.trim();
                if (trimmed.startsWith("config=") && trimmed.length() > "config=".length()) {
                    file = trimmed.substring("config=".length());
                } else if (!trimmed.isEmpty()) {
                    problems.add("Unknown agent argument '" + trimmed
                            + "': accepted config=<path of an optimizer-agent.properties file>");
                }
            }
        }
        Map<String, String> entries = file == null ? Map.of() : read(file, problems);
        String source = file == null ? "agent defaults" : "agent file " + file;
        AgentSettings settings = parse(entries, source, problems);
        if (!problems.isEmpty()) {
            throw new AgentConfigException(problems);
        }
        return settings;
    }

    /** Parses the file's entries; problems are added to {@code problems}. */
    static AgentSettings parse(Map<String, String> entries, String source, List<String> problems) {
        String include = DEFAULT_INCLUDE;
        String exclude = "";
        String drivers = "";
        String report = "";
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue().trim();
            switch (key) {
                case INCLUDE -> include = value;
                case EXCLUDE -> exclude = value;
                case DRIVERS -> drivers = value;
                case REPORT -> report = value;
                default -> {
                    if (key.startsWith("optimizer.")) {
                        options.put(key, value);
                    } else {
                        problems.add("Unknown key '" + key + "' (value '" + value + "', from " + source
                                + "): accepted " + INCLUDE + ", " + EXCLUDE + ", " + DRIVERS + ", " + REPORT
                                + " or an optimizer.* option listed in the README");
                    }
                }
            }
        }
        List<Pattern> included = patterns(INCLUDE, include, source, problems);
        List<Pattern> excluded = patterns(EXCLUDE, exclude, source, problems);
        List<String> extraDrivers = new ArrayList<>();
        for (String name : drivers.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (CLASS_NAME.matcher(trimmed).matches()) {
                extraDrivers.add(trimmed);
            } else {
                problems.add("Invalid value '" + drivers + "' for " + DRIVERS + " (from " + source + "): '" + trimmed
                        + "' is not a class name; accepted comma-separated java.sql.Driver class names"
                        + " (e.g. org.mariadb.jdbc.Driver)");
            }
        }
        Path reportPath = null;
        if (!report.isEmpty()) {
            try {
                reportPath = Paths.get(report).toAbsolutePath();
            } catch (InvalidPathException e) {
                problems.add("Invalid value '" + report + "' for " + REPORT + " (from " + source
                        + "): accepted a file path, or nothing for no report (" + e.getReason() + ")");
            }
        }
        checkOptions(options, source, problems);
        return new AgentSettings(source, new UrlFilter(included, excluded), extraDrivers, reportPath, options);
    }

    /**
     * Checks each option on its own, so that every bad one is reported, then all together (rules
     * between options). A problem of another source (an unknown OPTIMIZER_* environment variable)
     * is reported once, not once per option.
     */
    private static void checkOptions(Map<String, String> options, String source, List<String> problems) {
        Set<String> messages = new LinkedHashSet<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            try {
                AgentConnections.checkOptions(Map.of(option.getKey(), option.getValue()), source);
            } catch (OptimizerConfigException e) {
                messages.add(e.getMessage());
            }
        }
        if (messages.isEmpty()) {
            try {
                AgentConnections.checkOptions(options, source);
            } catch (OptimizerConfigException e) {
                messages.add(e.getMessage());
            }
        }
        problems.addAll(messages);
    }

    private static List<Pattern> patterns(String key, String value, String source, List<String> problems) {
        try {
            return UrlFilter.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add("Invalid value '" + value + "' for " + key + " (from " + source + "): " + e.getMessage()
                    + "; accepted " + UrlFilter.ACCEPTED);
            return List.of();
        }
    }

    private static Map<String, String> read(String file, List<String> problems) {
        Path path;
        try {
            path = Paths.get(file);
        } catch (InvalidPathException e) {
            problems.add("Invalid agent argument config='" + file + "': not a file path (" + e.getReason() + ")");
            return Map.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("Cannot read the agent configuration config=" + file + " (" + e
                    + "): accepted the path of a readable optimizer-agent.properties file");
            return Map.of();
        }
        Map<String, String> entries = new TreeMap<>(); // sorted: problems come in a stable order
        for (String key : properties.stringPropertyNames()) {
            entries.put(key.trim(), properties.getProperty(key));
        }
        return entries;
    }

    /** Where the settings came from ("agent file /path" or "agent defaults"), for messages. */
    String source() {
        return source;
    }

    UrlFilter urls() {
        return urls;
    }

    /** Driver classes named by {@code agent.drivers}, beyond PostgreSQL's and SQLite's. */
    List<String> extraDrivers() {
        return extraDrivers;
    }

    /** The statistics report written at exit, or null for none. */
    Path report() {
        return report;
    }

    /** The {@code optimizer.*} options for every wrapped connection. */
    Map<String, String> options() {
        return options;
    }
}
