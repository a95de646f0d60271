package org.jdbcoptimizer.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdbcoptimizer.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

class LintsTest {

    private final Lints lints = new Lints(1_000, 1_000);
    private final SqlAnalyzer analyzer = SqlAnalyzer.shared();

    private Set<Lint.Kind> kinds(String sql) {
        return lints.fromText(analyzer.analyze(sql)).stream().map(Lint::kind).collect(Collectors.toSet());
    }

    @Test
    void eachAntiPatternIsFoundWithItsFix() {
        assertEquals(Set.of(Lint.Kind.SELECT_STAR), kinds("select * from orders where id = ?"));
        assertEquals(Set.of(Lint.Kind.LEADING_WILDCARD_LIKE), kinds("select id from products where name like '%phone'"));
        assertEquals(Set.of(Lint.Kind.FUNCTION_ON_FILTERED_COLUMN),
                kinds("select id from customers where lower(email) = ?"));
        assertEquals(Set.of(Lint.Kind.LARGE_OFFSET), kinds("select id from orders order by id limit 20 offset 50000"));
        assertEquals(Set.of(Lint.Kind.NOT_IN_SUBQUERY),
                kinds("select id from customers where id not in (select customer_id from orders)"));
        assertEquals(Set.of(Lint.Kind.MISSING_WHERE), kinds("update products set price = price * 1.1"));
        assertEquals(Set.of(Lint.Kind.MISSING_WHERE), kinds("delete from order_items"));
        for (Lint lint : lints.fromText(analyzer.analyze("delete from order_items"))) {
            assertTrue(lint.fix().length() > 10, lint.toString());
        }
    }

    @Test
    void cleanStatementsHaveNoLints() {
        assertEquals(Set.of(), kinds("select id, name from products where category_id = ? order by id limit 20"));
        assertEquals(Set.of(), kinds("update products set price = ? where id = ?"));
        assertEquals(Set.of(), kinds("select id from orders order by id limit 20 offset 40"));
        assertEquals(Set.of(), kinds("select id from products where name like 'pho%'"));
    }

    @Test
    void unboundedResultsDependOnRowsAndLimit() {
        assertNotNull(lints.fromExecution(analyzer.analyze("select id from orders"), 5_000));
        assertNull(lints.fromExecution(analyzer.analyze("select id from orders"), 10));
        assertNull(lints.fromExecution(analyzer.analyze("select id from orders limit 10000"), 5_000));
        List<Lint> none = lints.fromText(analyzer.analyze("select id from orders"));
        assertEquals(List.of(), none);
    }
}
