package org.jdbcoptimizer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowFactsTest {

    private final SqlAnalyzer analyzer = SqlAnalyzer.shared();

    @Test
    void joinQueryKnowsPositionsPerTableAndMembership() {
        RowFacts.RowQuery q = analyzer.rowFacts("select p.id, p.name, p.price, c.name from products p"
                + " join categories c on c.id = p.category_id where p.id = ? order by p.name").query();
        assertNotNull(q);
        assertEquals(List.of(TableRef.of("products"), TableRef.of("categories")), q.tables());
        assertEquals(Map.of("id", 1, "name", 2, "price", 3), q.positions().get(TableRef.of("products")));
        assertEquals(Map.of("name", 4), q.positions().get(TableRef.of("categories")));
        assertTrue(q.membership().containsAll(Set.of("id", "category_id", "name")));
        assertTrue(!q.membership().contains("price"), q.membership().toString());
    }

    @Test
    void singleTableUnqualifiedColumnsAndStar() {
        RowFacts.RowQuery q = analyzer.rowFacts("select id, name, price from products where category_id = ?"
                + " order by id").query();
        assertEquals(Map.of("id", 1, "name", 2, "price", 3), q.positions().get(TableRef.of("products")));
        assertEquals(Set.of("category_id", "id"), q.membership());
        RowFacts.RowQuery star = analyzer.rowFacts("select * from products where id = ?").query();
        assertEquals(Set.of(TableRef.of("products")), star.allColumns());
    }

    @Test
    void orderByAliasOrPositionAddsTheItemsColumns() {
        RowFacts.RowQuery byAlias = analyzer.rowFacts("select id, price * 2 as doubled from products order by doubled")
                .query();
        assertTrue(byAlias.membership().contains("price"), byAlias.membership().toString());
        RowFacts.RowQuery byPosition = analyzer.rowFacts("select id, price from products order by 2 limit 5").query();
        assertTrue(byPosition.membership().contains("price"), byPosition.membership().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select count(*) from products",
            "select id, max(price) from products",
            "select distinct category_id from products",
            "select category_id, sum(price) from products group by category_id",
            "select id from products where id in (select product_id from orders)",
            "select id, row_number() over (order by price) from products",
            "select p.id from products p join products q on q.id = p.parent_id",
            "select id from products union select id from archived",
            "with x as (select 1) select id from products",
            "select id from (select id from products) s",
            "select id from products natural join categories",
            "select id, my_function(price) from products",
            "select id from products where exists (select 1 from orders o where o.product_id = products.id)",
            "insert into products (id) values (?)",
            "select 1; select 2",
    })
    void anythingElseIsNoRowQuery(String sql) {
        assertNull(analyzer.rowFacts(sql).query(), sql);
    }

    @Test
    void keyedUpdateFindsTheParameterOfItsKey() {
        RowFacts.KeyedUpdate u = analyzer.rowFacts("update products set price = ?, stock = stock - 1"
                + " where id = ? and price < ?").update();
        assertNotNull(u);
        assertEquals(TableRef.of("products"), u.table());
        assertEquals(Set.of("price", "stock"), u.setColumns());
        assertEquals(Map.of("id", 2), u.keyParameters());
        RowFacts.KeyedUpdate flipped = analyzer.rowFacts("update products p set name = ? where ? = p.id").update();
        assertEquals(Map.of("id", 2), flipped.keyParameters());
    }

    @Test
    void keyedDeleteFindsTheParameterOfItsKeyAndSetsNothing() {
        RowFacts.KeyedUpdate d = analyzer.rowFacts("delete from products p where p.id = ? and stock = ?").update();
        assertNotNull(d);
        assertTrue(d.deletes());
        assertEquals(TableRef.of("products"), d.table());
        assertEquals(Set.of(), d.setColumns());
        assertEquals(Map.of("id", 1, "stock", 2), d.keyParameters());
        assertTrue(!analyzer.rowFacts("update products set price = ? where id = ?").update().deletes());
    }

    @Test
    void aQueryWithAnOffsetSkipsRows() {
        assertTrue(analyzer.rowFacts("select id from products order by id limit 10 offset ?").query().skipsRows());
        assertTrue(analyzer.rowFacts("select id from products order by id offset 5 rows").query().skipsRows());
        assertTrue(analyzer.rowFacts("select id from products order by id limit 5, 10").query().skipsRows());
        assertTrue(!analyzer.rowFacts("select id from products order by id limit 10").query().skipsRows());
        assertTrue(!analyzer.rowFacts("select id from products where id = ?").query().skipsRows());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update products set price = ? where id = 5",
            "update products set price = ? where id = ? or stock = 0",
            "update products set price = ? where id > ?",
            "update products set price = ?",
            "update products set price = ? from categories c where c.id = products.category_id and products.id = ?",
            "update products set price = ? where other.id = ?",
            "delete from products where id = 5",
            "delete from products where id = ? or stock = 0",
            "delete from products",
            "delete from products using orders o where o.product_id = products.id and products.id = ?",
            "with gone as (select 1) delete from products where id = ?",
    })
    void otherWritesAreNotKeyed(String sql) {
        assertNull(analyzer.rowFacts(sql).update(), sql);
    }

    @Test
    void unparseableTextHasNoFacts() {
        assertSame(RowFacts.NONE, analyzer.rowFacts("select from where ((("));
        assertSame(RowFacts.NONE, analyzer.rowFacts(null));
    }
}
