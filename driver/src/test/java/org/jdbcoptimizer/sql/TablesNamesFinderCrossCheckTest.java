package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.junit.jupiter.api.Test;

/**
 * Our walk must find at least every table JSqlParser's own TablesNamesFinder finds (it finds
 * fewer: it misses subqueries in ORDER BY and ON CONFLICT DO UPDATE, which we do not).
 */
class TablesNamesFinderCrossCheckTest {

    private static final List<String> STATEMENTS = List.of(
            "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN items i USING (order_id)",
            "SELECT * FROM a, b CROSS JOIN c WHERE a.x IN (SELECT x FROM d WHERE d.y = b.y)",
            "SELECT (SELECT max(x) FROM s), coalesce((SELECT min(y) FROM u), 0) FROM t",
            "SELECT * FROM t WHERE a = ANY (SELECT b FROM s) AND EXISTS (SELECT 1 FROM u WHERE u.id = t.id)",
            "SELECT * FROM t, LATERAL (SELECT * FROM s WHERE s.id = t.id) q",
            "WITH x AS (SELECT * FROM a), y AS (SELECT * FROM x JOIN b ON b.id = x.id) SELECT * FROM y, c",
            "SELECT ARRAY(SELECT b FROM s) FROM t",
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM s) THEN (SELECT 2 FROM u) END FROM t",
            "SELECT a FROM t UNION SELECT b FROM s EXCEPT SELECT c FROM u",
            "INSERT INTO t (a) SELECT x FROM s WHERE y > (SELECT avg(y) FROM u)",
            "UPDATE t SET a = (SELECT max(b) FROM s) FROM u WHERE t.id = u.id AND t.k IN (SELECT k FROM v)",
            "DELETE FROM t USING s WHERE t.id = s.id AND t.x IN (SELECT x FROM u)",
            "MERGE INTO t USING (SELECT * FROM s JOIN u ON u.k = s.k) q ON t.id = q.id "
                    + "WHEN MATCHED THEN UPDATE SET a = (SELECT 1 FROM v)",
            "SELECT * FROM public.orders, \"Order\", \"my schema\".\"T\"",
            "SELECT * FROM t WHERE a IN (SELECT b FROM s UNION SELECT c FROM u)",
            "SELECT * FROM (SELECT * FROM (SELECT * FROM deep) a) b",
            "SELECT * FROM t1 LEFT JOIN LATERAL (SELECT * FROM t2 WHERE t2.x = t1.x LIMIT 1) l ON true");

    @Test
    void weFindEverythingTheLibraryFinds() throws Exception {
        List<String> statements = new ArrayList<>(STATEMENTS);
        SqlFingerprintTest.corpus().values().forEach(statements::addAll);
        int compared = 0;
        for (String sql : statements) {
            SqlInfo info = Analyzed.info(sql);
            if (!info.parsed() || info.statementCount() != 1 || info.kind() == SqlStatementKind.DDL
                    || sql.regionMatches(true, 0, "with", 0, 4) && sql.toLowerCase().contains("delete")) {
                continue;
            }
            String parseText = SqlFingerprint.parseText(ParserRewrite.apply(Statements.split(SqlLexer.tokenize(sql)).get(0)));
            Statement statement = CCJSqlParserUtil.parse(parseText);
            Set<TableRef> ours = new HashSet<>(info.tablesRead());
            ours.addAll(info.tablesWritten());
            for (String name : new TablesNamesFinder<Void>().getTables(statement)) {
                String[] parts = name.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
                String table = AstNames.normalize(parts[parts.length - 1]);
                String schema = parts.length > 1 ? AstNames.normalize(parts[parts.length - 2]) : null;
                TableRef ref = new TableRef(schema, table);
                assertTrue(ours.contains(ref), () -> "missed " + ref + " in " + sql + "; found " + ours);
            }
            compared++;
        }
        assertTrue(compared > 40, "compared " + compared);
    }
}
