package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.cli.Main;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real SQLite file: the application's slow statements and the advisor's advice
 * land in the same directory, and {@code report slow.jsonl} shows each suggestion under the slow
 * shape it serves.
 */
class IndexAdvisorReportTest {

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        OptimizerDriver.closePools();
    }

    @Test
    void reportShowsTheSuggestionUnderTheSlowShapeItServes() throws Exception {
        Path file = dir.resolve("shop.db");
        try (Connection direct = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = direct.createStatement()) {
            s.execute("create table items (id integer primary key, sku text not null, price real not null)");
            s.execute("with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000)"
                    + " insert into items select n, 'sku-' || n, n % 997 from g");
        }
        String url = TestDatabases.optimizerSqliteUrl(file, "optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl") + "&optimizer.slowLog.threshold=0ms"
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 1; i <= 10; i++) {
                try (PreparedStatement statement = c.prepareStatement("select id, price from items where sku = ?")) {
                    statement.setString(1, "sku-" + i * 31);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            // read every row
                        }
                    }
                }
            }
        }
        List<Advice> all = OptimizerDriver.advise();
        IndexSuggestion sku = all.get(0).suggestions().stream().filter(s -> s.columns().equals(List.of("sku")))
                .findFirst().orElseThrow(() -> new AssertionError(all.toString()));
        OptimizerDriver.flushAnalysis();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", dir.resolve("slow.jsonl").toString(), "--width", "220"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = printed.lines().toList();
        int shape = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("select id, price from items where sku = ?")) {
                shape = i;
            }
        }
        assertTrue(shape >= 0, printed);
        assertTrue(lines.subList(shape + 1, lines.size()).stream().anyMatch(l -> l.contains("index: " + sku.ddl())
                && l.contains("plan SCAN") && l.contains("SEARCH")), printed);
    }
}
