package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalidation by key: an update by primary key leaves cached results that do not hold the key
 * valid (served as hits), and makes every result that holds it, or whose rows its set columns
 * decide, fresh at once. On the real PostgreSQL and SQLite.
 */
class KeyInvalidationTest {

    private static final String PRODUCT_PAGE = "select p.id, p.name, p.price, c.name from %s p join %s c"
            + " on c.id = p.category_id where p.id = ?";
    private static final String CATEGORY_PAGE = "select id, name, price from %s where category_id = ? order by id";

    @TempDir
    Path dir;

    private final String products = "key_p_" + Long.toHexString(System.nanoTime());
    private final String categories = products.replace("key_p_", "key_c_");

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        Caches.clear();
        TestDatabases.postgresExecute("drop table if exists " + products, "drop table if exists " + categories);
    }

    private String postgres() throws SQLException {
        TestDatabases.postgresExecute(
                "create table " + categories + " (id int primary key, name text)",
                "create table " + products + " (id int primary key, name text, price int, category_id int)",
                "insert into " + categories + " values (1, 'tools'), (2, 'toys')",
                "insert into " + products + " select g, 'p' || g, 10, 1 + g % 2 from generate_series(1, 6) g");
        return TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.name=" + products
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl"));
    }

    private String sqlite() throws SQLException {
        String url = "jdbc:optimizer:sqlite:" + dir.resolve("keys.db") + "?optimizer.cache=true&optimizer.pool.maxSize=8"
                + "&optimizer.pool.name=" + products + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table " + categories + " (id integer primary key, name text)");
            statement.execute("create table " + products + " (id integer primary key, name text, price integer,"
                    + " category_id integer)");
            statement.execute("insert into " + categories + " values (1, 'tools'), (2, 'toys')");
            for (int id = 1; id <= 6; id++) {
                statement.execute("insert into " + products + " values (" + id + ", 'p" + id + "', 10, "
                        + (1 + id % 2) + ")");
            }
        }
        return url;
    }

    @Test
    void priceUpdateByKeyKeepsOtherPagesPostgres() throws Exception {
        priceUpdateByKeyKeepsOtherPages(postgres());
    }

    @Test
    void priceUpdateByKeyKeepsOtherPagesSqlite() throws Exception {
        priceUpdateByKeyKeepsOtherPages(sqlite());
    }

    private void priceUpdateByKeyKeepsOtherPages(String url) throws Exception {
        writeOfProductOneKeepsOtherPages(url, "update " + products + " set price = ? where id = ?",
                new Object[] {99, 1}, 99, List.of(99, 10, 10));
    }

    /**
     * After a write by key of product 1, its page and its category's page are fresh (not hits), and
     * the other pages are still hits. Products 1, 3, 5 are in category 2; 2, 4, 6 in category 1.
     *
     * @param productOnePrice what product 1's page shows after the write, -1 for no row
     */
    private void writeOfProductOneKeepsOtherPages(String url, String write, Object[] parameters, int productOnePrice,
                                                  List<Integer> categoryTwoPrices) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            warm(connection);
            long hitsBefore = stats().hits();
            assertEquals(1, update(connection, write, parameters));
            assertEquals(productOnePrice, productPriceOrAbsent(connection, 1), "the written product's page is fresh");
            assertEquals(categoryTwoPrices, categoryPrices(connection, 2), "its category page is fresh");
            long afterFresh = stats().hits();
            assertEquals(hitsBefore, afterFresh, "the two pages that held product 1 were not hits");
            assertEquals(10, productPrice(connection, 2));
            assertEquals(10, productPrice(connection, 3));
            assertEquals(List.of(10, 10, 10), categoryPrices(connection, 1));
            assertEquals(afterFresh + 3, stats().hits(), "pages without product 1 stayed cached: " + stats());
        }
    }

    @Test
    void updateOfAMembershipColumnMovesTheRowPostgres() throws Exception {
        updateOfAMembershipColumnMovesTheRow(postgres());
    }

    @Test
    void updateOfAMembershipColumnMovesTheRowSqlite() throws Exception {
        updateOfAMembershipColumnMovesTheRow(sqlite());
    }

    private void updateOfAMembershipColumnMovesTheRow(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            warm(connection);
            update(connection, "update " + products + " set category_id = ? where id = ?", 1, 1);
            assertEquals(List.of(10, 10, 10, 10), categoryPrices(connection, 1), "product 1 joined category 1");
            assertEquals(List.of(10, 10), categoryPrices(connection, 2), "and left category 2");
        }
    }

    @Test
    void keyedUpdateInATransactionIsSeenByOthersAtCommitPostgres() throws Exception {
        keyedUpdateInATransaction(postgres());
    }

    @Test
    void keyedUpdateInATransactionIsSeenByOthersAtCommitSqlite() throws Exception {
        keyedUpdateInATransaction(sqlite());
    }

    private void keyedUpdateInATransaction(String url) throws Exception {
        try (Connection writer = DriverManager.getConnection(url); Connection reader = DriverManager.getConnection(url)) {
            warm(reader);
            writer.setAutoCommit(false);
            update(writer, "update " + products + " set price = ? where id = ?", 50, 4);
            assertEquals(50, productPrice(writer, 4), "the transaction reads its own write");
            writer.rollback();
            assertEquals(10, productPrice(reader, 4), "a rolled back update changes nothing");
            update(writer, "update " + products + " set price = ? where id = ?", 60, 4);
            writer.commit();
            assertEquals(60, productPrice(reader, 4), "committed: fresh for another connection");
            assertEquals(List.of(10, 60, 10), categoryPrices(reader, 1));
            writer.setAutoCommit(true);
        }
    }

    @Test
    void deleteByKeyKeepsOtherPagesPostgres() throws Exception {
        deleteByKeyKeepsOtherPages(postgres());
    }

    @Test
    void deleteByKeyKeepsOtherPagesSqlite() throws Exception {
        deleteByKeyKeepsOtherPages(sqlite());
    }

    private void deleteByKeyKeepsOtherPages(String url) throws Exception {
        writeOfProductOneKeepsOtherPages(url, "delete from " + products + " where id = ?", new Object[] {1},
                -1, List.of(10, 10));
    }

    @Test
    void deleteByKeyDropsWindowsPastAnOffsetAndAggregatesPostgres() throws Exception {
        deleteByKeyDropsWindowsPastAnOffsetAndAggregates(postgres());
    }

    @Test
    void deleteByKeyDropsWindowsPastAnOffsetAndAggregatesSqlite() throws Exception {
        deleteByKeyDropsWindowsPastAnOffsetAndAggregates(sqlite());
    }

    /**
     * A window past an offset does not hold the deleted row, yet shifts when it goes; a count holds
     * no key at all. Both must be fresh after a delete by key.
     */
    private void deleteByKeyDropsWindowsPastAnOffsetAndAggregates(String url) throws Exception {
        String window = "select id, price from " + products + " order by id limit 2 offset 2";
        String firstTwo = "select id, price from " + products + " order by id limit 2";
        String count = "select count(*) from " + products;
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int round = 0; round < 2; round++) { // the second round is served from the cache
                assertEquals(List.of(3L, 4L), longs(connection, window));
                assertEquals(List.of(1L, 2L), longs(connection, firstTwo));
                assertEquals(List.of(6L), longs(connection, count));
            }
            update(connection, "delete from " + products + " where id = ?", 5);
            long hits = stats().hits();
            assertEquals(List.of(1L, 2L), longs(connection, firstTwo), "a window before the deleted row is kept");
            assertEquals(hits + 1, stats().hits(), "and served from the cache: " + stats());
            update(connection, "delete from " + products + " where id = ?", 1);
            assertEquals(List.of(4L, 6L), longs(connection, window), "the window past the offset shifted");
            assertEquals(List.of(2L, 3L), longs(connection, firstTwo));
            assertEquals(List.of(4L), longs(connection, count));
        }
    }

    @Test
    void keyedDeleteInATransactionIsSeenByOthersAtCommitPostgres() throws Exception {
        keyedDeleteInATransaction(postgres());
    }

    @Test
    void keyedDeleteInATransactionIsSeenByOthersAtCommitSqlite() throws Exception {
        keyedDeleteInATransaction(sqlite());
    }

    private void keyedDeleteInATransaction(String url) throws Exception {
        try (Connection writer = DriverManager.getConnection(url); Connection reader = DriverManager.getConnection(url)) {
            warm(reader);
            writer.setAutoCommit(false);
            update(writer, "delete from " + products + " where id = ?", 2);
            assertEquals(-1, productPriceOrAbsent(writer, 2), "the transaction reads its own delete");
            writer.rollback();
            assertEquals(10, productPrice(reader, 2), "a rolled back delete changes nothing");
            update(writer, "delete from " + products + " where id = ?", 2);
            writer.commit();
            assertEquals(-1, productPriceOrAbsent(reader, 2), "committed: gone for another connection");
            assertEquals(List.of(10, 10), categoryPrices(reader, 1));
            writer.setAutoCommit(true);
        }
    }

    @Test
    void updatesNotByKeyStillInvalidateTheWholeTable() throws Exception {
        String url = postgres();
        try (Connection connection = DriverManager.getConnection(url)) {
            warm(connection);
            update(connection, "update " + products + " set price = ? where name = ?", 77, "p2");
            assertEquals(77, productPrice(connection, 2));
            long hits = stats().hits();
            productPrice(connection, 3);
            assertEquals(hits, stats().hits(), "a write by another column drops every page of the table");
            productPrice(connection, 1);
            update(connection, "update " + products + " set price = ? where id = ?", 78, 3.0d); // not an integer
            assertEquals(78, productPrice(connection, 3));
            productPrice(connection, 1);
            assertEquals(hits, stats().hits(), "a key that is not an integer drops every page of the table");
        }
    }

    @Test
    void noReadIsOlderThanAKeyedUpdateThatReturnedBeforeItPostgres() throws Exception {
        race(postgres(), 3, 5, 800, false);
    }

    @Test
    void noReadIsOlderThanAKeyedUpdateThatReturnedBeforeItSqlite() throws Exception {
        race(sqlite(), 2, 3, 300, false);
    }

    @Test
    void noReadShowsARowDeletedByKeyBeforeItPostgres() throws Exception {
        race(postgres(), 3, 5, 600, true);
    }

    @Test
    void noReadShowsARowDeletedByKeyBeforeItSqlite() throws Exception {
        race(sqlite(), 2, 3, 200, true);
    }

    /**
     * Writers raise prices by key (in auto-commit and in transactions, some rolled back) and note
     * each committed price as that product's floor; readers note the floors before each product or
     * category page and check that no price shown is below them.
     *
     * <p>With {@code deletes}, each writer owns some products and instead deletes one by key and
     * inserts it again with a higher price: once the delete has committed, its floor is above the
     * deleted price, so a page still showing the deleted row is caught as stale.
     */
    private void race(String url, int writers, int readers, int writesPerWriter, boolean deletes) throws Exception {
        AtomicLong[] floor = new AtomicLong[7];
        for (int i = 1; i <= 6; i++) {
            floor[i] = new AtomicLong(10);
        }
        AtomicLong nextPrice = new AtomicLong(10);
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writersRunning = new AtomicInteger(writers);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(writers + readers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(executor.submit(() -> {
                start.await();
                try (Connection connection = DriverManager.getConnection(url)) {
                    if (deletes) {
                        deleteAndInsertAgain(connection, writer, writers, writesPerWriter, floor, nextPrice);
                        return null;
                    }
                    for (int i = 0; i < writesPerWriter; i++) {
                        int id = 1 + (i * 7 + writer) % 6;
                        boolean transaction = i % 3 == 1;
                        connection.setAutoCommit(!transaction);
                        long price = nextPrice.incrementAndGet();
                        int updated = update(connection, "update " + products + " set price = ? where id = ? and price < ?",
                                price, id, price);
                        if (transaction) {
                            if (i % 9 == 4) {
                                connection.rollback();
                                continue;
                            }
                            connection.commit();
                        }
                        if (updated == 1) {
                            floor[id].accumulateAndGet(price, Math::max);
                        }
                    }
                    connection.setAutoCommit(true);
                } finally {
                    writersRunning.decrementAndGet();
                }
                return null;
            }));
        }
        for (int r = 0; r < readers; r++) {
            int reader = r;
            futures.add(executor.submit(() -> {
                start.await();
                int i = reader;
                while (writersRunning.get() > 0) {
                    i++;
                    try (Connection connection = DriverManager.getConnection(url)) {
                        if (i % 3 == 0) {
                            int category = 1 + i % 2;
                            long[] floors = new long[7];
                            for (int id = 1; id <= 6; id++) {
                                floors[id] = floor[id].get();
                            }
                            try (PreparedStatement query = connection.prepareStatement(
                                    String.format(CATEGORY_PAGE, products))) {
                                query.setInt(1, category);
                                try (ResultSet rs = query.executeQuery()) {
                                    while (rs.next()) {
                                        if (rs.getLong(3) < floors[rs.getInt(1)]) {
                                            stale.incrementAndGet();
                                        }
                                    }
                                }
                            }
                        } else {
                            int id = 1 + i % 6;
                            long atLeast = floor[id].get();
                            int price = productPriceOrAbsent(connection, id); // absent: between delete and insert
                            if (price != -1 && price < atLeast) {
                                stale.incrementAndGet();
                            }
                        }
                        reads.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(300, TimeUnit.SECONDS);
        }
        executor.shutdown();
        assertEquals(0, stale.get(), "stale reads out of " + reads.get());
        assertTrue(stats().hits() > 0, "the cache was used: " + stats());
    }

    /**
     * One writer's share of the delete race: its products (those equal to {@code writer} modulo
     * {@code writers}) are deleted by key and inserted again with a higher price, in auto-commit or
     * in a transaction (some rolled back). Only this writer writes them, so it knows each one's price.
     */
    private void deleteAndInsertAgain(Connection connection, int writer, int writers, int rounds, AtomicLong[] floor,
                                      AtomicLong nextPrice) throws SQLException {
        long[] current = new long[7];
        java.util.Arrays.fill(current, 10);
        for (int i = 0; i < rounds; i++) {
            int id = 1 + writer + (i % (6 / writers + 1)) * writers;
            if (id > 6) {
                continue;
            }
            boolean transaction = i % 3 == 1;
            connection.setAutoCommit(!transaction);
            long price = nextPrice.incrementAndGet();
            update(connection, "delete from " + products + " where id = ?", id);
            if (!transaction) {
                floor[id].accumulateAndGet(current[id] + 1, Math::max); // committed: the old row is gone
            }
            update(connection, "insert into " + products + " (id, name, price, category_id) values (?, ?, ?, ?)",
                    id, "p" + id, price, 1 + id % 2);
            if (transaction && i % 9 == 4) {
                connection.rollback();
                continue;
            }
            if (transaction) {
                connection.commit();
            }
            current[id] = price;
            floor[id].accumulateAndGet(price, Math::max);
        }
        connection.setAutoCommit(true);
    }

    private void warm(Connection connection) throws SQLException {
        for (int id = 1; id <= 3; id++) {
            productPrice(connection, id);
        }
        categoryPrices(connection, 1);
        categoryPrices(connection, 2);
        long hits = stats().hits();
        for (int id = 1; id <= 3; id++) {
            productPrice(connection, id);
        }
        categoryPrices(connection, 1);
        categoryPrices(connection, 2);
        assertEquals(hits + 5, stats().hits(), "warm pages are hits: " + stats());
    }

    private int productPrice(Connection connection, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(String.format(PRODUCT_PAGE, products, categories))) {
            query.setInt(1, id);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "product " + id);
                return rs.getInt(3);
            }
        }
    }

    /** The product page's price, or -1 when the product has no row. */
    private int productPriceOrAbsent(Connection connection, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(String.format(PRODUCT_PAGE, products, categories))) {
            query.setInt(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(3) : -1;
            }
        }
    }

    private static List<Long> longs(Connection connection, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private List<Integer> categoryPrices(Connection connection, int category) throws SQLException {
        List<Integer> prices = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(String.format(CATEGORY_PAGE, products))) {
            query.setInt(1, category);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    prices.add(rs.getInt(3));
                }
            }
        }
        return prices;
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    private static CacheStats stats() {
        return Caches.stats().values().iterator().next();
    }
}
