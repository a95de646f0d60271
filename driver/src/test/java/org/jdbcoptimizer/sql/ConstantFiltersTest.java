package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConstantFiltersTest {

    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static List<ConstantFilter> of(String sql) {
        return ANALYZER.constantFilters(sql);
    }

    @Test
    void topLevelEqualitiesKeepTheirLiteralOrParameterIndex() {
        TableRef orders = new TableRef("app", "orders");
        assertEquals(List.of(new ConstantFilter(orders, "status", "pending", 0),
                        new ConstantFilter(orders, "kind", 3L, 0), new ConstantFilter(orders, "region", null, 2)),
                of("select o.id from app.orders o where o.status = 'pending' and created_at > ? and 3 = kind"
                        + " and region = ? order by created_at"));
    }

    @Test
    void conditionsThatDoNotHoldForEveryRowAreLeftOut() {
        assertEquals(List.of(), of("select id from orders where status = 'pending' or status = 'new'"));
        assertEquals(List.of(), of("select id from orders where not (status = 'pending')"));
        assertEquals(List.of(), of("select id from orders where id in (select order_id from lines where sku = 'x')"));
        // unqualified with two tables in scope: whose column is unknown
        assertEquals(List.of(), of("select o.id from orders o join lines l on l.order_id = o.id where status = 'x'"));
    }

    @Test
    void literalsThatCouldConfuseRequotingAreLeftOut() {
        assertEquals(List.of(), of("select id from orders where status = 'it''s'"));
        assertEquals(List.of(), of("select id from orders where status = E'a\\\\b'"));
    }

    @Test
    void updatesAndDeletesCountAndOtherStatementsGiveNothing() {
        TableRef orders = new TableRef(null, "orders");
        assertEquals(List.of(new ConstantFilter(orders, "status", "pending", 0)),
                of("update orders set total = ? where status = 'pending'"));
        assertEquals(List.of(new ConstantFilter(orders, "status", "gone", 0)),
                of("delete from orders where status = 'gone'"));
        assertEquals(List.of(), of("insert into orders (status) values ('pending')"));
        assertEquals(List.of(), of("select 1; select 2"));
        assertEquals(List.of(), of("this is not sql = 'x'"));
    }
}
