package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.advisor.Advice;
import org.jdbcoptimizer.advisor.AdviceJson;
import org.jdbcoptimizer.advisor.ExistingIndexFinding;
import org.jdbcoptimizer.advisor.IndexSuggestion;
import org.jdbcoptimizer.advisor.UnindexablePredicate;
import org.jdbcoptimizer.testing.TestDatabases;
import org.jdbcoptimizer.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index advisor against real PostgreSQL with HypoPG, on a small shop schema of its own (a
 * schema per test): the application runs its statements through {@code jdbc:optimizer:}, then
 * asks for advice.
 */
class IndexAdvisorPostgresTest {

    @TempDir
    Path dir;

    private final String schema = "adv_" + Long.toHexString(System.nanoTime());
    private String url;

    @BeforeEach
    void createSchema() throws SQLException {
        TestDatabases.postgresExecute("create extension if not exists hypopg",
                "create schema " + schema,
                "create table " + schema + ".customers (id int primary key, email text not null, country text not null,"
                        + " name text not null)",
                "insert into " + schema + ".customers select g, 'c' || g || '@example.com', 'country' || (g % 8),"
                        + " 'name ' || g from generate_series(1, 20000) g",
                "create table " + schema + ".orders (id int primary key, customer_id int not null, status text not null,"
                        + " created_at timestamp not null, total numeric not null)",
                "insert into " + schema + ".orders select g, g % 4000, case when g % 50 = 0 then 'pending' else"
                        + " 'shipped' end, timestamp '2024-01-01' + g * interval '1 minute', g % 500"
                        + " from generate_series(1, 50000) g",
                "create index orders_customer_created_idx on " + schema + ".orders (customer_id, created_at)",
                "create index orders_customer_idx on " + schema + ".orders (customer_id)",
                "analyze " + schema + ".customers", "analyze " + schema + ".orders");
        url = urlWith("");
    }

    private String urlWith(String extra) {
        return TestDatabases.optimizerPostgresUrl("optimizer.pool.name=" + schema + "&optimizer.slowLog.file="
                + dir.resolve("slow.jsonl") + "&optimizer.advisor.file=" + dir.resolve("advice.jsonl")
                + "&optimizer.advisor.minCalls=5&optimizer.advisor.minTime=0&optimizer.advisor.interval=1h" + extra);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        OptimizerDriver.closePools();
        TestDatabases.postgresExecute("drop schema if exists " + schema + " cascade");
    }

    private void runShop(Connection c, int rounds) throws SQLException {
        for (int i = 1; i <= rounds; i++) {
            query(c, "select id, name from " + schema + ".customers where email = ?", "c" + (i * 37) + "@example.com");
            query(c, "select id from " + schema + ".orders where customer_id = ? order by created_at desc limit 10",
                    i * 13);
            query(c, "select count(*) from " + schema + ".orders where customer_id = ?", i * 7);
            query(c, "select id from " + schema + ".customers where country = ?", "country" + (i % 8));
            query(c, "select id from " + schema + ".customers where name like '%5" + (i % 10) + "'");
        }
    }

    private static void query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // read every row, as an application would
                }
            }
        }
    }

    private Advice adviceForUs() {
        List<Advice> all = OptimizerDriver.advise();
        assertEquals(1, all.size(), "one database was used: " + all);
        return all.get(0);
    }

    private List<IndexSuggestion> on(Advice advice, String table) {
        return advice.suggestions().stream().filter(s -> s.table().equals(schema + "." + table)).toList();
    }

    @Test
    void missingIndexIsSuggestedAndProvenAndIndexedShapesGetNone() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            runShop(c, 20);
        }
        Advice advice = adviceForUs();
        assertTrue(advice.proven(), advice.notChecked().toString());

        List<IndexSuggestion> customers = on(advice, "customers");
        assertEquals(1, customers.size(), "one suggestion on customers: " + advice.suggestions());
        IndexSuggestion email = customers.get(0);
        assertEquals(List.of("email"), email.columns());
        assertTrue(email.proven());
        assertTrue(email.ddl().startsWith("CREATE INDEX CONCURRENTLY "), email.ddl());
        assertTrue(email.nodeBefore().startsWith("Seq Scan"), email.nodeBefore());
        assertTrue(email.nodeAfter().contains("Index"), email.nodeAfter());
        assertTrue(email.costAfter() <= email.costBefore() / 2, email.costBefore() + " -> " + email.costAfter());
        assertEquals(1, email.shapes().size());
        assertEquals(20, email.shapes().get(0).calls());
        assertTrue(email.estimatedBytes() > 0);

        // customer_id is served by existing indexes (and is a prefix of one); country alone is low-cardinality
        assertEquals(List.of(), on(advice, "orders"), advice.suggestions().toString());
        assertTrue(advice.suggestions().stream().noneMatch(s -> s.columns().equals(List.of("country"))));

        UnindexablePredicate like = advice.unindexable().stream().filter(u -> u.column().equals("name")).findFirst()
                .orElseThrow(() -> new AssertionError("leading wildcard not reported: " + advice.unindexable()));
        assertEquals(UnindexablePredicate.Kind.LEADING_WILDCARD, like.kind());
        assertTrue(like.fix().contains("gin_trgm_ops") && like.fix().contains("pg_trgm"), like.fix());

        ExistingIndexFinding redundant = advice.existingIndexes().stream()
                .filter(f -> f.index().equals("orders_customer_idx")).findFirst()
                .orElseThrow(() -> new AssertionError("prefix-redundant index not reported: " + advice.existingIndexes()));
        assertEquals(ExistingIndexFinding.Kind.PREFIX_REDUNDANT, redundant.kind());
        assertEquals("orders_customer_created_idx", redundant.coveredBy());
        assertTrue(advice.existingIndexes().stream().noneMatch(f -> f.index().endsWith("_pkey")));

        // the suggestion works for real: the planner uses it once created
        TestDatabases.postgresExecute(email.ddl());
        try (Connection direct = TestDatabases.directPostgres();
             PreparedStatement explain = direct.prepareStatement(
                     "explain select id, name from " + schema + ".customers where email = 'c5@example.com'");
             ResultSet rs = explain.executeQuery()) {
            rs.next();
            assertTrue(rs.getString(1).contains("Index"), rs.getString(1));
        }

        // the advice log holds the same advice
        OptimizerDriver.flushAnalysis();
        List<String> lines = Files.readAllLines(dir.resolve("advice.jsonl"));
        Advice logged = AdviceJson.fromMap(Json.parseObject(lines.get(lines.size() - 1)));
        assertEquals(email.ddl(), on(logged, "customers").get(0).ddl());
    }

    @Test
    void writeHeavyTableIsDampedWhileTheSameReadOnAQuietTableIsSuggested() throws Exception {
        TestDatabases.postgresExecute(
                "create table " + schema + ".quiet (id bigint primary key, k int not null, v text)",
                "insert into " + schema + ".quiet select g, g, 'v' from generate_series(1, 20000) g",
                "create table " + schema + ".busy (id bigint primary key, k int not null, v text)",
                "insert into " + schema + ".busy select g, g, 'v' from generate_series(1, 20000) g",
                "analyze " + schema + ".quiet", "analyze " + schema + ".busy");
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 1; i <= 10; i++) {
                query(c, "select id, v from " + schema + ".quiet where k = ?", i * 100);
                query(c, "select id, v from " + schema + ".busy where k = ?", i * 100);
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + schema + ".busy values (?, ?, 'w')")) {
                for (int i = 0; i < 30_000; i++) {
                    insert.setLong(1, 100_000 + i);
                    insert.setInt(2, i);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
            }
        }
        Advice advice = adviceForUs();
        assertEquals(List.of("k"), on(advice, "quiet").get(0).columns(), advice.toString());
        List<IndexSuggestion> busy = on(advice, "busy");
        assertTrue(busy.isEmpty(), "the write-heavy table's index is dropped: " + busy);
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains("not suggested") && n.contains(schema + ".busy")
                && n.contains("30000 writes")), advice.notChecked().toString());
    }

    @Test
    void withoutHypotheticalIndexesSuggestionsAreUnprovenAndSaySo() throws Exception {
        url = urlWith("&optimizer.advisor.hypothetical=false");
        try (Connection c = DriverManager.getConnection(url)) {
            runShop(c, 10);
        }
        Advice advice = adviceForUs();
        assertFalse(advice.proven());
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains("unproven")), advice.notChecked().toString());
        IndexSuggestion email = on(advice, "customers").get(0);
        assertEquals(List.of("email"), email.columns());
        assertFalse(email.proven());
        assertTrue(Double.isNaN(email.costAfter()));
        assertEquals(List.of(), on(advice, "orders"));
    }

    @Test
    void aTableDroppedAfterObservationIsReportedNotThrown() throws Exception {
        TestDatabases.postgresExecute("create table " + schema + ".gone (id int primary key, k int)",
                "insert into " + schema + ".gone select g, g from generate_series(1, 1000) g");
        try (Connection c = DriverManager.getConnection(url)) {
            runShop(c, 10);
            for (int i = 0; i < 10; i++) {
                query(c, "select id from " + schema + ".gone where k = ?", i);
            }
        }
        TestDatabases.postgresExecute("drop table " + schema + ".gone");
        Advice advice = adviceForUs();
        assertTrue(advice.notChecked().stream().anyMatch(n -> n.contains(schema + ".gone")), advice.notChecked().toString());
        assertEquals(List.of("email"), on(advice, "customers").get(0).columns(), "the rest is still advised");
    }

    @Test
    void advisingWhileFourThreadsRunTheWorkloadDisturbsNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                int rounds = 0;
                try (Connection c = DriverManager.getConnection(url)) {
                    while (!stop.get() || rounds < 5) {
                        runShop(c, 1);
                        rounds++;
                    }
                }
                return rounds;
            }));
        }
        List<Advice> advices = new ArrayList<>();
        try {
            Thread.sleep(300);
            for (int i = 0; i < 3; i++) {
                advices.addAll(OptimizerDriver.advise());
            }
        } finally {
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<Integer> worker : workers) {
            assertTrue(worker.get() >= 5); // throws if the workload saw an error
        }
        assertFalse(advices.isEmpty());
        assertNotNull(OptimizerDriver.lastAdvice().get(0));
        Map<String, Long> ddl = advices.stream().flatMap(a -> a.suggestions().stream())
                .collect(Collectors.groupingBy(IndexSuggestion::ddl, Collectors.counting()));
        assertTrue(ddl.keySet().stream().noneMatch(d -> d.contains(".orders")), ddl.toString());
        try (Connection direct = TestDatabases.directPostgres();
             PreparedStatement indexes = direct.prepareStatement(
                     "select count(*) from pg_indexes where schemaname = ?")) {
            indexes.setString(1, schema);
            try (ResultSet rs = indexes.executeQuery()) {
                rs.next();
                assertEquals(4, rs.getInt(1), "the advisor never creates an index");
            }
        }
        assertTrue(Instant.now().isAfter(advices.get(0).at()));
    }
}
