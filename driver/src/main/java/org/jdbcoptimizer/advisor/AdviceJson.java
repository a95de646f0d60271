package org.jdbcoptimizer.advisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advice log's line format: one JSON object per advice, {@code "type": "advice"}, with the
 * fields of {@link Advice} and its records under their own names (numbers without a value, such
 * as SQLite's costs, are {@code null}). Reading accepts lines written by this version and ignores
 * unknown fields, so later versions may add some.
 */
public final class AdviceJson {

    /** The value of the {@code type} field of an advice line. */
    public static final String TYPE = "advice";
    static final int VERSION = 1;

    private AdviceJson() {
    }

    /** The advice as a JSON-ready map (for {@link org.jdbcoptimizer.util.Json#write}). */
    public static Map<String, Object> toMap(Advice advice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("version", VERSION);
        m.put("database", advice.database());
        m.put("at", advice.at().toString());
        m.put("proven", advice.proven());
        List<Object> suggestions = new ArrayList<>();
        for (IndexSuggestion s : advice.suggestions()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("table", s.table());
            o.put("columns", s.columns());
            o.put("includeColumns", s.includeColumns());
            o.put("where", s.where());
            o.put("ddl", s.ddl());
            List<Object> shapes = new ArrayList<>();
            for (ServedShape shape : s.shapes()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("fingerprintId", shape.fingerprintId());
                x.put("fingerprint", shape.fingerprint());
                x.put("calls", shape.calls());
                x.put("totalNanos", shape.totalNanos());
                x.put("costBefore", shape.costBefore());
                x.put("costAfter", shape.costAfter());
                shapes.add(x);
            }
            o.put("shapes", shapes);
            o.put("costBefore", s.costBefore());
            o.put("costAfter", s.costAfter());
            o.put("nodeBefore", s.nodeBefore());
            o.put("nodeAfter", s.nodeAfter());
            o.put("estimatedBytes", s.estimatedBytes());
            o.put("writesPerSecond", s.writesPerSecond());
            o.put("proven", s.proven());
            suggestions.add(o);
        }
        m.put("suggestions", suggestions);
        List<Object> existing = new ArrayList<>();
        for (ExistingIndexFinding f : advice.existingIndexes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("table", f.table());
            o.put("index", f.index());
            o.put("definition", f.definition());
            o.put("kind", f.kind());
            o.put("coveredBy", f.coveredBy());
            o.put("bytes", f.bytes());
            o.put("detail", f.detail());
            existing.add(o);
        }
        m.put("existingIndexes", existing);
        List<Object> unindexable = new ArrayList<>();
        for (UnindexablePredicate u : advice.unindexable()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("table", u.table());
            o.put("column", u.column());
            o.put("kind", u.kind());
            o.put("expression", u.expression());
            o.put("fingerprintIds", u.fingerprintIds());
            o.put("totalNanos", u.totalNanos());
            o.put("fix", u.fix());
            unindexable.add(o);
        }
        m.put("unindexable", unindexable);
        m.put("notChecked", advice.notChecked());
        return m;
    }

    /**
     * Reads an advice back from a parsed line.
     *
     * @throws IllegalArgumentException when the map is not an advice line (wrong type, missing or
     *     mistyped fields)
     */
    public static Advice fromMap(Map<String, Object> m) {
        if (!TYPE.equals(m.get("type"))) {
            throw new IllegalArgumentException("not an advice line (type is " + m.get("type") + ")");
        }
        try {
            List<IndexSuggestion> suggestions = new ArrayList<>();
            for (Map<String, Object> o : maps(m.get("suggestions"))) {
                List<ServedShape> shapes = new ArrayList<>();
                for (Map<String, Object> x : maps(o.get("shapes"))) {
                    shapes.add(new ServedShape(str(x, "fingerprintId"), str(x, "fingerprint"), num(x, "calls").longValue(),
                            num(x, "totalNanos").longValue(), dbl(x, "costBefore"), dbl(x, "costAfter")));
                }
                suggestions.add(new IndexSuggestion(str(o, "table"), strings(o.get("columns")),
                        strings(o.get("includeColumns")), str(o, "where"), str(o, "ddl"), shapes, dbl(o, "costBefore"),
                        dbl(o, "costAfter"), str(o, "nodeBefore"), str(o, "nodeAfter"),
                        num(o, "estimatedBytes").longValue(), dbl(o, "writesPerSecond"),
                        Boolean.TRUE.equals(o.get("proven"))));
            }
            List<ExistingIndexFinding> existing = new ArrayList<>();
            for (Map<String, Object> o : maps(m.get("existingIndexes"))) {
                existing.add(new ExistingIndexFinding(str(o, "table"), str(o, "index"), str(o, "definition"),
                        ExistingIndexFinding.Kind.valueOf(str(o, "kind")), str(o, "coveredBy"),
                        num(o, "bytes").longValue(), str(o, "detail")));
            }
            List<UnindexablePredicate> unindexable = new ArrayList<>();
            for (Map<String, Object> o : maps(m.get("unindexable"))) {
                unindexable.add(new UnindexablePredicate(str(o, "table"), str(o, "column"),
                        UnindexablePredicate.Kind.valueOf(str(o, "kind")), str(o, "expression"),
                        strings(o.get("fingerprintIds")), num(o, "totalNanos").longValue(), str(o, "fix")));
            }
            return new Advice(str(m, "database"), Instant.parse(str(m, "at")), Boolean.TRUE.equals(m.get("proven")),
                    suggestions, existing, unindexable, strings(m.get("notChecked")));
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("malformed advice line: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (Object o : (List<?>) value) {
                out.add((String) o);
            }
        }
        return out;
    }

    private static String str(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? -1L : (Number) v;
    }

    private static double dbl(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
