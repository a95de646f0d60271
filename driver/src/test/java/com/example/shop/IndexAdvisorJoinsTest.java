package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import org.jdbcoptimizer.OptimizerDataSource;
import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join keys of the inner side and ORDER BY + LIMIT, through an {@link OptimizerDataSource}
 * (the advisor works for DataSource pools as for DriverManager ones).
 */
class IndexAdvisorJoinsTest {

    @TempDir
    Path dir;

    private final String schema = "advj_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void createSchema() throws SQLException {
        TestDatabases.postgresExecute("create extension if not exists hypopg",
                "create schema " + schema,
                "create table " + schema + ".accounts (id int primary key, region int not null)",
                "insert into " + schema + ".accounts select g, g % 7 from generate_series(1, 5000) g",
                "create table " + schema + ".events (id int primary key, account_id int not null, at timestamp not null)",
                "insert into " + schema + ".events select g, g % 5000, timestamp '2024-01-01' + g * interval '1 second'"
                        + " from generate_series(1, 60000) g",
                "analyze " + schema + ".accounts", "analyze " + schema + ".events");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
    }

    @Test
    void innerJoinKeyAndSortWithLimitGetProvenIndexes() throws Exception {
        Properties props = new Properties();
        props.setProperty("optimizer.slowLog.file", dir.resolve("slow.jsonl").toString());
        props.setProperty("optimizer.advisor.file", dir.resolve("advice.jsonl").toString());
        props.setProperty("optimizer.advisor.minCalls", "5");
        props.setProperty("optimizer.advisor.minTime", "0");
        try (OptimizerDataSource ds = new OptimizerDataSource(TestDatabases.optimizerPostgresUrl(""), props);
             Connection c = ds.getConnection()) {
            for (int i = 1; i <= 10; i++) {
                query(c, "select e.id, e.at from " + schema + ".accounts a join " + schema
                        + ".events e on e.account_id = a.id where a.region = ? and a.id = ?", i % 7, i * 11);
                query(c, "select id, account_id from " + schema + ".events order by at desc limit 20");
            }
            List<Advice> all = OptimizerDriver.advise();
            assertEquals(1, all.size());
            Advice advice = all.get(0);
            List<List<String>> columns = advice.suggestions().stream().map(IndexSuggestion::columns).toList();
            assertTrue(columns.contains(List.of("account_id")), advice.toString());
            assertTrue(columns.contains(List.of("at")), advice.toString());
            assertTrue(advice.suggestions().stream().allMatch(IndexSuggestion::proven));
            IndexSuggestion sort = advice.suggestions().stream().filter(s -> s.columns().equals(List.of("at")))
                    .findFirst().orElseThrow();
            assertTrue(sort.nodeAfter().contains("Index Scan"), sort.nodeAfter());
        }
    }

    private static void query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // read every row
                }
            }
        }
    }
}
