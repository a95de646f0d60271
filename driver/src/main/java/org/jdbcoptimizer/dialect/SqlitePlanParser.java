package org.jdbcoptimizer.dialect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.util.Json;

/**
 * Turns the rows of SQLite's {@code EXPLAIN QUERY PLAN} into a {@link Plan}.
 *
 * <p>Each row is (id, parent, detail); parent 0 means top level, and a parent always comes before
 * its children. The detail is free text whose shape SQLite documents only by example, so this class
 * reads the few forms the analysis needs and keeps the detail verbatim for everything else:
 * <pre>
 *   SCAN t                                  SCAN t USING COVERING INDEX t_v
 *   SEARCH t USING INDEX t_v (v=?)          SEARCH t USING INTEGER PRIMARY KEY (rowid=?)
 *   SEARCH b USING AUTOMATIC COVERING INDEX (k=?)
 *   USE TEMP B-TREE FOR ORDER BY            SCAN CONSTANT ROW
 * </pre>
 * SQLite before 3.36 wrote "SCAN TABLE t AS x"; that form is read too. Since 3.36 the alias
 * replaces the table name ("SCAN x").
 */
final class SqlitePlanParser {

    static final String SCAN = "SCAN";
    static final String SEARCH = "SEARCH";
    static final String TEMP_B_TREE = "USE TEMP B-TREE";

    /** One row of EXPLAIN QUERY PLAN. */
    record Row(int id, int parent, String detail) {
    }

    private SqlitePlanParser() {
    }

    /** Reads the {@code id|parent|detail} lines of {@link Plan#raw()}. */
    static Plan parse(String raw) {
        List<Row> rows = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("Not an EXPLAIN QUERY PLAN line (id|parent|detail): " + line);
            }
            try {
                rows.add(new Row(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not an EXPLAIN QUERY PLAN line (id|parent|detail): " + line, e);
            }
        }
        return build(rows);
    }

    /** Builds the plan from rows as the driver returned them; {@link Plan#raw()} is rendered from them. */
    static Plan build(List<Row> rows) {
        Map<Integer, List<Row>> byParent = new HashMap<>();
        StringBuilder raw = new StringBuilder();
        for (Row row : rows) {
            byParent.computeIfAbsent(row.parent(), p -> new ArrayList<>()).add(row);
            raw.append(row.id()).append('|').append(row.parent()).append('|').append(row.detail()).append('\n');
        }
        List<PlanNode> roots = new ArrayList<>();
        for (Row row : byParent.getOrDefault(0, List.of())) {
            roots.add(node(row, byParent, 0));
        }
        return new Plan(Database.SQLITE, roots, raw.toString(), Double.NaN, Double.NaN);
    }

    private static PlanNode node(Row row, Map<Integer, List<Row>> byParent, int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("EXPLAIN QUERY PLAN nests deeper than " + Json.MAX_DEPTH);
        }
        PlanNode.Builder b = describe(row.detail());
        if (row.id() != 0) { // id 0 would be its own child; SQLite never uses it for a row
            for (Row child : byParent.getOrDefault(row.id(), List.of())) {
                b.children.add(node(child, byParent, depth + 1));
            }
        }
        return b.build();
    }

    /** The node type, relation, alias, index and condition a detail text names. */
    static PlanNode.Builder describe(String detail) {
        String text = detail.strip();
        String keyword = text.startsWith(SCAN + " ") ? SCAN
                : text.startsWith(SEARCH + " ") ? SEARCH
                : text.startsWith(TEMP_B_TREE) ? TEMP_B_TREE
                : text;
        PlanNode.Builder b = PlanNode.builder(keyword);
        b.detail = detail;
        if ((keyword.equals(SCAN) || keyword.equals(SEARCH)) && !text.equals("SCAN CONSTANT ROW")) {
            readAccess(text.substring(keyword.length() + 1), b);
        }
        return b;
    }

    private static void readAccess(String rest, PlanNode.Builder b) {
        String s = rest.startsWith("TABLE ") ? rest.substring("TABLE ".length()) : rest;
        int end = tokenEnd(s, 0);
        b.relationName = s.substring(0, end);
        s = s.substring(end).stripLeading();
        if (s.startsWith("AS ")) {
            int aliasEnd = tokenEnd(s, 3);
            b.alias = s.substring(3, aliasEnd);
            s = s.substring(aliasEnd).stripLeading();
        }
        if (s.endsWith(")") && s.lastIndexOf(" (") >= 0) {
            int open = s.lastIndexOf(" (");
            b.indexCondition = s.substring(open + 1);
            s = s.substring(0, open);
        } else if (s.startsWith("(") && s.endsWith(")")) {
            b.indexCondition = s;
            s = "";
        }
        if (!s.startsWith("USING ")) {
            return;
        }
        String using = s.substring("USING ".length());
        if (using.startsWith("AUTOMATIC ")) {
            return; // a transient index SQLite builds for this statement alone: no real index exists
        }
        int index = using.indexOf("INDEX ");
        if (index >= 0) {
            int nameStart = index + "INDEX ".length();
            b.indexName = using.substring(nameStart, tokenEnd(using, nameStart));
        } else if (using.endsWith("PRIMARY KEY")) {
            b.indexName = using; // "INTEGER PRIMARY KEY" (the rowid) or "PRIMARY KEY" (WITHOUT ROWID)
        }
    }

    private static int tokenEnd(String s, int from) {
        int space = s.indexOf(' ', from);
        return space < 0 ? s.length() : space;
    }
}
