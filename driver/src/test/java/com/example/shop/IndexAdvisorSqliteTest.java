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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.cli.Main;
import org.jdbcoptimizer.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index advisor on a real SQLite file: proof in an in-memory copy of the schema and statistics. */
class IndexAdvisorSqliteTest {

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        OptimizerDriver.closePools();
    }

    @Test
    void missingIndexIsSuggestedWhenTheCopyTurnsTheScanIntoASearch() throws Exception {
        Path file = dir.resolve("shop.db");
        Path adviceFile = dir.resolve("advice.jsonl");
        try (Connection direct = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = direct.createStatement()) {
            s.execute("create table items (id integer primary key, sku text not null, category text not null,"
                    + " price real not null)");
            s.execute("with recursive g(n) as (select 1 union all select n + 1 from g where n < 20000)"
                    + " insert into items select n, 'sku-' || n, 'cat' || (n % 5), n % 997 from g");
            s.execute("create index items_price on items (price)");
        }
        String url = TestDatabases.optimizerSqliteUrl(file, "optimizer.advisor.file=" + adviceFile
                + "&optimizer.slowLog.file=" + dir.resolve("slow.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h");
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 1; i <= 20; i++) {
                query(c, "select id, price from items where sku = ?", "sku-" + i * 31);
                query(c, "select id from items where price between ? and ?", i, i + 1);
                query(c, "select id from items where category = ?", "cat" + (i % 5));
            }
        }
        List<Advice> all = OptimizerDriver.advise();
        assertEquals(1, all.size());
        Advice advice = all.get(0);
        assertTrue(advice.proven(), advice.notChecked().toString());
        assertEquals(1, advice.suggestions().size(), advice.toString());
        IndexSuggestion sku = advice.suggestions().get(0);
        assertEquals(List.of("sku"), sku.columns());
        assertTrue(sku.ddl().startsWith("CREATE INDEX items_sku_idx ON"), sku.ddl());
        assertTrue(sku.nodeBefore().startsWith("SCAN"), sku.nodeBefore());
        assertTrue(sku.nodeAfter().startsWith("SEARCH") && sku.nodeAfter().contains("INDEX"), sku.nodeAfter());
        assertTrue(sku.proven());
        assertEquals(20, sku.shapes().get(0).calls());

        try (Connection direct = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = direct.createStatement();
             ResultSet rs = s.executeQuery("select name from sqlite_master where type = 'index' order by name")) {
            List<String> indexes = new ArrayList<>();
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
            assertEquals(List.of("items_price"), indexes, "the advisor never creates an index in the application's file");
        }

        OptimizerDriver.flushAnalysis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"advise", adviceFile.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains(sku.ddl()), printed);
        assertTrue(printed.contains("serves 1 shape: 20 calls"), printed);
        assertTrue(printed.contains("plan: SCAN"), printed);
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
