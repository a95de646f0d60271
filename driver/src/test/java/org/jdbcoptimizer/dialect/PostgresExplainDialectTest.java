package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN on the real PostgreSQL: syntax, parameters, ANALYZE's transaction, failures. */
class PostgresExplainDialectTest {

    private final ExplainDialect dialect = ExplainDialect.forDatabase(Database.POSTGRESQL).orElseThrow();
    private final String table = "plans_dialect_" + Long.toHexString(System.nanoTime());
    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = TestDatabases.directPostgres();
        execute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " select g, g % 5000 from generate_series(1, 20000) g",
                "analyze " + table);
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection closing = connection) {
            connection.setAutoCommit(true);
            execute("drop table if exists " + table);
        }
    }

    @Test
    void explainSqlAddsAnalyzeOnlyForDeclaredPlainReads() {
        String select = "select * from t where v = ?";
        assertEquals("EXPLAIN (FORMAT JSON) " + select, dialect.explainSql(select, ExplainOptions.ESTIMATES));
        assertEquals("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + select,
                dialect.explainSql(select, ExplainOptions.analyzeIfPlainRead(true)));
        assertEquals("EXPLAIN (FORMAT JSON) " + select,
                dialect.explainSql(select, ExplainOptions.analyzeIfPlainRead(false)));
        String delete = "delete from t where id < 100";
        assertEquals("EXPLAIN (FORMAT JSON) " + delete, dialect.explainSql(delete, ExplainOptions.analyzeIfPlainRead(true)));
    }

    @Test
    void parametersAreBoundAndPlannedWithTheirValues() throws SQLException {
        Plan plan = dialect.explain(connection, "select * from " + table + " where v = ?", List.of(7),
                ExplainOptions.ESTIMATES);
        PlanNode scan = plan.roots().get(0);
        assertEquals("Seq Scan", scan.nodeType());
        assertEquals(Optional.of(table), scan.relationName());
        assertEquals(Optional.of("(v = 7)"), scan.filter());
        assertFalse(plan.analyzed());
        assertTrue(plan.raw().trim().startsWith("["), plan.raw());
    }

    @Test
    void nullAndStringParametersAreBoundToo() throws SQLException {
        Plan plan = dialect.explain(connection, "select * from " + table + " where v = ? or id = ? or ?::text = 'x'",
                Arrays.asList(null, 3, "x"), ExplainOptions.ESTIMATES);
        assertEquals(Optional.of(table), plan.roots().get(0).relationName());
    }

    @Test
    void analyzeMeasuresAndLeavesTheConnectionAsItWas() throws SQLException {
        Plan plan = dialect.explain(connection, "select * from " + table + " where v = ?", List.of(7),
                ExplainOptions.analyzeIfPlainRead(true).withTimeoutSeconds(30));
        assertTrue(plan.analyzed());
        assertTrue(plan.executionMillis().isPresent());
        PlanNode scan = plan.roots().get(0);
        assertEquals(4.0, scan.actualRows().orElseThrow());
        assertEquals(19_996.0, scan.rowsRemovedByFilter().orElseThrow());
        assertTrue(scan.tempWrittenBlocks().isPresent(), "BUFFERS was asked for");
        assertTrue(connection.getAutoCommit());
        assertEquals(1, queryInt("select 1"));
    }

    @Test
    void insideTheCallersTransactionThereIsNoAnalyze() throws SQLException {
        connection.setAutoCommit(false);
        Plan plan = dialect.explain(connection, "select * from " + table + " where v = ?", List.of(7),
                ExplainOptions.analyzeIfPlainRead(true));
        assertFalse(plan.analyzed());
        assertFalse(connection.getAutoCommit());
        connection.rollback();
    }

    @Test
    void aFailingExplainIsAnSqlException() throws SQLException {
        assertSqlException("select * from " + table + " wher v = 1", List.of(), ExplainOptions.ESTIMATES);
        assertSqlException("select * from no_such_table_" + table, List.of(), ExplainOptions.ESTIMATES);
        assertSqlException("select * from " + table + " where v = ?", List.of(1, 2), ExplainOptions.ESTIMATES);
        assertSqlException("select * from " + table + " where v = ?", List.of(), ExplainOptions.ESTIMATES);
        execute("drop table " + table);
        assertSqlException("select * from " + table, List.of(), ExplainOptions.analyzeIfPlainRead(true));
    }

    @Test
    void aStatementFailingUnderAnalyzeRollsBackAndRestoresAutoCommit() throws SQLException {
        assertSqlException("select v / (id - id) from " + table, List.of(), ExplainOptions.analyzeIfPlainRead(true));
        assertTrue(connection.getAutoCommit());
        assertEquals(20_000, queryInt("select count(*) from " + table));
    }

    @Test
    void tableRowEstimatesComeFromTheCatalog() throws SQLException {
        String quoted = "Plans_Mixed_" + Long.toHexString(System.nanoTime());
        execute("create table \"" + quoted + "\" (x int)", "insert into \"" + quoted + "\" select generate_series(1, 300)",
                "analyze \"" + quoted + "\"");
        try {
            Map<String, Double> rows = dialect.tableRowEstimates(connection, List.of(table, quoted, "no_such_" + table));
            assertEquals(Map.of(table, 20_000.0, quoted, 300.0), rows);
            assertEquals(Map.of(), dialect.tableRowEstimates(connection, List.of()));
        } finally {
            execute("drop table \"" + quoted + "\"");
        }
    }

    private void assertSqlException(String sql, List<?> parameters, ExplainOptions options) {
        assertThrows(SQLException.class, () -> dialect.explain(connection, sql, parameters, options), sql);
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
