package org.jdbcoptimizer.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code jdbc:optimizer:} URL split into the real driver's URL and the optimizer's own
 * parameters. The prefix is removed once ({@code jdbc:optimizer:postgresql://h/db} becomes
 * {@code jdbc:postgresql://h/db}); every {@code optimizer.*} query parameter is taken out so the
 * real driver never sees an option it does not know.
 */
public final class OptimizerUrl {

    /** The prefix that marks our URLs; {@code Driver.acceptsURL} is true exactly for these. */
    public static final String PREFIX = "jdbc:optimizer:";

    private static final Pattern SUBPROTOCOL = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:.*", Pattern.DOTALL);
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|sslpassword|secret)[^=&;]*=)[^&;]*");

    private final String targetUrl;
    private final Map<String, String> optimizerParameters;

    private OptimizerUrl(String targetUrl, Map<String, String> optimizerParameters) {
        this.targetUrl = targetUrl;
        this.optimizerParameters = Collections.unmodifiableMap(optimizerParameters);
    }

    /** True when the URL is one of ours. Cheap: used by {@code acceptsURL} on every DriverManager lookup. */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * Splits a URL.
     *
     * @throws OptimizerConfigException when the URL is not ours or has no real subprotocol
     */
    public static OptimizerUrl parse(String url) throws OptimizerConfigException {
        if (!accepts(url)) {
            throw new OptimizerConfigException("Not a jdbc-optimizer URL: '" + redact(url)
                    + "'. Expected " + PREFIX + "<database>:..., e.g. jdbc:optimizer:postgresql://127.0.0.1:5432/app"
                    + " or jdbc:optimizer:sqlite:app.db");
        }
        String rest = url.substring(PREFIX.length());
        if (!SUBPROTOCOL.matcher(rest).matches()) {
            throw new OptimizerConfigException("Malformed jdbc-optimizer URL: '" + redact(url)
                    + "': after '" + PREFIX + "' comes the real driver's URL without its 'jdbc:', e.g. "
                    + "jdbc:optimizer:postgresql://127.0.0.1:5432/app or jdbc:optimizer:sqlite:app.db");
        }
        if (rest.regionMatches(true, 0, "optimizer:", 0, "optimizer:".length())) {
            throw new OptimizerConfigException("Malformed jdbc-optimizer URL: '" + redact(url)
                    + "' names the optimizer twice; use a single " + PREFIX + " prefix");
        }
        int query = rest.indexOf('?');
        if (query < 0) {
            return new OptimizerUrl("jdbc:" + rest, Map.of());
        }
        Map<String, String> ours = new LinkedHashMap<>();
        StringBuilder kept = new StringBuilder();
        for (String parameter : rest.substring(query + 1).split("&", -1)) {
            if (parameter.regionMatches(true, 0, Option.PREFIX, 0, Option.PREFIX.length())) {
                int equals = parameter.indexOf('=');
                if (equals < 0) {
                    throw new OptimizerConfigException("Malformed URL parameter '" + parameter + "' in '"
                            + redact(url) + "': write " + parameter + "=<value>");
                }
                String key = decode(parameter.substring(0, equals), url);
                ours.put(key.substring(Option.PREFIX.length()), decode(parameter.substring(equals + 1), url));
            } else if (!parameter.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(parameter);
            }
        }
        String target = "jdbc:" + rest.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
        return new OptimizerUrl(target, ours);
    }

    private static String decode(String text, String url) throws OptimizerConfigException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OptimizerConfigException("Malformed percent-encoding in '" + text + "' in URL '"
                    + redact(url) + "'");
        }
    }

    /** The URL for the real driver: ours without the prefix and without optimizer parameters. */
    public String targetUrl() {
        return targetUrl;
    }

    /** The optimizer parameters from the query string, by option name without prefix. */
    public Map<String, String> optimizerParameters() {
        return optimizerParameters;
    }

    /** The real database's subprotocol in lower case, e.g. {@code postgresql} or {@code sqlite}. */
    public String subprotocol() {
        return targetUrl.substring("jdbc:".length(), targetUrl.indexOf(':', "jdbc:".length()))
                .toLowerCase(Locale.ROOT);
    }

    /** A URL fit for a message or a log: password-like parameter values replaced. */
    public static String redact(String url) {
        return url == null ? "null" : SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return redact(targetUrl);
    }
}
