package org.jdbcoptimizer.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The validated, immutable set of option values for one URL and set of properties. Built by
 * {@link #load(String, Properties)}; every option not given anywhere has its default.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class OptimizerConfig {

    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, String> sources;

    OptimizerConfig(Map<Option<?>, Object> values, Map<Option<?>, String> sources) {
        this.values = Collections.unmodifiableMap(new IdentityHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new IdentityHashMap<>(sources));
    }

    /** The configuration with every option at its default, ignoring files and environment. */
    public static OptimizerConfig defaults() {
        Map<Option<?>, Object> values = new IdentityHashMap<>();
        for (Option<?> option : Options.ALL.values()) {
            values.put(option, option.defaultValue());
        }
        return new OptimizerConfig(values, Map.of());
    }

    /**
     * Reads the options for a {@code jdbc:optimizer:} URL from every source, in precedence order
     * (first wins): URL parameters, connection properties, system properties, environment
     * variables, the properties file, defaults.
     *
     * @param optimizerUrl the URL the application gave
     * @param info         the connection properties (may be null)
     * @throws OptimizerConfigException on a malformed URL, an unknown option or a bad value
     */
    public static OptimizerConfig load(String optimizerUrl, Properties info) throws OptimizerConfigException {
        return ConfigLoader.load(OptimizerUrl.parse(optimizerUrl), info);
    }

    /**
     * Reads the options when there is no URL (a wrapped DataSource): {@code explicit} takes the place
     * of URL parameters, by option name with or without the {@code optimizer.} prefix.
     *
     * @throws OptimizerConfigException on an unknown option or a bad value
     */
    public static OptimizerConfig load(java.util.Map<String, String> explicit, Properties info)
            throws OptimizerConfigException {
        return load(explicit, "DataSource option", info);
    }

    /**
     * Like {@link #load(java.util.Map, Properties)}, with messages naming where {@code explicit}
     * came from (e.g. "agent file /etc/app/optimizer-agent.properties").
     *
     * @throws OptimizerConfigException on an unknown option or a bad value
     */
    public static OptimizerConfig load(java.util.Map<String, String> explicit, String explicitSource, Properties info)
            throws OptimizerConfigException {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        explicit.forEach((key, value) -> byName.put(
                key.startsWith(Option.PREFIX) ? key.substring(Option.PREFIX.length()) : key, value));
        return ConfigLoader.load(byName, explicitSource, info);
    }

    /** The value of an option: the configured one, else its default (null only for options without one). */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return (T) values.get(option);
    }

    /** Where an option's value came from ("default", "URL parameter", ...), for diagnostics. */
    public String sourceOf(Option<?> option) {
        return sources.getOrDefault(option, "default");
    }

    /**
     * A stable text of every option whose name starts with {@code prefix}, used as part of a
     * pool's identity: two configs with equal pool options share a pool.
     */
    public String fingerprintOf(String prefix) {
        StringJoiner joiner = new StringJoiner(",");
        for (Option<?> option : Options.ALL.values()) {
            if (option.name().startsWith(prefix)) {
                joiner.add(option.name() + '=' + Option.formatValue(values.get(option)));
            }
        }
        return joiner.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerConfig && values.equals(((OptimizerConfig) o).values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "OptimizerConfig[", "]");
        for (Option<?> option : Options.ALL.values()) {
            Object value = values.get(option);
            if (!Objects.equals(value, option.defaultValue())) {
                joiner.add(option.key() + '=' + Option.formatValue(value));
            }
        }
        return joiner.toString();
    }
}
