package org.jdbcoptimizer.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the option sources. Precedence, first wins:
 * <ol>
 *   <li>URL parameters ({@code ?optimizer.pool.maxSize=5})</li>
 *   <li>connection properties passed to {@code connect} ({@code optimizer.*} keys)</li>
 *   <li>JVM system properties ({@code -Doptimizer.pool.maxSize=5})</li>
 *   <li>environment variables ({@code OPTIMIZER_POOL_MAXSIZE=5})</li>
 *   <li>the properties file: the path named by {@code optimizer.config} in any source above, else
 *       {@code optimizer.properties} on the classpath (keys with or without the prefix)</li>
 *   <li>defaults</li>
 * </ol>
 * An unknown option in any source is an error, so a typo never silently does nothing.
 */
final class ConfigLoader {

    static final String CLASSPATH_FILE = "optimizer.properties";

    private ConfigLoader() {
    }

    static OptimizerConfig load(OptimizerUrl url, Properties info) throws OptimizerConfigException {
        return load(url.optimizerParameters(), "URL parameter", info);
    }

    /**
     * @param explicit       the highest-precedence options (URL parameters, or a wrapped DataSource's options)
     * @param explicitSource how messages name where {@code explicit} came from
     */
    static OptimizerConfig load(Map<String, String> explicit, String explicitSource, Properties info)
            throws OptimizerConfigException {
        // Highest precedence first; each entry: option name -> raw text. Later layers only fill gaps.
        Map<String, Map<String, String>> layers = new LinkedHashMap<>();
        layers.put(explicitSource, explicit);
        layers.put("connection property", prefixed(info));
        layers.put("system property", prefixed(System.getProperties()));
        layers.put("environment variable", environment(System.getenv()));

        String configPath = null;
        for (Map<String, String> layer : layers.values()) {
            if (configPath == null) {
                configPath = layer.get(Options.CONFIG.name());
            }
        }
        layers.put(configPath == null ? "classpath " + CLASSPATH_FILE : "file " + configPath, file(configPath));

        Map<Option<?>, Object> values = new IdentityHashMap<>();
        Map<Option<?>, String> sources = new IdentityHashMap<>();
        for (Map.Entry<String, Map<String, String>> layer : layers.entrySet()) {
            for (Map.Entry<String, String> entry : layer.getValue().entrySet()) {
                Option<?> option = Options.ALL.get(entry.getKey());
                if (option == null) {
                    throw unknown(entry.getKey(), layer.getKey());
                }
                if (!values.containsKey(option)) {
                    values.put(option, option.parse(entry.getValue(), layer.getKey()));
                    sources.put(option, layer.getKey());
                }
            }
        }
        for (Option<?> option : Options.ALL.values()) {
            values.putIfAbsent(option, option.defaultValue());
        }
        OptimizerConfig config = new OptimizerConfig(values, sources);
        checkRelations(config);
        return config;
    }

    /** Rules that involve more than one option; each message names both. */
    private static void checkRelations(OptimizerConfig config) throws OptimizerConfigException {
        int minIdle = config.get(Options.POOL_MIN_IDLE);
        int maxSize = config.get(Options.POOL_MAX_SIZE);
        if (minIdle > maxSize) {
            throw new OptimizerConfigException(Options.POOL_MIN_IDLE.key() + "=" + minIdle + " (from "
                    + config.sourceOf(Options.POOL_MIN_IDLE) + ") is greater than " + Options.POOL_MAX_SIZE.key()
                    + "=" + maxSize + " (from " + config.sourceOf(Options.POOL_MAX_SIZE)
                    + "): accepted minIdle from 0 to maxSize");
        }
    }

    private static Map<String, String> prefixed(Properties properties) {
        Map<String, String> found = new LinkedHashMap<>();
        if (properties != null) {
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(Option.PREFIX)) {
                    found.put(key.substring(Option.PREFIX.length()), properties.getProperty(key));
                }
            }
        }
        return found;
    }

    static Map<String, String> environment(Map<String, String> env) throws OptimizerConfigException {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (Option<?> option : Options.ALL.values()) {
            byEnvName.put(option.environmentVariable(), option.name());
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : env.entrySet()) {
            if (entry.getKey().startsWith("OPTIMIZER_")) {
                String name = byEnvName.get(entry.getKey());
                if (name == null) {
                    throw unknown(entry.getKey(), "environment variable");
                }
                found.put(name, entry.getValue());
            }
        }
        return found;
    }

    private static Map<String, String> file(String path) throws OptimizerConfigException {
        Properties properties = new Properties();
        if (path != null) {
            Path file = Paths.get(path);
            if (!Files.isReadable(file)) {
                throw new OptimizerConfigException("Cannot read the configuration file '" + path + "' named by "
                        + Options.CONFIG.key() + ": it does not exist or is not readable");
            }
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new OptimizerConfigException("Cannot read the configuration file '" + path + "': " + e);
            }
        } else {
            InputStream in = resource();
            if (in == null) {
                return Map.of();
            }
            try (in) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new OptimizerConfigException("Cannot read " + CLASSPATH_FILE + " from the classpath: " + e);
            }
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String name = key.startsWith(Option.PREFIX) ? key.substring(Option.PREFIX.length()) : key;
            if (name.equals(Options.CONFIG.name())) {
                continue; // a file cannot redirect to another file
            }
            found.put(name, properties.getProperty(key));
        }
        return found;
    }

    private static InputStream resource() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(CLASSPATH_FILE);
        return in != null ? in : ConfigLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_FILE);
    }

    private static OptimizerConfigException unknown(String name, String source) {
        String shown = source.equals("environment variable") ? name : Option.PREFIX + name;
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (Option<?> option : Options.ALL.values()) {
            String candidate = source.equals("environment variable") ? option.environmentVariable() : option.key();
            int distance = distance(shown.toLowerCase(), candidate.toLowerCase());
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        String hint = best <= 3 ? " Did you mean " + closest + "?" : "";
        return new OptimizerConfigException("Unknown option " + shown + " (from " + source + ")." + hint
                + " The README lists every option.");
    }

    /** Levenshtein distance, for the "did you mean" hint; option names are short. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
