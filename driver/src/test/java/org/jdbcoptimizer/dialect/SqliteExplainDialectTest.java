package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN QUERY PLAN on a real SQLite file. */
class SqliteExplainDialectTest {

    private final ExplainDialect dialect = ExplainDialect.forDatabase(Database.SQLITE).orElseThrow();
    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + TestDatabases.newSqliteFile());
        execute("create table t (id integer primary key, v int, w text)",
                "with recursive g(n) as (select 1 union all select n + 1 from g where n < 2000)"
                        + " insert into t select n, n % 50, 'w' || n from g");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void explainSqlIsExplainQueryPlanWhateverTheOptions() {
        assertEquals("EXPLAIN QUERY PLAN select 1", dialect.explainSql("select 1", ExplainOptions.ESTIMATES));
        assertEquals("EXPLAIN QUERY PLAN select 1", dialect.explainSql("select 1", ExplainOptions.analyzeIfPlainRead(true)));
    }

    @Test
    void explainsWithParametersBound() throws SQLException {
        Plan plan = dialect.explain(connection, "select * from t where v = ? order by w", List.of(7),
                ExplainOptions.ESTIMATES);
        assertEquals(Database.SQLITE, plan.database());
        assertEquals(List.of("SCAN t", "USE TEMP B-TREE FOR ORDER BY"),
                plan.nodes().stream().map(PlanNode::describe).toList());
        assertEquals(Optional.of("t"), plan.roots().get(0).relationName());
        assertFalse(plan.analyzed());
        assertEquals(plan.outline(), dialect.parse(plan.raw()).outline());
    }

    @Test
    void searchesThroughAnIndexOnceThereIsOne() throws SQLException {
        execute("create index t_v on t (v)");
        PlanNode node = dialect.explain(connection, "select * from t where v = ?", List.of(7), ExplainOptions.ESTIMATES)
                .roots().get(0);
        assertEquals("SEARCH", node.nodeType());
        assertEquals(Optional.of("t_v"), node.indexName());
        assertEquals(Optional.of("(v=?)"), node.indexCondition());
    }

    @Test
    void explainingAWriteChangesNothing() throws SQLException {
        Plan plan = dialect.explain(connection, "delete from t where v = ?", List.of(7),
                ExplainOptions.analyzeIfPlainRead(true));
        assertEquals("SCAN t", plan.roots().get(0).describe());
        assertEquals(2000, queryInt("select count(*) from t"));
    }

    @Test
    void aFailingExplainIsAnSqlException() throws SQLException {
        assertSqlException("select * fro t", List.of());
        assertSqlException("select * from no_such_table", List.of());
        // sqlite-jdbc throws ArrayIndexOutOfBoundsException for this; explain must not let it out.
        SQLException e = assertSqlException("select * from t where v = ?", List.of(1, 2));
        assertTrue(e.getCause() instanceof RuntimeException, String.valueOf(e.getCause()));
        execute("drop table t");
        assertSqlException("select * from t", List.of());
    }

    @Test
    void tableRowEstimatesNeedAnAnalyzedDatabase() throws SQLException {
        assertEquals(Map.of(), dialect.tableRowEstimates(connection, List.of("t")));
        execute("create table u (x int)", "insert into u values (1), (2), (3)", "create index t_w on t (w)", "analyze");
        assertEquals(Map.of("T", 2000.0, "u", 3.0), dialect.tableRowEstimates(connection, List.of("T", "u", "none")));
    }

    private SQLException assertSqlException(String sql, List<?> parameters) {
        return assertThrows(SQLException.class,
                () -> dialect.explain(connection, sql, parameters, ExplainOptions.ESTIMATES), sql);
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private int queryInt(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
