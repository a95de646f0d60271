package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.Test;

/** Navigation, sharing, closing and size of cached cursors, checked against pgjdbc and sqlite-jdbc. */
class CachedResultSetCursorTest {

    /** A move on both result sets: what it returned and where each stands afterwards. */
    private interface Move {
        Object apply(ResultSet rs) throws SQLException;
    }

    private static String position(ResultSet rs) {
        return DriverComparison.describe(rs::getRow) + " " + DriverComparison.describe(rs::isBeforeFirst) + " "
                + DriverComparison.describe(rs::isAfterLast) + " " + DriverComparison.describe(rs::isFirst) + " "
                + DriverComparison.describe(rs::isLast) + " " + DriverComparison.describe(() -> rs.getInt(1));
    }

    private static List<Move> moves() {
        return List.of(ResultSet::next, ResultSet::next, ResultSet::previous, ResultSet::first, ResultSet::last,
                rs -> rs.absolute(2), rs -> rs.absolute(-1), rs -> rs.absolute(-3), rs -> rs.absolute(-4),
                rs -> rs.absolute(0), rs -> rs.absolute(100), rs -> rs.relative(-1), rs -> rs.relative(-1),
                rs -> rs.relative(2), rs -> rs.relative(-100), ResultSet::next, rs -> rs.relative(0),
                rs -> {
                    rs.afterLast();
                    return null;
                }, ResultSet::previous, ResultSet::next, ResultSet::next, rs -> {
                    rs.beforeFirst();
                    return null;
                }, ResultSet::previous, ResultSet::next, rs -> rs.relative(1), rs -> rs.relative(1),
                rs -> rs.relative(1), ResultSet::getType, ResultSet::getConcurrency);
    }

    /** The same moves on the driver's result set and on the cursor; returns a transcript of differences. */
    private static List<String> replay(ResultSet expected, ResultSet actual) {
        List<String> differences = new ArrayList<>();
        List<Move> moves = moves();
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            String e = DriverComparison.describe(() -> move.apply(expected)) + " @ " + position(expected);
            String a = DriverComparison.describe(() -> move.apply(actual)) + " @ " + position(actual);
            if (!e.replaceAll("EX (\\S+) (\\S+) .*? @", "EX $1 $2 @").equals(
                    a.replaceAll("EX (\\S+) (\\S+) .*? @", "EX $1 $2 @"))) {
                differences.add("move " + i + ": driver " + e + " | cached " + a);
            }
        }
        return differences;
    }

    @Test
    void scrollableCursorMovesAsPgjdbcsScrollInsensitiveResultSet() throws Exception {
        for (String where : List.of("", " where false", " limit 1")) {
            try (TestTarget db = TestTarget.of(TestTarget.Kind.POSTGRESQL); Connection connection = db.direct();
                 Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                         ResultSet.CONCUR_READ_ONLY)) {
                String sql = "select * from generate_series(1, 3) as s(n)" + where;
                CachedResult cached = PostgresCachedResultSetTest.captured(connection, sql);
                try (ResultSet expected = statement.executeQuery(sql);
                     ResultSet actual = cached.open(statement, ResultSet.TYPE_SCROLL_INSENSITIVE)) {
                    assertEquals(List.of(), replay(expected, actual), sql);
                }
            }
        }
    }

    @Test
    void forwardOnlyCursorRefusesScrollingAsPgjdbcDoes() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.POSTGRESQL); Connection connection = db.direct();
             Statement statement = connection.createStatement()) {
            String sql = "select * from generate_series(1, 3) as s(n)";
            CachedResult cached = PostgresCachedResultSetTest.captured(connection, sql);
            try (ResultSet expected = statement.executeQuery(sql);
                 ResultSet actual = cached.open(statement, ResultSet.TYPE_FORWARD_ONLY)) {
                assertEquals(List.of(), replay(expected, actual));
            }
            try (ResultSet actual = cached.open(statement, ResultSet.TYPE_FORWARD_ONLY)) {
                assertThrows(SQLException.class, actual::previous);
                assertThrows(SQLException.class, actual::first);
                assertThrows(SQLException.class, () -> actual.absolute(1));
                assertThrows(SQLException.class, () -> actual.setFetchDirection(ResultSet.FETCH_REVERSE));
                assertTrue(actual.next());
                assertEquals(1, actual.getInt(1));
            }
        }
    }

    @Test
    void forwardOnlyCursorMovesAsSqliteJdbcDoes() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.SQLITE); Connection connection = db.direct();
             Statement statement = connection.createStatement()) {
            String sql = "select 1 union all select 2 union all select 3";
            CachedResult cached = SqliteCachedResultSetTest.captured(connection, sql);
            try (ResultSet expected = statement.executeQuery(sql);
                 ResultSet actual = cached.open(statement, ResultSet.TYPE_FORWARD_ONLY)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected.next(), actual.next());
                    assertEquals(expected.getRow(), actual.getRow());
                    assertEquals(expected.isFirst(), actual.isFirst());
                    assertThrows(SQLFeatureNotSupportedException.class, expected::isLast);
                    assertThrows(SQLFeatureNotSupportedException.class, actual::isLast);
                    assertEquals(expected.getInt(1), actual.getInt(1));
                    assertThrows(SQLException.class, expected::previous);
                    assertThrows(SQLException.class, actual::previous);
                }
                assertEquals(expected.getHoldability(), actual.getHoldability());
                assertEquals(expected.getType(), actual.getType());
            }
        }
    }

    @Test
    void twoCursorsOverOneResultIterateIndependentlyOnTwoThreads() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.POSTGRESQL); Connection connection = db.direct()) {
            CachedResult cached = PostgresCachedResultSetTest.captured(connection,
                    "select n, 'row ' || n as label, n * 1.5 as half from generate_series(1, 2000) as s(n)");
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Long>> sums = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    sums.add(threads.submit(() -> {
                        long sum = 0;
                        for (int pass = 0; pass < 20; pass++) {
                            try (ResultSet rs = cached.open(null, ResultSet.TYPE_FORWARD_ONLY)) {
                                int expected = 1;
                                while (rs.next()) {
                                    assertEquals(expected, rs.getInt("n"));
                                    assertEquals("row " + expected, rs.getString(2));
                                    sum += rs.getLong(1);
                                    expected++;
                                }
                                assertEquals(2001, expected);
                            }
                        }
                        return sum;
                    }));
                }
                for (Future<Long> sum : sums) {
                    assertEquals(20L * 2000 * 2001 / 2, sum.get(30, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aClosedCursorRefusesEverythingButCloseAndIsClosed() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.SQLITE); Connection connection = db.direct();
             Statement statement = connection.createStatement()) {
            CachedResult cached = SqliteCachedResultSetTest.captured(connection, "select 1 as a");
            CachedResultSet rs = cached.open(statement, ResultSet.TYPE_SCROLL_INSENSITIVE);
            assertSame(statement, rs.getStatement());
            assertSame(cached.metaData(), rs.getMetaData());
            assertTrue(rs.next());
            rs.close();
            rs.close();
            assertTrue(rs.isClosed());
            Set<String> allowed = Set.of("close", "isClosed", "unwrap", "isWrapperFor");
            for (Method method : ResultSet.class.getMethods()) {
                if (allowed.contains(method.getName()) || method.isDefault()
                        || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Object[] args = new Object[method.getParameterCount()];
                Class<?>[] types = method.getParameterTypes();
                for (int i = 0; i < args.length; i++) {
                    args[i] = dummy(types[i]);
                }
                try {
                    method.invoke(rs, args);
                    fail(method + " succeeded on a closed cursor");
                } catch (InvocationTargetException e) {
                    assertTrue(e.getCause() instanceof SQLException, method + " threw " + e.getCause());
                }
            }
        }
    }

    private static Object dummy(Class<?> type) {
        if (type == int.class) {
            return 1;
        } else if (type == long.class) {
            return 1L;
        } else if (type == String.class) {
            return "a";
        } else if (type == boolean.class) {
            return Boolean.TRUE;
        } else if (type == double.class) {
            return 1.0;
        } else if (type == float.class) {
            return 1.0f;
        } else if (type == short.class) {
            return (short) 1;
        } else if (type == byte.class) {
            return (byte) 1;
        }
        return null;
    }

    @Test
    void updatersAreRefusedAsNotSupported() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.SQLITE); Connection connection = db.direct()) {
            CachedResult cached = SqliteCachedResultSetTest.captured(connection, "select 1 as a");
            try (ResultSet rs = cached.open(null, ResultSet.TYPE_FORWARD_ONLY)) {
                assertTrue(rs.next());
                assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
                assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
                assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateString("a", "x"));
                assertThrows(SQLFeatureNotSupportedException.class, rs::insertRow);
                assertThrows(SQLFeatureNotSupportedException.class, rs::moveToInsertRow);
                assertFalse(rs.rowUpdated());
                assertNull(rs.getWarnings());
                rs.setFetchSize(50);
                assertEquals(50, rs.getFetchSize());
                assertThrows(SQLException.class, () -> rs.getInt(2));
                assertThrows(SQLException.class, () -> rs.getInt("missing"));
                assertEquals(1, rs.findColumn("A"));
            }
        }
    }

    @Test
    void weightGrowsWithTheDataAndTracksTheHeapRoughly() throws Exception {
        try (TestTarget db = TestTarget.of(TestTarget.Kind.POSTGRESQL); Connection connection = db.direct()) {
            String sql = "select n, repeat('x', %d) as s, n::numeric / 7 as d, now()::timestamp as t"
                    + " from generate_series(1, %d) as s(n)";
            CachedResult small = PostgresCachedResultSetTest.captured(connection, String.format(sql, 10, 100));
            CachedResult moreRows = PostgresCachedResultSetTest.captured(connection, String.format(sql, 10, 1000));
            CachedResult longerText = PostgresCachedResultSetTest.captured(connection, String.format(sql, 100, 100));
            assertTrue(moreRows.weightBytes() > 5 * small.weightBytes(), moreRows.weightBytes() + " vs "
                    + small.weightBytes());
            assertTrue(longerText.weightBytes() > small.weightBytes() + 100 * 90, longerText.weightBytes() + " vs "
                    + small.weightBytes());

            Runtime runtime = Runtime.getRuntime();
            List<CachedResult> held = new ArrayList<>();
            System.gc();
            long before = runtime.totalMemory() - runtime.freeMemory();
            long estimated = 0;
            for (int i = 0; i < 5; i++) {
                CachedResult r = PostgresCachedResultSetTest.captured(connection, String.format(sql, 50, 20000));
                held.add(r);
                estimated += r.weightBytes();
            }
            System.gc();
            long measured = runtime.totalMemory() - runtime.freeMemory() - before;
            assertEquals(5, held.size());
            assertTrue(estimated > measured / 3 && estimated < measured * 3,
                    "estimated " + estimated + " bytes, measured about " + measured);
        }
    }
}
