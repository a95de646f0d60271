package org.jdbcoptimizer.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which JDBC URLs the agent wraps: a URL is wrapped when it matches an include pattern and no
 * exclude pattern. A pattern is a glob in which {@code *} matches any text (every other character,
 * {@code ?} included, stands for itself, since URLs are full of them), or {@code regex:} followed
 * by a Java regular expression that must match the whole URL.
 *
 * <p>Thread-safe: immutable.
 */
final class UrlFilter {

    static final String ACCEPTED = "comma-separated patterns: globs where * matches any text"
            + " (e.g. jdbc:postgresql://db1/*), or regex:<Java regular expression>";

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    UrlFilter(List<Pattern> include, List<Pattern> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    boolean wraps(String url) {
        if (url == null) {
            return false;
        }
        return matchesAny(include, url) && !matchesAny(exclude, url);
    }

    private static boolean matchesAny(List<Pattern> patterns, String url) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(url).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a comma-separated list of patterns.
     *
     * @throws IllegalArgumentException naming the pattern that is not a valid regular expression
     */
    static List<Pattern> parse(String text) {
        List<Pattern> patterns = new ArrayList<>();
        for (String part : text.split(",")) {
            String pattern = part.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("regex:")) {
                try {
                    patterns.add(Pattern.compile(pattern.substring("regex:".length())));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("'" + pattern + "' is not a valid regular expression ("
                            + e.getDescription() + ")", e);
                }
            } else {
                patterns.add(glob(pattern));
            }
        }
        return patterns;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            regex.append(Pattern.quote(glob.substring(start, star))).append(".*");
            start = star + 1;
        }
        regex.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
