package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache's statistics reach the report: a caching pool writes cacheStats lines into its
 * slow-query log, and {@code report} shows the cache's totals and each shape's hit ratio.
 */
class CacheReportTest {

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        OptimizerDriver.closePools();
    }

    @Test
    void theReportShowsTheCacheBesideTheStatements() throws Exception {
        Path log = dir.resolve("slow.jsonl");
        String url = "jdbc:optimizer:sqlite:" + dir.resolve("shop.db") + "?optimizer.cache=true"
                + "&optimizer.slowLog.threshold=0ms&optimizer.explain=false&optimizer.advisor=false"
                + "&optimizer.slowLog.file=" + log;
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table products (id integer primary key, name text)");
                statement.execute("insert into products values (1, 'lamp'), (2, 'desk')");
            }
            for (int i = 0; i < 4; i++) {
                try (PreparedStatement query = connection.prepareStatement("select name from products where id = ?")) {
                    query.setInt(1, 1);
                    try (ResultSet rs = query.executeQuery()) {
                        assertTrue(rs.next());
                    }
                }
            }
        }
        OptimizerDriver.flushAnalysis();
        assertTrue(Files.readString(log).contains("\"event\":\"cacheStats\""), "the log holds a cacheStats line");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", log.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(report.contains("Result cache, jdbc:sqlite:"), report);
        assertTrue(report.contains("hit ratio 75.0%: 3 hits, 1 misses"), report);
        assertTrue(report.contains("cache: hit ratio 75.0%"), "the query's own line: " + report);
        assertTrue(report.contains("writes seen: products 2"), report);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no line was skipped");
    }
}
