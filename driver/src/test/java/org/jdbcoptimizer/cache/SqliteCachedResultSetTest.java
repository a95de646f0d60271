package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every getter of a cursor over a captured SQLite result returns what sqlite-jdbc's own result set
 * returns: declared types of every kind, and SQLite's dynamic typing (text in an integer column,
 * a blob in a text column, dates as text, as integer milliseconds and as Julian days, reals that
 * print in exponent form), NULL in every column.
 */
class SqliteCachedResultSetTest {

    private static final String COLUMNS = "id integer primary key, c_int integer, c_big bigint, c_real real,"
            + " c_double double, c_num numeric(10,2), c_bool boolean, c_text text, c_varchar varchar(20),"
            + " c_char char(5), c_blob blob, c_date date, c_datetime datetime, c_ts timestamp, c_any";

    private TestTarget db;
    private String table;

    @BeforeEach
    void createTable() throws Exception {
        db = TestTarget.of(TestTarget.Kind.SQLITE);
        table = db.tableName("cachedrs_types");
        db.execute("create table " + table + " (" + COLUMNS + ")",
                "insert into " + table + " values (1, 42, 1234567890123, 1.5, 3.14159265358979, 12.34, 1, 'hello',"
                        + " 'abc', 'ab', x'00ff41', '2024-02-29', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678',"
                        + " 'x')",
                "insert into " + table + " values (2, -2147483649, -9223372036854775808, 1e20, -0.0, -0.5, 0, '42',"
                        + " ' 7 ', '1.5e3', x'', 1709164800000, 2460000.5, 0, 1.0)",
                "insert into " + table + " (id) values (3)",
                "insert into " + table + " values (4, 'text in int', '9999999999999999999', '2.5abc', 1.5e-7,"
                        + " 123456789012345678.0, 'true', '', x'c3a9', 'é', 'blob as text', '2024-01-02',"
                        + " '11:22:33', '', x'3432')",
                "insert into " + table + " values (5, 2147483648, 0.1, 100, 0.1, 1e300, 2, '  -12.5e1 ', '0x10',"
                        + " '.5', 'bytes', '2024-13-45', '2024-01-02T03:04:05', 1700000000000, -3)");
    }

    @AfterEach
    void dropTable() {
        db.close();
    }

    @Test
    void everyGetterReturnsWhatTheDriverReturnsOnEveryRow() throws Exception {
        assertSameAsDriver("select * from " + table + " order by id");
    }

    @Test
    void aResultReadBackFromTheResultStoreFormatIsTheSame() throws Exception {
        assertSameAsDriver("select * from " + table + " order by id", DriverComparison::throughStore);
    }


    @Test
    void expressionsBehaveAsTheDriver() throws Exception {
        assertSameAsDriver("select id, c_int + 1 as plus, c_text || 'x' as t, cast(c_real as text) as r,"
                + " null as nada, 7 as seven, typeof(c_any) as kind from " + table + " order by id");
    }

    @Test
    void metadataAnswersAsTheDriverBeforeTheFirstRow() throws Exception {
        try (Connection connection = db.direct(); Statement statement = connection.createStatement()) {
            String sql = "select *, c_int + 1 as expr from " + table + " order by id";
            CachedResult cached = captured(connection, sql);
            try (ResultSet rs = statement.executeQuery(sql)) {
                assertEquals(List.of(), DriverComparison.compareMetaData(rs.getMetaData(), cached.metaData()));
            }
        }
    }

    static CachedResult captured(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return CachedResult.capture(rs);
        }
    }

    private void assertSameAsDriver(String sql) throws Exception {
        assertSameAsDriver(sql, java.util.function.UnaryOperator.identity());
    }

    private void assertSameAsDriver(String sql, java.util.function.UnaryOperator<CachedResult> transform)
            throws Exception {
        DriverComparison comparison = new DriverComparison(List.of(), Set.of());
        try (Connection connection = db.direct()) {
            comparison.assertSameAsDriver(connection, sql, transform);
        }
    }
}
