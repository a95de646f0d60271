package org.jdbcoptimizer.cli;

import static org.jdbcoptimizer.analyze.SlowQueryLogSchema.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the slow-query log says about one statement shape (one {@code fingerprintId}): its
 * durations (kept, so percentiles are exact), rows, errors, and its plan findings, N+1 bursts and
 * lints, each deduplicated. Not thread-safe.
 */
final class ShapeStats {

    /** A plan finding and the numbers of its latest occurrence. */
    static final class Finding {
        final String kind;
        final String node;
        final String detail;
        Map<String, Object> numbers = Map.of();
        int seen;

        Finding(String kind, String node, String detail) {
            this.kind = kind;
            this.node = node;
            this.detail = detail;
        }
    }

    /** A lint and how often it was seen. */
    record Lint(String kind, String message, String fix) {
    }

    final String fingerprintId;
    private String fingerprint;
    private String kind;
    private double[] durations = new double[8];
    private int calls;
    private double totalMs;
    private long rowsTotal;
    private int rowsKnown;
    private int errors;
    private String lastError;
    final Map<List<String>, Finding> findings = new LinkedHashMap<>();
    final Map<Lint, Integer> lints = new LinkedHashMap<>();
    private int nPlusOneBursts;
    private long nPlusOneMaxCount;
    private double nPlusOneTotalMs;
    final Set<String> nPlusOneCallSites = new LinkedHashSet<>();
    private double[] sorted;

    ShapeStats(String fingerprintId) {
        this.fingerprintId = fingerprintId;
    }

    /** Adds one event, already checked to have a fingerprintId and a numeric durationMs. */
    void add(Map<String, Object> event) {
        fingerprint = firstText(event.get(FINGERPRINT), event.get(SQL), fingerprint);
        kind = firstText(event.get(KIND), kind);
        // N+1 runs and lint notices describe the shape but are not executions of it.
        boolean execution = !(event.get(EVENT) instanceof String type) || type.equals(EVENT_STATEMENT);
        if (execution) {
            double duration = ((Number) event.get(DURATION_MS)).doubleValue();
            if (calls == durations.length) {
                durations = Arrays.copyOf(durations, calls * 2);
            }
            durations[calls++] = duration;
            totalMs += duration;
            sorted = null;
        }
        if (execution && event.get(ROWS) instanceof Number rows && rows.longValue() >= 0) {
            rowsTotal += rows.longValue();
            rowsKnown++;
        }
        if (event.get(ERROR) instanceof Map<?, ?> error) {
            errors++;
            lastError = String.join(" ", nonNull(text(error.get(ERROR_SQL_STATE)), text(error.get(ERROR_MESSAGE))));
        }
        if (event.get(PLAN) instanceof Map<?, ?> plan && plan.get(PLAN_FINDINGS) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> finding) {
                    addFinding(finding);
                }
            }
        }
        if (event.get(LINTS) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> lint) {
                    lints.merge(new Lint(text(lint.get(LINT_KIND)), text(lint.get(LINT_MESSAGE)),
                            text(lint.get(LINT_FIX))), 1, Integer::sum);
                }
            }
        }
        if (event.get(N_PLUS_ONE) instanceof Map<?, ?> burst) {
            nPlusOneBursts++;
            if (burst.get(N_PLUS_ONE_COUNT) instanceof Number count) {
                nPlusOneMaxCount = Math.max(nPlusOneMaxCount, count.longValue());
            }
            if (burst.get(N_PLUS_ONE_TOTAL_MS) instanceof Number total) {
                nPlusOneTotalMs += total.doubleValue();
            }
            String site = firstText(burst.get(N_PLUS_ONE_CALL_SITE), event.get(CALL_SITE));
            if (site != null) {
                nPlusOneCallSites.add(site);
            }
        }
    }

    private void addFinding(Map<?, ?> finding) {
        String findingKind = text(finding.get(FINDING_KIND));
        String node = text(finding.get(FINDING_NODE));
        String detail = text(finding.get(FINDING_DETAIL));
        Finding known = findings.computeIfAbsent(Arrays.asList(findingKind, node, detail),
                key -> new Finding(findingKind, node, detail));
        known.seen++;
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : finding.entrySet()) {
            if (entry.getValue() instanceof Number) {
                numbers.put(String.valueOf(entry.getKey()), entry.getValue());
            }
        }
        known.numbers = numbers;
    }

    String fingerprint() {
        return fingerprint == null ? "(no fingerprint or sql)" : fingerprint;
    }

    String kind() {
        return kind;
    }

    int calls() {
        return calls;
    }

    double totalMs() {
        return totalMs;
    }

    double meanMs() {
        return calls == 0 ? 0 : totalMs / calls;
    }

    double maxMs() {
        return percentileMs(100);
    }

    /** The nearest-rank percentile: the smallest duration with at least p% of the calls at or below it. */
    double percentileMs(double percent) {
        if (calls == 0) {
            return 0; // only N+1 or lint events for this shape
        }
        if (sorted == null) {
            sorted = Arrays.copyOf(durations, calls);
            Arrays.sort(sorted);
        }
        int rank = (int) Math.ceil(percent / 100.0 * calls);
        return sorted[Math.max(0, Math.min(calls, rank) - 1)];
    }

    long rowsTotal() {
        return rowsTotal;
    }

    /** Calls whose row count was known (not -1). */
    int rowsKnown() {
        return rowsKnown;
    }

    int errors() {
        return errors;
    }

    String lastError() {
        return lastError;
    }

    int nPlusOneBursts() {
        return nPlusOneBursts;
    }

    long nPlusOneMaxCount() {
        return nPlusOneMaxCount;
    }

    double nPlusOneTotalMs() {
        return nPlusOneTotalMs;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String firstText(Object... values) {
        for (Object value : values) {
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static List<String> nonNull(String... parts) {
        return Arrays.stream(parts).filter(part -> part != null && !part.isEmpty()).toList();
    }
}
