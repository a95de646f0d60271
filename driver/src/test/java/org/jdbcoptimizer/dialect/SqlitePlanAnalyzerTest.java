package org.jdbcoptimizer.dialect;

import static org.jdbcoptimizer.dialect.PlanAnalyzerTest.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.dialect.PlanFinding.Kind;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analyzer on plans a real SQLite file produces; t has 20,000 rows, b 20,000 rows, no indexes. */
class SqlitePlanAnalyzerTest {

    private final ExplainDialect dialect = ExplainDialect.forDatabase(Database.SQLITE).orElseThrow();
    private final PlanAnalyzer analyzer = new PlanAnalyzer();
    private Connection connection;

    @BeforeEach
    void createTables() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + TestDatabases.newSqliteFile());
        execute("create table t (id integer primary key, v int, w text)",
                "with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000)"
                        + " insert into t select n, n % 500, 'w' || n from g",
                "create table b (k int, x int)", "insert into b select id, v from t");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aScanOfAFilteredTableIsReportedUntilAnIndexServesIt() throws SQLException {
        String sql = "select * from t where v = ?";
        PlanContext filtersT = new PlanContext(Set.of("T"), Map.of());
        List<PlanFinding> findings = analyzer.analyze(explain(sql), filtersT);
        assertEquals(List.of(Kind.SQLITE_SCAN), kinds(findings));
        assertEquals("SCAN t", findings.get(0).node());
        assertEquals(Optional.of("t"), findings.get(0).relation());

        assertEquals(List.of(), analyzer.analyze(explain(sql)), "no predicate tables given: nothing to judge by");

        execute("create index t_v on t (v)");
        Plan indexed = explain(sql);
        assertEquals("SEARCH t USING INDEX t_v (v=?)", indexed.roots().get(0).describe());
        assertEquals(List.of(), analyzer.analyze(indexed, filtersT));
    }

    @Test
    void sqlitePrintsTheAliasSoTheContextNamesIt() throws SQLException {
        Plan plan = explain("select * from t as x where x.v = ?");
        assertEquals(List.of(), analyzer.analyze(plan, new PlanContext(Set.of("t"), Map.of())));
        assertEquals(List.of(Kind.SQLITE_SCAN), kinds(analyzer.analyze(plan, new PlanContext(Set.of("t", "x"), Map.of()))));
    }

    @Test
    void coveringIndexScansAndSmallTablesAreFine() throws SQLException {
        execute("create index t_w on t (w)");
        Plan covering = explain("select w from t where w like ?");
        assertEquals("SCAN t USING COVERING INDEX t_w", covering.roots().get(0).describe());
        assertEquals(List.of(), analyzer.analyze(covering, new PlanContext(Set.of("t"), Map.of())));

        execute("create table small (a int)", "insert into small values (1), (2)", "analyze");
        Plan plan = explain("select * from small where a = ?");
        Map<String, Double> sizes = dialect.tableRowEstimates(connection, plan.relations());
        assertEquals(Map.of("small", 2.0), sizes);
        assertEquals(List.of(), analyzer.analyze(plan, new PlanContext(Set.of("small"), sizes)));
    }

    @Test
    void anAutomaticIndexIsAJoinWithoutIndex() throws SQLException {
        Plan plan = explain("select * from t join b on b.k = t.v where t.id < ?");
        List<PlanFinding> findings = analyzer.analyze(plan, new PlanContext(Set.of("t", "b"), Map.of()));
        assertEquals(List.of(Kind.JOIN_WITHOUT_INDEX), kinds(findings), plan::outline);
        assertEquals(Optional.of("b"), findings.get(0).relation());

        execute("create index b_k on b (k)");
        assertEquals(List.of(), analyzer.analyze(explain("select * from t join b on b.k = t.v where t.id < ?"),
                new PlanContext(Set.of("t", "b"), Map.of())));
    }

    private Plan explain(String sql) throws SQLException {
        return dialect.explain(connection, sql, List.of(7), ExplainOptions.ESTIMATES);
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
