package org.jdbcoptimizer.sql;

import static org.jdbcoptimizer.sql.Analyzed.info;
import static org.jdbcoptimizer.sql.Analyzed.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jdbcoptimizer.sql.Predicate.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredicateExtractionTest {

    private static Predicate p(String table, String column, Operator op) {
        return Predicate.of(table == null ? null : table(table), column, op);
    }

    private static ColumnRef c(String table, String column) {
        return new ColumnRef(table == null ? null : table(table), column);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "a = 1                      ; EQUALS",
        "1 = a                      ; EQUALS",
        "a = ?                      ; EQUALS",
        "a = $1                     ; EQUALS",
        "a = now()                  ; EQUALS",
        "a IS TRUE                  ; EQUALS",
        "a                          ; EQUALS",
        "NOT a                      ; EQUALS",
        "a < 5                      ; RANGE",
        "a <= ?                     ; RANGE",
        "10 > a                     ; RANGE",
        "a >= now() - interval '1 day' ; RANGE",
        "a BETWEEN 1 AND 5          ; RANGE",
        "NOT (a > 5)                ; RANGE",
        "a IN (1, 2, 3)             ; IN",
        "a IN (SELECT b FROM s)     ; IN",
        "a = ANY(?)                 ; IN",
        "a = ANY(ARRAY[1, 2])       ; IN",
        "a = ANY(SELECT b FROM s)   ; IN",
        "a LIKE 'abc%'              ; LIKE_PREFIX",
        "a LIKE ?                   ; LIKE_PREFIX",
        "a LIKE 'abc'               ; LIKE_PREFIX",
        "a LIKE '%abc'              ; LIKE_CONTAINS",
        "a LIKE '_bc%'              ; LIKE_CONTAINS",
        "a LIKE '%' || ? || '%'     ; LIKE_CONTAINS",
        "a ILIKE 'abc%'             ; LIKE_CONTAINS",
        "a IS NULL                  ; IS_NULL",
        "a IS NOT NULL              ; IS_NULL",
        "a <> 1                     ; NOT_EQUALS",
        "a != ?                     ; NOT_EQUALS",
        "NOT (a = 1)                ; NOT_EQUALS",
        "a NOT IN (1, 2)            ; NOT_EQUALS",
        "a <> ALL(SELECT b FROM s)  ; NOT_EQUALS",
        "a NOT LIKE 'x%'            ; OTHER",
        "a ~ '^x'                   ; OTHER",
        "a @> ?                     ; OTHER",
        "a + 1 = 5                  ; OTHER",
        "a IS DISTINCT FROM 1       ; OTHER",
        "a SIMILAR TO 'x'           ; OTHER",
    })
    void operatorOfEachConditionForm(String condition, Operator op) {
        SqlInfo info = info("SELECT * FROM t WHERE " + condition);
        assertTrue(info.parsed(), condition);
        assertEquals(List.of(p("t", "a", op)), info.predicates(), condition);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "lower(email) = ?             ; lower",
        "date(created_at) > ?         ; date",
        "created_at::date = ?         ; ::date",
        "CAST(created_at AS date) = ? ; ::date",
        "upper(trim(email)) LIKE 'A%' ; upper",
        "coalesce(deleted, false) = ? ; coalesce",
        "pg_catalog.lower(email) = ?  ; pg_catalog.lower",
        "EXTRACT(year FROM email) = 1 ; extract",
        "email AT TIME ZONE 'UTC' > ? ; timezone",
    })
    void functionsOnColumnsNameTheFunction(String condition, String function) {
        SqlInfo info = info("SELECT * FROM t WHERE " + condition);
        assertEquals(1, info.predicates().size(), condition);
        Predicate predicate = info.predicates().get(0);
        assertEquals(Operator.FUNCTION_ON_COLUMN, predicate.op());
        assertEquals(function, predicate.function());
        assertEquals(table("t"), predicate.table());
    }

    @Test
    void onConflictColumnsBelongToTheTarget() {
        SqlInfo info = info("INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = excluded.b "
                + "WHERE t.b IS DISTINCT FROM excluded.b AND c = 1 RETURNING d");
        assertTrue(info.parsed());
        assertEquals(List.of("t"), info.tablesWritten().stream().map(TableRef::name).toList());
    }

    @Test
    void rowComparisonsRecordEachColumn() {
        assertEquals(List.of(p("t", "a", Operator.EQUALS), p("t", "b", Operator.EQUALS)),
                info("SELECT * FROM t WHERE (a, b) = (1, ?)").predicates());
        assertEquals(List.of(p("t", "a", Operator.IN), p("t", "b", Operator.IN)),
                info("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))").predicates());
    }

    @Test
    void aliasesAndQualifiedNamesResolveToTables() {
        SqlInfo info = info("SELECT * FROM orders o JOIN public.customers ON customers.id = o.customer_id "
                + "WHERE o.status = 'open' AND public.customers.country IN ('FR', 'DE') AND customers.vip AND total > 10");
        assertEquals(List.of(p("orders", "status", Operator.EQUALS), p("public.customers", "country", Operator.IN),
                p("public.customers", "vip", Operator.EQUALS), p(null, "total", Operator.RANGE)), info.predicates());
        assertEquals(List.of(JoinPair.of(c("public.customers", "id"), c("orders", "customer_id"))), info.joins());
    }

    @Test
    void unqualifiedColumnsResolveToTheOnlyTable() {
        assertEquals(List.of(p("users", "email", Operator.EQUALS)),
                info("SELECT id FROM users WHERE email = ?").predicates());
        assertEquals(List.of(p("users", "email", Operator.EQUALS)),
                info("UPDATE users SET name = ? WHERE email = ?").predicates());
        assertEquals(List.of(p("users", "id", Operator.EQUALS)), info("DELETE FROM users u WHERE u.id = 1").predicates());
        // two tables: ambiguous
        assertEquals(List.of(p(null, "email", Operator.EQUALS)),
                info("SELECT * FROM users, accounts WHERE email = ?").predicates());
    }

    @Test
    void quotedColumnsKeepTheirCase() {
        assertEquals(List.of(p("Users", "Email", Operator.EQUALS)),
                info("SELECT * FROM \"Users\" WHERE \"Email\" = ? ").predicates());
        assertEquals(List.of(p("users", "email", Operator.EQUALS)),
                info("SELECT * FROM USERS WHERE EMAIL = ?").predicates());
    }

    @Test
    void subqueriesHaveTheirOwnScopeAndCorrelate() {
        SqlInfo info = info("SELECT * FROM t WHERE a = 1 AND EXISTS (SELECT 1 FROM s WHERE s.t_id = t.id AND b > 2)");
        assertEquals(List.of(p("t", "a", Operator.EQUALS), p("s", "b", Operator.RANGE)), info.predicates());
        assertEquals(List.of(JoinPair.of(c("s", "t_id"), c("t", "id"))), info.joins());
    }

    @Test
    void joinPairsFromOnUsingAndWhere() {
        SqlInfo info = info("SELECT * FROM a JOIN b ON a.id = b.a_id JOIN c USING (k), d WHERE d.x = a.y AND d.z > a.w");
        assertEquals(List.of(JoinPair.of(c("a", "id"), c("b", "a_id")), JoinPair.of(c(null, "k"), c("c", "k")),
                JoinPair.of(c("d", "x"), c("a", "y"))), info.joins());
        // non-equality between two columns is not a join pair
        assertEquals(List.of(p("d", "z", Operator.OTHER), p("a", "w", Operator.OTHER)), info.predicates());
        // the side a column is written on does not matter
        assertEquals(info.joins(), info("SELECT * FROM a JOIN b ON b.a_id = a.id JOIN c USING (k), d "
                + "WHERE a.y = d.x AND d.z > a.w").joins());
        assertEquals(JoinPair.of(c("a", "id"), c("b", "a_id")), JoinPair.of(c("b", "a_id"), c("a", "id")));
        assertEquals(List.of(JoinPair.of(c("t1", "id"), c("t2", "id"))), info("SELECT * FROM t1 JOIN t2 USING (id)").joins());
    }

    @Test
    void orderByAndGroupByColumns() {
        SqlInfo info = info("SELECT o.status, count(*) AS n FROM orders o GROUP BY o.status ORDER BY o.status DESC, n");
        assertEquals(List.of(c("orders", "status")), info.groupBy());
        assertEquals(List.of(c("orders", "status")), info.orderBy());
        // by output alias and by position
        assertEquals(List.of(c("t", "b"), c("t", "a")), info("SELECT a, b AS x FROM t ORDER BY x, 1").orderBy());
        assertEquals(List.of(c("t", "a")), info("SELECT a, count(*) FROM t GROUP BY 1").groupBy());
        // expressions are not columns
        assertEquals(List.of(), info("SELECT * FROM t ORDER BY lower(name)").orderBy());
    }

    @Test
    void functionsCalled() {
        SqlInfo info = info("SELECT now(), random(), nextval('s'), pg_catalog.upper(a), count(*) OVER (), "
                + "current_timestamp, CURRENT_DATE, current_user FROM t WHERE b > (SELECT max(c) FROM s)");
        assertEquals(List.of("now", "random", "nextval", "pg_catalog.upper", "count", "current_timestamp",
                "current_date", "current_user", "max"), List.copyOf(info.functions()));
        assertEquals(List.of(), List.copyOf(info("SELECT * FROM t WHERE a = ANY(?)").functions()));
    }

    @Test
    void flags() {
        SqlInfo star = info("SELECT * FROM t WHERE a = 1 LIMIT 10 OFFSET 20 FOR UPDATE");
        assertTrue(star.selectStar() && star.hasWhere() && star.hasLimit() && star.forUpdate());
        assertEquals(10, star.limit().getAsLong());
        assertEquals(20, star.offset().getAsLong());
        assertTrue(info("SELECT t.* FROM t").selectStar());
        SqlInfo plain = info("SELECT a FROM t WHERE a IN (SELECT * FROM s LIMIT 1)");
        assertTrue(!plain.selectStar() && plain.hasWhere() && !plain.hasLimit() && !plain.forUpdate());
        assertTrue(!info("SELECT count(*) FROM t").selectStar());
        SqlInfo paged = info("SELECT a FROM t LIMIT ?");
        assertTrue(paged.hasLimit() && paged.limit().isEmpty());
        assertEquals(10, info("SELECT a FROM t LIMIT 5, 10").limit().getAsLong());
        assertEquals(5, info("SELECT a FROM t LIMIT 5, 10").offset().getAsLong());
        assertEquals(3, info("SELECT a FROM t FETCH FIRST 3 ROWS ONLY").limit().getAsLong());
        assertTrue(!info("SELECT a FROM t LIMIT ALL").hasLimit());
        assertTrue(info("SELECT * FROM t FOR NO KEY UPDATE").forUpdate());
        assertTrue(info("SELECT * FROM t FOR KEY SHARE SKIP LOCKED").forUpdate());
        assertTrue(info("SELECT * FROM t FOR SHARE").forUpdate());
        assertTrue(!info("UPDATE t SET a = 1").hasWhere());
        assertTrue(!info("WITH x AS (SELECT * FROM s WHERE b) DELETE FROM t").hasWhere());
        assertEquals(3, info("SELECT * FROM t WHERE a = ? AND b IN (?, ?)").placeholderCount());
        assertEquals(2, info("SELECT * FROM t WHERE a = $2 AND b = $1 AND c = $2").placeholderCount());
        assertEquals(0, info("SELECT '?' FROM t WHERE a ?? 'k' -- ?").placeholderCount());
    }
}
