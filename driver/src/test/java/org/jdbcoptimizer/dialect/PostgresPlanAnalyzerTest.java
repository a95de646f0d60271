package org.jdbcoptimizer.dialect;

import static org.jdbcoptimizer.dialect.PlanAnalyzerTest.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.dialect.PlanFinding.Kind;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analyzer on plans the real PostgreSQL produces. Table {@code big}: 50,000 rows, primary key
 * on id, {@code v = id % 5000} (10 rows per value), {@code a = b} on every row; table {@code other}:
 * 20,000 rows, no index. Names get a unique suffix because the server is shared.
 */
class PostgresPlanAnalyzerTest {

    private static final ExplainOptions ANALYZE = ExplainOptions.analyzeIfPlainRead(true).withTimeoutSeconds(60);

    private final ExplainDialect dialect = ExplainDialect.forDatabase(Database.POSTGRESQL).orElseThrow();
    private final PlanAnalyzer analyzer = new PlanAnalyzer();
    private final String suffix = Long.toHexString(System.nanoTime());
    private final String big = "plans_big_" + suffix;
    private final String other = "plans_other_" + suffix;
    private Connection connection;

    @BeforeEach
    void createTables() throws SQLException {
        connection = TestDatabases.directPostgres();
        execute("create table " + big + " (id int primary key, v int, a int, b int, pad text)",
                "insert into " + big + " select g, g % 5000, g % 100, g % 100, md5(g::text)"
                        + " from generate_series(1, 50000) g",
                "create table " + other + " (k int, note text)",
                "insert into " + other + " select g % 5000, 'n' || g from generate_series(1, 20000) g",
                "analyze " + big, "analyze " + other);
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection closing = connection) {
            execute("drop table if exists " + big, "drop table if exists " + other);
        }
    }

    @Test
    void aSelectiveSeqScanIsFoundWithAndWithoutAnalyzeAndGoneWithAnIndex() throws SQLException {
        String sql = "select * from " + big + " where v = ?";
        Plan measured = explain(sql, ANALYZE);
        assertTrue(measured.analyzed());
        PlanFinding finding = single(analyzer.analyze(measured));
        assertEquals(Kind.SEQ_SCAN_SELECTIVE, finding.kind());
        assertEquals(Optional.of(big), finding.relation());
        assertEquals(50_000L, finding.numbers().get("rowsRead"));
        assertEquals(10L, finding.numbers().get("rowsReturned"));

        Plan estimated = explain(sql, ExplainOptions.ESTIMATES);
        assertFalse(estimated.analyzed());
        assertEquals(List.of(), analyzer.analyze(estimated), "the table's size is not in the plan");
        PlanContext sizes = new PlanContext(Set.of(big), dialect.tableRowEstimates(connection, estimated.relations()));
        finding = single(analyzer.analyze(estimated, sizes));
        assertEquals(Kind.SEQ_SCAN_SELECTIVE, finding.kind());
        assertEquals(50_000L, finding.numbers().get("tableRows"));

        execute("create index " + big + "_v on " + big + " (v)", "analyze " + big);
        for (ExplainOptions options : List.of(ANALYZE, ExplainOptions.ESTIMATES)) {
            Plan indexed = explain(sql, options);
            assertTrue(indexed.nodes().stream().anyMatch(n -> n.indexName().equals(Optional.of(big + "_v"))),
                    indexed::outline);
            assertEquals(List.of(), analyzer.analyze(indexed, sizes), indexed::outline);
        }
    }

    @Test
    void aSortWithTooLittleWorkMemSpills() throws SQLException {
        execute("set work_mem = '64kB'");
        List<PlanFinding> findings = analyzer.analyze(explain("select * from " + big + " order by pad", ANALYZE));
        assertEquals(List.of(Kind.SORT_SPILL), kinds(findings));
        assertTrue(findings.get(0).numbers().get("sortSpaceUsedKb").longValue() > 0, findings::toString);
        assertTrue(findings.get(0).numbers().get("tempWrittenBlocks").longValue() > 0, findings::toString);
    }

    @Test
    void correlatedColumnsAreMisestimated() throws SQLException {
        List<PlanFinding> findings = analyzer.analyze(explain("select * from " + big + " where a = b", ANALYZE));
        PlanFinding finding = single(findings);
        assertEquals(Kind.ESTIMATE_OFF, finding.kind());
        assertEquals(50_000L, finding.numbers().get("actualRows"));
        assertTrue(finding.numbers().get("factor").doubleValue() >= 10, finding::toString);
    }

    @Test
    void aNestedLoopOverEveryRowOfALargeTableIsLarge() throws SQLException {
        execute("set enable_hashjoin = off", "set enable_mergejoin = off");
        String sql = "select * from " + other + " o join " + big + " b on b.id = o.k";
        for (ExplainOptions options : List.of(ANALYZE, ExplainOptions.ESTIMATES)) {
            Plan plan = explain(sql, options);
            PlanFinding finding = single(analyzer.analyze(plan));
            assertEquals(Kind.NESTED_LOOP_LARGE, finding.kind(), plan::outline);
            assertEquals(20_000L, finding.numbers().get("loops"));
            assertEquals(Optional.of(big), finding.relation());
        }
    }

    @Test
    void aJoinReadingAnUnindexedTableIsAJoinWithoutIndexUntilTheIndexExists() throws SQLException {
        execute("set enable_hashjoin = off", "set enable_mergejoin = off");
        String sql = "select * from " + big + " b join " + other + " o on o.k = b.v where b.id <= ?";
        for (ExplainOptions options : List.of(ANALYZE, ExplainOptions.ESTIMATES)) {
            Plan plan = explain(sql, options);
            // However the planner orders the join, it reads all of the unindexed table to match 20 rows.
            PlanFinding finding = analyzer.analyze(plan).stream().filter(f -> f.kind() == Kind.JOIN_WITHOUT_INDEX)
                    .findFirst().orElseThrow(() -> new AssertionError(plan.outline()));
            assertEquals(Optional.of(other), finding.relation());
            assertEquals(20_000L, finding.numbers().get("tableRowsRead"));
            double matched = finding.numbers().get("otherSideRows").doubleValue();
            // about 20 rows: the planner's estimate for id <= 20 varies with its sample (19 to 21 seen)
            assertTrue(matched > 0 && matched <= 30, finding::toString);
        }
        execute("create index " + other + "_k on " + other + " (k)", "analyze " + other);
        for (ExplainOptions options : List.of(ANALYZE, ExplainOptions.ESTIMATES)) {
            Plan plan = explain(sql, options);
            assertEquals(List.of(), analyzer.analyze(plan), plan::outline);
        }
    }

    private Plan explain(String sql, ExplainOptions options) throws SQLException {
        List<Object> parameters = sql.contains("?") ? List.of(20) : List.of();
        return dialect.explain(connection, sql, parameters, options);
    }

    private static PlanFinding single(List<PlanFinding> findings) {
        assertEquals(1, findings.size(), findings::toString);
        return findings.get(0);
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
