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

    /** Products 1, 3, 5 are in category 2; 2, 4, 6 in category 1. */
    private void priceUpdateByKeyKeepsOtherPages(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            warm(connection);
            long hitsBefore = stats().hits();
            update(connection, "update " + products + " set price = ? where id = ?", 99, 1);
            assertEquals(99, productPrice(connection, 1), "the updated product's page is fresh");
            assertEquals(List.of(99, 10, 10), categoryPrices(connection, 2), "its category page is fresh");
            long afterFresh = stats().hits();
            assertEquals(hitsBefore, afterFresh, "the two pages that hold product 1 were not hits");
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
        race(postgres(), 3, 5, 800);
    }

    @Test
    void noReadIsOlderThanAKeyedUpdateThatReturnedBeforeItSqlite() throws Exception {
        race(sqlite(), 2, 3, 300);
    }

    /**
     * Writers raise prices by key (in auto-commit and in transactions, some rolled back) and note
     * each committed price as that product's floor; readers note the floors before each product or
     * category page and check that no price shown is below them.
     */
    private void race(String url, int writers, int readers, int writesPerWriter) throws Exception {
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
                            if (productPrice(connection, id) < atLeast) {
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
