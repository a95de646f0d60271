package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class SqlitePlanParserTest {

    @Test
    void readsTheFormsOfTheDetailText() {
        assertNode("SCAN t", "SCAN", "t", null, null, null);
        assertNode("SCAN x", "SCAN", "x", null, null, null);
        assertNode("SCAN t USING COVERING INDEX t_v", "SCAN", "t", null, "t_v", null);
        assertNode("SEARCH t USING INDEX t_v (v=?)", "SEARCH", "t", null, "t_v", "(v=?)");
        assertNode("SEARCH t USING COVERING INDEX t_v (v>? AND v<?)", "SEARCH", "t", null, "t_v", "(v>? AND v<?)");
        assertNode("SEARCH t USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH", "t", null, "INTEGER PRIMARY KEY",
                "(rowid=?)");
        assertNode("SEARCH b USING AUTOMATIC COVERING INDEX (k=?)", "SEARCH", "b", null, null, "(k=?)");
        assertNode("SCAN TABLE t AS x", "SCAN", "t", "x", null, null);
        assertNode("SEARCH TABLE t AS x USING INDEX t_v (v=?)", "SEARCH", "t", "x", "t_v", "(v=?)");
        assertNode("USE TEMP B-TREE FOR ORDER BY", "USE TEMP B-TREE", null, null, null, null);
        assertNode("SCAN CONSTANT ROW", "SCAN", null, null, null, null);
        assertNode("COMPOUND QUERY", "COMPOUND QUERY", null, null, null, null);
    }

    private static void assertNode(String detail, String type, String relation, String alias, String index,
            String condition) {
        PlanNode node = SqlitePlanParser.describe(detail).build();
        assertEquals(type, node.nodeType(), detail);
        assertEquals(Optional.ofNullable(relation), node.relationName(), detail);
        assertEquals(Optional.ofNullable(alias), node.alias(), detail);
        assertEquals(Optional.ofNullable(index), node.indexName(), detail);
        assertEquals(Optional.ofNullable(condition), node.indexCondition(), detail);
        assertEquals(Optional.of(detail), node.detail());
        assertEquals(detail, node.describe());
    }

    @Test
    void buildsTheTreeFromParentIdsAndReadsItsRawTextBack() {
        // Captured from sqlite-jdbc 3.47 for a UNION with an IN subquery.
        List<SqlitePlanParser.Row> rows = List.of(new SqlitePlanParser.Row(1, 0, "COMPOUND QUERY"),
                new SqlitePlanParser.Row(2, 1, "LEFT-MOST SUBQUERY"), new SqlitePlanParser.Row(5, 2, "SCAN t"),
                new SqlitePlanParser.Row(10, 2, "LIST SUBQUERY 1"), new SqlitePlanParser.Row(13, 10, "SCAN b"),
                new SqlitePlanParser.Row(21, 10, "CREATE BLOOM FILTER"),
                new SqlitePlanParser.Row(34, 1, "UNION USING TEMP B-TREE"),
                new SqlitePlanParser.Row(35, 34, "SCAN CONSTANT ROW"));
        Plan plan = SqlitePlanParser.build(rows);
        String outline = """
                COMPOUND QUERY
                  LEFT-MOST SUBQUERY
                    SCAN t
                    LIST SUBQUERY 1
                      SCAN b
                      CREATE BLOOM FILTER
                  UNION USING TEMP B-TREE
                    SCAN CONSTANT ROW
                """;
        assertEquals(outline, plan.outline());
        assertTrue(plan.raw().startsWith("1|0|COMPOUND QUERY\n2|1|LEFT-MOST SUBQUERY\n5|2|SCAN t\n"), plan.raw());
        Plan reread = SqlitePlanParser.parse(plan.raw());
        assertEquals(outline, reread.outline());
        assertEquals(Database.SQLITE, reread.database());
        assertFalse(reread.analyzed());
        assertEquals(OptionalDouble.empty(), reread.totalCost());
    }

    @Test
    void severalTopLevelRowsAreSeveralRoots() {
        Plan plan = SqlitePlanParser.parse("4|0|SEARCH x USING INTEGER PRIMARY KEY (rowid<?)\n"
                + "21|0|SEARCH b USING AUTOMATIC COVERING INDEX (k=?)\n37|0|USE TEMP B-TREE FOR ORDER BY\n");
        assertEquals(3, plan.roots().size());
        assertEquals(List.of("x", "b"), List.copyOf(plan.relations()));
    }

    @Test
    void refusesLinesThatAreNotRows() {
        for (String bad : List.of("SCAN t", "1|SCAN t", "a|0|SCAN t", "1|b|SCAN t")) {
            assertThrows(IllegalArgumentException.class, () -> SqlitePlanParser.parse(bad), bad);
        }
    }
}
