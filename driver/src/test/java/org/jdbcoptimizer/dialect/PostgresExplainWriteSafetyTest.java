package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN must never ANALYZE a write, even when the caller wrongly declares it a plain read: each
 * case asks for ANALYZE and then counts the rows.
 */
class PostgresExplainWriteSafetyTest {

    private static final ExplainOptions WRONGLY_DECLARED_READ = ExplainOptions.analyzeIfPlainRead(true);

    private final ExplainDialect dialect = ExplainDialect.forDatabase(Database.POSTGRESQL).orElseThrow();
    private final String table = "plans_safety_" + Long.toHexString(System.nanoTime());
    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = TestDatabases.directPostgres();
        execute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " select g, g from generate_series(1, 1000) g");
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection closing = connection) {
            execute("drop table if exists " + table + "_copy", "drop table if exists " + table,
                    "drop function if exists " + table + "_bump()");
        }
    }

    @Test
    void writesAreExplainedButNeverRun() throws SQLException {
        List<String> writes = List.of(
                "delete from " + table + " where id < 100",
                "update " + table + " set v = v + 1 where id < ?",
                "insert into " + table + " select id + 1000, v from " + table,
                "with d as (delete from " + table + " where id < 100 returning *) select count(*) from d",
                "merge into " + table + " t using (select 1 as id) s on t.id = s.id when matched then delete",
                "select * from " + table + " where id < 10 for update");
        for (String write : writes) {
            List<?> parameters = write.contains("?") ? List.of(100) : List.of();
            Plan plan = dialect.explain(connection, write, parameters, WRONGLY_DECLARED_READ);
            assertFalse(plan.analyzed(), write);
            assertEquals(1000, count(), write);
            assertEquals(500_500, queryLong("select sum(v) from " + table), write);
            assertTrue(connection.getAutoCommit());
        }
    }

    @Test
    void selectIntoCreatesNoTable() throws SQLException {
        Plan plan = dialect.explain(connection, "select * into " + table + "_copy from " + table, List.of(),
                WRONGLY_DECLARED_READ);
        assertFalse(plan.analyzed());
        assertEquals(0, queryLong("select count(*) from pg_class where relname = '" + table + "_copy'"));
    }

    @Test
    void aWriteHiddenInAFunctionFailsInTheReadOnlyTransaction() throws SQLException {
        execute("create function " + table + "_bump() returns int language sql volatile as"
                + " 'insert into " + table + " values (5000, 5000) returning 1'");
        String sql = "select " + table + "_bump()";
        assertTrue(PlainReadCheck.isPlainRead(sql), "the text alone cannot see the write");
        SQLException e = assertThrows(SQLException.class,
                () -> dialect.explain(connection, sql, List.of(), WRONGLY_DECLARED_READ));
        assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
        assertEquals(1000, count());
        assertTrue(connection.getAutoCommit());
    }

    private long count() throws SQLException {
        return queryLong("select count(*) from " + table);
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
