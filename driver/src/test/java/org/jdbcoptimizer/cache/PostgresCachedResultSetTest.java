package org.jdbcoptimizer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;

import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * Every getter of a cursor over a captured PostgreSQL result returns what pgjdbc's own result set
 * returns for the same SELECT: a column of each common type, typical and edge values, NULL in every
 * column, text that looks like numbers, booleans and dates; by index and by label; and the metadata.
 */
class PostgresCachedResultSetTest {

    private static final String COLUMNS = "id int4 primary key, c_int2 int2, c_int8 int8, c_num numeric(12,3),"
            + " c_num_free numeric, c_real real, c_double double precision, c_bool boolean, c_text text,"
            + " c_varchar varchar(40), c_char char(5), c_bytea bytea, c_date date, c_time time, c_timetz timetz,"
            + " c_ts timestamp, c_tstz timestamptz, c_interval interval, c_uuid uuid, c_json json, c_jsonb jsonb,"
            + " c_int_arr int[], c_text_arr text[], c_money money, c_xml xml, c_bit bit(1), c_serial serial";

    private TestTarget db;
    private String table;

    @BeforeEach
    void createTable() throws Exception {
        db = TestTarget.of(TestTarget.Kind.POSTGRESQL);
        table = db.tableName("cachedrs_types");
        db.execute("create table " + table + " (" + COLUMNS + ")",
                "insert into " + table + " values (1, 12, 1234567890123, 12.345, 0.0000001, 1.5, 3.14159, true,"
                        + " '42', 'hello', 'ab', '\\x00ff41', '2024-02-29', '13:45:56.789', '10:11:12.5+02',"
                        + " '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.5+05:30',"
                        + " '1 year 2 mons 3 days 04:05:06.7', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\":1}',"
                        + " '{\"b\": [1, 2]}', '{1,2,3}', '{\"x\",\"y z\",NULL}', 12.34, '<a>1</a>', B'1')",
                "insert into " + table + " values (2, -32768, -9223372036854775808, -0.5, 123456789012345678901234.5,"
                        + " 1e20, -0.0, false, ' 7 ', '1.5', 't', '', '1500-06-15', '00:00:00', '23:59:59-11',"
                        + " '1969-12-31 23:59:59.999999', '1900-01-01 00:00:00+00', '-3 days', "
                        + " '00000000-0000-0000-0000-000000000000', '[]', '{}', '{}', '{}', -1.5, '<b/>', B'0')",
                "insert into " + table + " (id) values (3)",
                "insert into " + table + " values (4, 0, 0, 0, 'NaN', 'NaN', 'Infinity', true, 'true', '2024-01-02',"
                        + " '1', '\\x', 'infinity', '24:00:00', '00:00:00+00', 'infinity', '-infinity', '0',"
                        + " 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '\"s\"', '{{1,2},{3,4}}',"
                        + " '{\"a,b\",\"\"}', 0, '<c>x</c>', B'1')",
                "insert into " + table + " values (5, 255, 2147483648, 999999999.999, 1e-20, 3.4e38, 1.7e308, false,"
                        + " '9999999999', '2024-01-02 03:04:05', 'abc', '\\xdeadbeef', '2000-01-01',"
                        + " '12:00:00.000001', '12:00:00+05:30', '2000-01-01 00:00:00', '2000-06-15 12:00:00-07',"
                        + " '1 mon', '123e4567-e89b-12d3-a456-426614174000', '1.5', '2', '{-1}', '{\"12:00:00\"}',"
                        + " 1000000, '<d/>', B'0')",
                "insert into " + table + " values (6, -1, -1, -1, -1, -1, -1, false, '-1.5e2', '  1e3  ', '0',"
                        + " '\\x30', '0001-01-01', '01:02:03', '01:02:03-01', '0001-01-01 00:00:00',"
                        + " '2024-03-10 02:30:00-05', '-1 year -2 mons', '00000000-0000-0000-0000-000000000001', '-1',"
                        + " '-1', '{0}', '{\"true\"}', -0.01, '<e/>', B'1')");
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
    void expressionsAndDuplicateLabelsBehaveAsTheDriver() throws Exception {
        assertSameAsDriver("select id, id as \"ID\", c_text || 'x' as t, c_num * 2 as doubled, null as nothing,"
                + " 1 as one, 'lit' as lit, now() - now() as zero_interval, c_int_arr[1] as first,"
                + " c_ts::date as d, c_tstz::time as t2 from " + table + " order by id");
    }

    @Test
    void metadataAnswersAsTheDriver() throws Exception {
        try (Connection connection = db.direct(); Statement statement = connection.createStatement()) {
            String sql = "select *, c_int2 + 1 as expr from " + table + " order by id";
            ResultSetMetaData expected;
            try (ResultSet rs = statement.executeQuery(sql)) {
                expected = rs.getMetaData();
                CachedResult cached = captured(connection, sql);
                assertEquals(List.of(), DriverComparison.compareMetaData(expected, cached.metaData()));
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
        DriverComparison comparison = new DriverComparison(List.of(PGobject.class, PGInterval.class),
                // outside a transaction pgjdbc refuses large objects (25P01); a cached result refuses them always
                java.util.Set.of("getBlob", "getClob", "getObject(Blob)", "getObject(Clob)"));
        try (Connection connection = db.direct()) {
            comparison.assertSameAsDriver(connection, sql, transform);
        }
    }
}
