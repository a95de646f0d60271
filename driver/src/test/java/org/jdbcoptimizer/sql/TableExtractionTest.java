package org.jdbcoptimizer.sql;

import static org.jdbcoptimizer.sql.Analyzed.info;
import static org.jdbcoptimizer.sql.Analyzed.tables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableExtractionTest {

    /** Asserts the statement is understood and reads / writes exactly these tables. */
    private static void touches(String sql, Set<TableRef> read, Set<TableRef> written) {
        SqlInfo info = info(sql);
        assertTrue(info.parsed(), () -> "not parsed: " + sql);
        assertEquals(read, info.tablesRead(), () -> "read by " + sql);
        assertEquals(written, info.tablesWritten(), () -> "written by " + sql);
    }

    @Test
    void plainSelectsAndJoins() {
        touches("SELECT * FROM orders", tables("orders"), Set.of());
        touches("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN items i USING (order_id)",
                tables("orders", "customers", "items"), Set.of());
        touches("SELECT * FROM a, b CROSS JOIN c", tables("a", "b", "c"), Set.of());
        touches("SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON c.y = b.y", tables("a", "b", "c"), Set.of());
        touches("SELECT 1", Set.of(), Set.of());
    }

    @Test
    void namesFoldLikePostgres() {
        touches("SELECT * FROM Orders", tables("orders"), Set.of());
        touches("SELECT * FROM \"Order\"", tables("Order"), Set.of());
        touches("SELECT * FROM public.orders", tables("public.orders"), Set.of());
        touches("SELECT * FROM \"my schema\".\"T\"", Set.of(new TableRef("my schema", "T")), Set.of());
        touches("SELECT * FROM mydb.public.orders", tables("public.orders"), Set.of());
        touches("SELECT * FROM [Order Details]", tables("Order Details"), Set.of());
        touches("SELECT * FROM `Order`", tables("Order"), Set.of());
        assertEquals("\"my schema\".\"T\"", new TableRef("my schema", "T").qualifiedName());
        assertEquals("public.orders", new TableRef("public", "orders").qualifiedName());
    }

    @Test
    void subqueriesEverywhere() {
        touches("SELECT * FROM (SELECT * FROM inner_t) x", tables("inner_t"), Set.of());
        touches("SELECT * FROM t WHERE a IN (SELECT a FROM s)", tables("t", "s"), Set.of());
        touches("SELECT * FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.id = t.id)", tables("t", "s"), Set.of());
        touches("SELECT (SELECT max(x) FROM s), a FROM t", tables("s", "t"), Set.of());
        touches("SELECT * FROM t WHERE a = ANY (SELECT b FROM s)", tables("t", "s"), Set.of());
        touches("SELECT * FROM t WHERE a > ALL (SELECT b FROM s)", tables("t", "s"), Set.of());
        touches("SELECT * FROM t ORDER BY (SELECT 1 FROM s LIMIT 1)", tables("t", "s"), Set.of());
        touches("SELECT a FROM t GROUP BY a HAVING count(*) > (SELECT 1 FROM s)", tables("t", "s"), Set.of());
        touches("SELECT CASE WHEN EXISTS (SELECT 1 FROM s) THEN 1 END FROM t", tables("s", "t"), Set.of());
        touches("SELECT coalesce((SELECT max(x) FROM s), 0) FROM t", tables("s", "t"), Set.of());
        touches("SELECT * FROM t, LATERAL (SELECT * FROM s WHERE s.id = t.id) q", tables("t", "s"), Set.of());
        touches("SELECT ARRAY(SELECT b FROM s) FROM t", tables("s", "t"), Set.of());
        touches("SELECT * FROM t LIMIT (SELECT count(*) FROM s)", tables("t", "s"), Set.of());
        touches("SELECT a FROM t UNION SELECT b FROM s EXCEPT SELECT c FROM u", tables("t", "s", "u"), Set.of());
    }

    @Test
    void cteNamesAreNotTables() {
        touches("WITH x AS (SELECT * FROM a) SELECT * FROM x JOIN b ON x.id = b.id", tables("a", "b"), Set.of());
        touches("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 9) SELECT * FROM r",
                Set.of(), Set.of());
        touches("WITH a AS (SELECT * FROM t), b AS (SELECT * FROM a) SELECT * FROM b", tables("t"), Set.of());
        touches("WITH x AS MATERIALIZED (SELECT * FROM t) SELECT * FROM x", tables("t"), Set.of());
        // a schema-qualified name is never a CTE
        touches("WITH x AS (SELECT 1) SELECT * FROM public.x", tables("public.x"), Set.of());
        // CTE scope ends with its statement: the subquery's x is the outer query's CTE
        touches("SELECT * FROM (WITH x AS (SELECT * FROM t) SELECT * FROM x) q, x", tables("t", "x"), Set.of());
    }

    @Test
    void dataModifyingCtesWrite() {
        touches("WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d", Set.of(), tables("t"));
        touches("WITH moved AS (DELETE FROM inbox RETURNING *) INSERT INTO archive SELECT * FROM moved",
                Set.of(), tables("inbox", "archive"));
        touches("WITH a AS (SELECT id FROM src), d AS (UPDATE t SET x = 1 WHERE id IN (SELECT id FROM a) RETURNING id) "
                + "SELECT count(*) FROM d", tables("src"), tables("t"));
        SqlInfo info = info("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d");
        assertEquals(SqlStatementKind.QUERY, info.kind());
        assertFalse(info.readOnly());
    }

    @Test
    void insertUpdateDeleteMerge() {
        touches("INSERT INTO t (a) VALUES (1)", Set.of(), tables("t"));
        touches("INSERT INTO t (a) SELECT x FROM s WHERE y > 3", tables("s"), tables("t"));
        touches("INSERT INTO t SELECT * FROM t", tables("t"), tables("t"));
        touches("INSERT INTO t (a) VALUES ((SELECT max(b) FROM s))", tables("s"), tables("t"));
        touches("INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b", Set.of(), tables("t"));
        touches("INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = (SELECT max(b) FROM s)",
                tables("s"), tables("t"));
        touches("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", Set.of(), tables("t"));
        touches("INSERT INTO t DEFAULT VALUES", Set.of(), tables("t"));
        touches("INSERT OR IGNORE INTO t (a) VALUES (1)", Set.of(), tables("t"));
        touches("REPLACE INTO t (a) VALUES (1)", Set.of(), tables("t"));
        touches("UPDATE t SET a = s.a FROM s WHERE t.id = s.id", tables("s"), tables("t"));
        touches("UPDATE t SET a = (SELECT max(b) FROM s) WHERE id IN (SELECT id FROM u)", tables("s", "u"), tables("t"));
        touches("UPDATE ONLY t SET a = 1", Set.of(), tables("t"));
        touches("UPDATE OR REPLACE t SET a = 1", Set.of(), tables("t"));
        touches("DELETE FROM t USING s WHERE t.id = s.id", tables("s"), tables("t"));
        touches("DELETE FROM t WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.id = t.id) RETURNING *", tables("s"), tables("t"));
        touches("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a "
                + "WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)", tables("s"), tables("t"));
        touches("MERGE INTO t USING (SELECT * FROM s JOIN u ON u.k = s.k) q ON t.id = q.id WHEN MATCHED THEN DELETE",
                tables("s", "u"), tables("t"));
        touches("SELECT * INTO new_t FROM t", tables("t"), tables("new_t"));
    }

    @Test
    void ddl() {
        touches("CREATE TABLE n AS SELECT * FROM t", tables("t"), tables("n"));
        touches("CREATE TABLE IF NOT EXISTS n (id serial PRIMARY KEY, b text GENERATED ALWAYS AS (upper(a)) STORED)",
                Set.of(), tables("n"));
        touches("CREATE TEMP TABLE n AS SELECT a FROM t WHERE b > 1 WITH NO DATA", tables("t"), tables("n"));
        touches("CREATE VIEW v AS SELECT a FROM t", tables("t"), tables("v"));
        touches("CREATE OR REPLACE VIEW v (x) AS SELECT a FROM t JOIN s ON s.id = t.id WITH CHECK OPTION",
                tables("t", "s"), tables("v"));
        touches("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS WITH q AS (SELECT * FROM t) SELECT * FROM q WITH DATA",
                tables("t"), tables("mv"));
        touches("ALTER TABLE a RENAME TO b", Set.of(), tables("a", "b"));
        touches("ALTER TABLE app.a RENAME TO b", Set.of(), tables("app.a", "app.b"));
        touches("ALTER TABLE IF EXISTS ONLY a ADD COLUMN c int", Set.of(), tables("a"));
        touches("ALTER TABLE a RENAME COLUMN x TO y", Set.of(), tables("a"));
        touches("ALTER TABLE a SET SCHEMA archive", Set.of(), tables("a", "archive.a"));
        touches("ALTER VIEW v RENAME TO w", Set.of(), tables("v", "w"));
        touches("DROP TABLE a, b", Set.of(), tables("a", "b"));
        touches("DROP TABLE IF EXISTS public.a, \"B\"", Set.of(), Set.of(new TableRef("public", "a"), TableRef.of("B")));
        touches("DROP VIEW v", Set.of(), tables("v"));
        touches("TRUNCATE a, ONLY b", Set.of(), tables("a", "b"));
        touches("TRUNCATE TABLE a RESTART IDENTITY", Set.of(), tables("a"));
        touches("CREATE INDEX i ON t (a)", Set.of(), tables("t"));
        touches("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY public.t USING btree (lower(a)) WHERE b",
                Set.of(), tables("public.t"));
        touches("CREATE INDEX ON t (a)", Set.of(), tables("t"));
        touches("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE s SET c = c + 1; END", Set.of(), tables("t"));
        touches("REFRESH MATERIALIZED VIEW CONCURRENTLY mv", Set.of(), tables("mv"));
        touches("RENAME TABLE a TO b, c TO d", Set.of(), tables("a", "b", "c", "d"));
        touches("COPY t FROM STDIN", Set.of(), tables("t"));
        touches("COPY t (a, b) TO STDOUT WITH CSV", tables("t"), Set.of());
        touches("COPY (SELECT * FROM t WHERE a > 1) TO STDOUT", tables("t"), Set.of());
        // objects that hold no rows
        touches("DROP INDEX i", Set.of(), Set.of());
        touches("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 FROM t $$ LANGUAGE sql", Set.of(), Set.of());
        touches("CREATE SEQUENCE s", Set.of(), Set.of());
        touches("COMMENT ON TABLE t IS 'x'", Set.of(), Set.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DROP TABLE a CASCADE",
        "TRUNCATE a CASCADE",
        "DROP SCHEMA s CASCADE",
        "DROP OWNED BY bob",
        "ALTER SCHEMA a RENAME TO b",
        "GRANT SELECT ON t TO bob",
        "CALL refresh_everything()",
        "DO $$ BEGIN DELETE FROM t; END $$",
        "EXECUTE prepared_statement(1)",
        "SELECT * FROM t; garbage that is not sql",
        "CREATE TABLE t AS SELECT begin FROM x; DELETE FROM y",
    })
    void unknownReachIsReportedAsUnparsed(String sql) {
        SqlInfo info = info(sql);
        assertFalse(info.parsed(), sql);
        assertTrue(info.tablesRead().isEmpty() && info.tablesWritten().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN", "COMMIT", "SET search_path TO app", "SHOW x", "PRAGMA foreign_keys = ON", "VACUUM t", "ANALYZE t",
        "LOCK TABLE t", "LISTEN c", "DEALLOCATE ALL", "-- just a comment", "CREATE RULE r AS ON INSERT TO t DO NOTHING",
    })
    void statementsThatTouchNoRowsAreUnderstood(String sql) {
        touches(sql, Set.of(), Set.of());
    }

    @Test
    void explainRunsTheStatementOnlyWithAnalyze() {
        touches("EXPLAIN SELECT * FROM t", tables("t"), Set.of());
        touches("EXPLAIN UPDATE t SET a = 1", Set.of(), Set.of());
        touches("EXPLAIN ANALYZE DELETE FROM t", Set.of(), tables("t"));
        touches("EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", Set.of(), tables("t"));
        touches("EXPLAIN (ANALYZE false) UPDATE t SET a = 1", Set.of(), Set.of());
        touches("EXPLAIN QUERY PLAN SELECT * FROM t", tables("t"), Set.of());
    }

    @Test
    void multiStatementTextsUnionTheirTables() {
        SqlInfo info = info("BEGIN; UPDATE a SET x = 1; INSERT INTO b SELECT * FROM c; COMMIT");
        assertTrue(info.parsed());
        assertEquals(4, info.statementCount());
        assertEquals(tables("a", "b"), info.tablesWritten());
        assertEquals(tables("c"), info.tablesRead());
        assertFalse(info.readOnly());
    }

    @Test
    void readOnly() {
        assertTrue(info("SELECT * FROM t").readOnly());
        assertTrue(info("SELECT * FROM t FOR UPDATE").readOnly());
        assertFalse(info("SELECT * INTO n FROM t").readOnly());
        assertFalse(info("UPDATE t SET a = 1").readOnly());
        assertFalse(info("SELECT 1; SELECT 2").readOnly());
        assertFalse(info("SELECT * FROM t WHERE ((").readOnly());
    }
}
