package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's correctness rules on the real PostgreSQL: every write that goes through the
 * optimizer is seen by the next read, transactions read their own writes and never publish
 * uncommitted data, and what must not be cached is not.
 */
class ResultCacheCorrectnessTest {

    private final String table = "cache_" + Long.toHexString(System.nanoTime());
    private String url;

    @BeforeEach
    void createTable() throws SQLException {
        TestDatabases.postgresExecute("create table " + table + " (id int primary key, v int)",
                "insert into " + table + " select g, g from generate_series(1, 100) g");
        url = TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.name=" + table
                + "&optimizer.slowLog.file=target/cache-test-slow.jsonl");
    }

    @AfterEach
    void cleanUp() throws SQLException {
        OptimizerDriver.closePools();
        Caches.clear();
        TestDatabases.postgresExecute("drop table if exists " + table + " cascade",
                "drop view if exists " + table + "_view");
    }

    private int read(Connection connection, int id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select v from " + table + " where id = ?")) {
            query.setInt(1, id);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }

    private int read(int id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return read(connection, id);
        }
    }

    private CacheStats stats() {
        return Caches.stats().values().iterator().next();
    }

    private void update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void aRepeatedQueryIsAnsweredFromMemory() throws SQLException {
        assertEquals(7, read(7));
        assertEquals(7, read(7));
        assertEquals(7, read(7));
        assertEquals(2, stats().hits());
        assertEquals(1, stats().stores());
        assertEquals(8, read(8), "another parameter is another key");
    }

    @Test
    void aWriteThroughAnyConnectionIsSeenByTheNextRead() throws SQLException {
        assertEquals(7, read(7));
        try (Connection writer = DriverManager.getConnection(url)) {
            update(writer, "update " + table + " set v = 70 where id = 7");
        }
        assertEquals(70, read(7));
        assertTrue(stats().invalidations() >= 1);
    }

    @Test
    void aTransactionReadsItsOwnWritesAndOthersSeeThemOnlyAfterCommit() throws SQLException {
        assertEquals(7, read(7));
        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            update(writer, "update " + table + " set v = 71 where id = 7");
            assertEquals(71, read(writer, 7), "read-your-writes");
            assertEquals(71, read(writer, 7));
            assertEquals(7, read(7), "others do not see uncommitted data");
            assertEquals(7, read(7));
            writer.commit();
            assertEquals(71, read(7), "after commit returns, nobody reads the old value");
        }
    }

    @Test
    void aRolledBackWriteLeavesTheOldValue() throws SQLException {
        assertEquals(7, read(7));
        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            update(writer, "update " + table + " set v = 72 where id = 7");
            java.sql.Savepoint savepoint = writer.setSavepoint();
            update(writer, "update " + table + " set v = 73 where id = 7");
            writer.rollback(savepoint);
            assertEquals(72, read(writer, 7));
            writer.rollback();
        }
        assertEquals(7, read(7));
    }

    @Test
    void switchingAutoCommitOnCommitsAndInvalidates() throws SQLException {
        assertEquals(9, read(9));
        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            update(writer, "update " + table + " set v = 90 where id = 9");
            writer.setAutoCommit(true);
        }
        assertEquals(90, read(9));
    }

    @Test
    void schemaQualifiedAndQuotedWritesInvalidateUnqualifiedReads() throws SQLException {
        assertEquals(5, read(5));
        try (Connection writer = DriverManager.getConnection(url)) {
            update(writer, "update public." + table + " set v = 50 where id = 5");
        }
        assertEquals(50, read(5));
        try (Connection writer = DriverManager.getConnection(url)) {
            update(writer, "update \"" + table + "\" set v = 51 where id = 5");
        }
        assertEquals(51, read(5));
    }

    @Test
    void ddlDropsEveryEntryThatReadTheTable() throws SQLException {
        assertEquals(3, read(3));
        try (Connection admin = DriverManager.getConnection(url)) {
            update(admin, "alter table " + table + " rename to " + table + "_old");
            update(admin, "create table " + table + " (id int primary key, v int)");
            update(admin, "insert into " + table + " values (3, 333)");
        }
        assertEquals(333, read(3));
        TestDatabases.postgresExecute("drop table " + table + "_old");
    }

    @Test
    void aWriteTheParserCannotReadInvalidatesEverything() throws SQLException {
        assertEquals(4, read(4));
        try (Connection writer = DriverManager.getConnection(url); Statement statement = writer.createStatement()) {
            statement.execute("do $$ begin update " + table + " set v = 40 where id = 4; end $$");
        }
        assertEquals(40, read(4));
    }

    @Test
    void aSelectCallingAWritingFunctionInvalidates() throws SQLException {
        TestDatabases.postgresExecute("create function " + table + "_bump() returns int language sql as"
                + " $$ update " + table + " set v = v + 1000 where id = 6 returning v $$");
        try {
            assertEquals(6, read(6));
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select " + table + "_bump()")) {
                rs.next();
            }
            assertEquals(1006, read(6));
        } finally {
            TestDatabases.postgresExecute("drop function " + table + "_bump()");
        }
    }

    @Test
    void lockingVolatileAndSessionDependentQueriesAreNeverCached() throws SQLException {
        String[] uncacheable = {
            "select v from " + table + " where id = 1 for update",
            "select v, now() from " + table + " where id = 1",
            "select v, random() from " + table + " where id = 1",
            "select v, current_user from " + table + " where id = 1",
            "select v from " + table + " where id = 1 /* optimizer:nocache */",
        };
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : uncacheable) {
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        assertTrue(rs.next());
                    }
                }
            }
        }
        assertEquals(0, stats().hits());
        assertEquals(0, stats().stores());
    }

    @Test
    void viewsTemporaryTablesAndRowLevelSecurityAreNotCached() throws SQLException {
        TestDatabases.postgresExecute("create view " + table + "_view as select * from " + table);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create temporary table " + table + "_tmp as select 1 as x");
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = statement.executeQuery("select v from " + table + "_view where id = 1")) {
                    assertTrue(rs.next());
                }
                try (ResultSet rs = statement.executeQuery("select x from " + table + "_tmp")) {
                    assertTrue(rs.next());
                }
            }
        }
        assertEquals(0, stats().hits());
        TestDatabases.postgresExecute("alter table " + table + " enable row level security");
        Caches.clear();
        OptimizerDriver.closePools();
        read(1);
        read(1);
        assertEquals(0, stats().hits(), "a table with row-level security is not cached");
    }

    @Test
    void rowLevelSecurityEnabledThroughTheOptimizerStopsCachingATableAlreadyCached() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            read(connection, 1);
            read(connection, 1);
            assertEquals(1, stats().hits(), "cached before the DDL");
            update(connection, "alter table " + table + " enable row level security");
            read(connection, 1);
            read(connection, 1);
        }
        assertEquals(1, stats().hits(), "the DDL made the table's facts be looked up again: not cacheable");
    }

    @Test
    void repeatableReadAndSerializableTransactionsAreNotCached() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            read(connection, 2);
            read(connection, 2);
            connection.commit();
        }
        assertEquals(0, stats().hits());
    }

    @Test
    void sessionSettingsChangedWithSqlTurnCachingOffForThatConnection() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + "&optimizer.pool.maxSize=1")) {
            update(connection, "set search_path to pg_catalog, public");
            read(connection, 2);
            read(connection, 2);
        }
        assertEquals(0, stats().hits());
    }

    @Test
    void hintsAndRulesChooseWhatIsCached() throws SQLException {
        String excluded = url + "&optimizer.cache.exclude=" + table;
        try (Connection connection = DriverManager.getConnection(excluded)) {
            read(connection, 1);
            read(connection, 1);
        }
        assertEquals(0, stats().hits());

        String shape = org.jdbcoptimizer.sql.SqlAnalyzer.shared()
                .analyze("select v from " + table + " where id = ?").fingerprintHex();
        String never = url + "&optimizer.cache.shapes=" + shape + "%3D0";
        try (Connection connection = DriverManager.getConnection(never)) {
            read(connection, 1);
            read(connection, 1);
        }
        assertEquals(0, stats().hits(), "a shape rule of 0 never caches");

        String onlyOthers = url + "&optimizer.cache.include=other_table&optimizer.cache.shapes=" + shape + "%3D30s";
        try (Connection connection = DriverManager.getConnection(onlyOthers)) {
            read(connection, 1);
            read(connection, 1);
        }
        assertEquals(1, stats().hits(), "a shape rule caches outside the include list");
    }

    @Test
    void aWriteThroughAPoolWithoutTheCacheStillInvalidates() throws SQLException {
        String uncached = TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + table + "-nocache"
                + "&optimizer.slowLog.file=target/cache-test-slow.jsonl");
        assertEquals(8, read(8));
        try (Connection writer = DriverManager.getConnection(uncached)) {
            writer.setAutoCommit(false);
            update(writer, "update " + table + " set v = 81 where id = 8");
            writer.commit();
        }
        assertEquals(81, read(8));
    }

    @Test
    void queriesThatWriteNothingDoNotEmptyTheCache() throws SQLException {
        assertEquals(8, read(8));
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : new String[] {"select 1", "select now()", "select v from " + table + " for update",
                    "select v from " + table + " where id = 8 /* optimizer:nocache */"}) {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    assertTrue(rs.next());
                }
            }
        }
        assertEquals(8, read(8));
        assertEquals(1, stats().hits(), "the entry survived reads that write nothing: " + stats());
    }

    @Test
    void twoPoolsOnOneDatabaseInvalidateEachOther() throws SQLException {
        String other = TestDatabases.optimizerPostgresUrl("optimizer.cache=true&optimizer.pool.name=" + table + "-b"
                + "&optimizer.pool.maxSize=3&optimizer.slowLog.file=target/cache-test-slow.jsonl");
        assertEquals(8, read(8));
        try (Connection writer = DriverManager.getConnection(other)) {
            update(writer, "update " + table + " set v = 80 where id = 8");
        }
        assertEquals(80, read(8));
        assertFalse(stats().invalidationsByTable().isEmpty());
    }
}
