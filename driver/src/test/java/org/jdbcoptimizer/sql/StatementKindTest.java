package org.jdbcoptimizer.sql;

import static org.jdbcoptimizer.sql.Analyzed.info;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementKindTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT 1                                                         | QUERY",
        "select * from t                                                  | QUERY",
        "  (SELECT 1) UNION (SELECT 2)                                    | QUERY",
        "VALUES (1), (2)                                                  | QUERY",
        "TABLE t                                                          | QUERY",
        "WITH x AS (SELECT 1) SELECT * FROM x                             | QUERY",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n FROM r | QUERY",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d            | QUERY",
        "/* leading */ -- and line\\n select 1                           | QUERY",
        "INSERT INTO t VALUES (1)                                         | INSERT",
        "insert or ignore into t values (1)                               | INSERT",
        "REPLACE INTO t VALUES (1)                                        | INSERT",
        "WITH s AS (SELECT 1) INSERT INTO t SELECT * FROM s               | INSERT",
        "UPDATE t SET a = 1                                               | UPDATE",
        "WITH x AS (SELECT id FROM s) UPDATE t SET a = 1 FROM x WHERE t.id = x.id | UPDATE",
        "with x as materialized (select 1) update t set a = 2             | UPDATE",
        "DELETE FROM t                                                    | DELETE",
        "WITH a AS (SELECT 1), b AS (SELECT 2) DELETE FROM t              | DELETE",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE     | MERGE",
        "CREATE TABLE t (a int)                                           | DDL",
        "ALTER TABLE t ADD COLUMN b int                                   | DDL",
        "DROP TABLE t                                                     | DDL",
        "TRUNCATE t                                                       | DDL",
        "CREATE INDEX i ON t (a)                                          | DDL",
        "COMMENT ON TABLE t IS 'x'                                        | DDL",
        "GRANT SELECT ON t TO bob                                         | DDL",
        "REFRESH MATERIALIZED VIEW mv                                     | DDL",
        "BEGIN                                                            | TRANSACTION_CONTROL",
        "begin transaction isolation level serializable                   | TRANSACTION_CONTROL",
        "START TRANSACTION                                                | TRANSACTION_CONTROL",
        "COMMIT                                                           | TRANSACTION_CONTROL",
        "END                                                              | TRANSACTION_CONTROL",
        "ROLLBACK                                                         | TRANSACTION_CONTROL",
        "ROLLBACK TO SAVEPOINT a                                          | TRANSACTION_CONTROL",
        "SAVEPOINT a                                                      | TRANSACTION_CONTROL",
        "RELEASE SAVEPOINT a                                              | TRANSACTION_CONTROL",
        "PREPARE TRANSACTION 'x'                                          | TRANSACTION_CONTROL",
        "SET TRANSACTION ISOLATION LEVEL READ COMMITTED                   | TRANSACTION_CONTROL",
        "SET search_path TO app, public                                   | SESSION",
        "set role admin                                                   | SESSION",
        "RESET ALL                                                        | SESSION",
        "SHOW work_mem                                                    | SESSION",
        "DISCARD ALL                                                      | SESSION",
        "PRAGMA journal_mode = WAL                                        | SESSION",
        "COPY t FROM STDIN                                                | UTILITY",
        "CALL do_it(1)                                                    | UTILITY",
        "LOCK TABLE t                                                     | UTILITY",
        "PREPARE q AS SELECT 1                                            | UTILITY",
        "NOTIFY chan                                                      | UTILITY",
        "EXPLAIN SELECT 1                                                 | OTHER",
        "VACUUM t                                                         | OTHER",
        "ANALYZE t                                                        | OTHER",
        "REINDEX TABLE t                                                  | OTHER",
        "hello world                                                      | OTHER",
    })
    void kindComesFromTheLeadingKeyword(String sql, SqlStatementKind expected) {
        assertEquals(expected, info(sql.replace("\\n", "\n")).kind());
    }

    @org.junit.jupiter.api.Test
    void emptyTextIsOther() {
        assertEquals(SqlStatementKind.OTHER, info("").kind());
        assertEquals(SqlStatementKind.OTHER, info(null).kind());
        assertEquals(SqlStatementKind.OTHER, info("  /* nothing */ ;; ").kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN; UPDATE t SET a = 1; COMMIT | UPDATE",
        "SET x = 1; SELECT 1               | QUERY",
        "BEGIN; COMMIT                     | TRANSACTION_CONTROL",
    })
    void aMultiStatementTextTakesTheKindOfItsFirstRealStatement(String sql, SqlStatementKind expected) {
        assertEquals(expected, info(sql).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
        "not sql at all, WITH ( unbalanced",
        "UPDATE t SET a = $$ unterminated",
    })
    void kindDoesNotNeedTheParser(String sql) {
        SqlInfo info = info(sql);
        // the kind is set whether or not the parser could read the text
        assertEquals(info.kind(), Statements.kind(Statements.split(SqlLexer.tokenize(sql)).get(0)));
    }
}
