package org.jdbcoptimizer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbcoptimizer.agent.ChildJvm.Result;
import org.jdbcoptimizer.agent.apps.HikariApp;
import org.jdbcoptimizer.agent.apps.NoJdbcApp;
import org.jdbcoptimizer.agent.apps.PlainJdbcApp;
import org.jdbcoptimizer.util.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent under unchanged applications, each in a child JVM against the real PostgreSQL and a
 * real SQLite file: what the agent produces (slow-query log, statistics report, cache hits) and
 * that the same program without it produces none of that. The slow-query log threshold is 0, so
 * every statement through a wrapped connection is logged exactly once: a connection wrapped twice
 * would log it twice, and the optimizer's own EXPLAIN connection, if wrapped, would log its EXPLAINs.
 */
class AgentIT {

    private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static String postgresUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() {
        String configured = System.getenv("JDBCOPT_TEST_PG_URL");
        postgresUrl = configured != null && !configured.isBlank() ? configured : DEFAULT_PG_URL;
        try (Connection ignored = DriverManager.getConnection(postgresUrl)) {
            // reachable
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and the test PostgreSQL at " + postgresUrl
                        + " is unreachable (" + e.getMessage() + "). .ci/run must start it.", e);
            }
            Assumptions.abort("No PostgreSQL at " + postgresUrl + " (" + e.getMessage()
                    + "); set JDBCOPT_TEST_PG_URL. The agent tests need a real server.");
        }
    }

    @Test
    void plainJdbcProgramGetsSlowLogStatisticsAndServedCacheHits() throws Exception {
        Path slowLog = dir.resolve("slow.jsonl");
        Path report = dir.resolve("report.json");
        Path config = config("optimizer.slowLog.threshold=0", "optimizer.slowLog.file=" + slowLog,
                "optimizer.cache=true", "agent.report=" + report, "agent.exclude=*ApplicationName=outside-writer*");

        Result result = ChildJvm.run(dir, "config=" + config, List.of(), PlainJdbcApp.class, postgresUrl,
                dir.resolve("app.db").toString(), suffix());

        assertEquals(0, result.exitCode(), result::toString);
        // The outside update is not seen: the second read was served from the cache, not the database.
        assertTrue(result.stdout().contains("price=10\nprice after the outside update=10\n"), result::toString);

        List<Map<String, Object>> events = events(slowLog);
        assertEquals(3, statements(events, "SELECT 'plain-probe-pg', now()").size(), () -> dump(events));
        assertEquals(3, statements(events, "SELECT 'plain-probe-sqlite', count(*) FROM items").size(),
                () -> dump(events));
        assertTrue(statements(events, "SELECT 'plain-probe-pg', now()").stream().anyMatch(e -> e.get("plan") != null),
                () -> "a PostgreSQL statement was EXPLAINed: " + dump(events));
        assertTrue(statements(events, "SELECT 'plain-probe-sqlite', count(*) FROM items").stream()
                .anyMatch(e -> e.get("plan") != null), () -> "a SQLite statement was EXPLAINed: " + dump(events));
        assertNoOwnStatements(events);
        assertTrue(events.stream().noneMatch(e -> String.valueOf(e.get("sql")).startsWith("UPDATE")),
                () -> "the excluded URL's connection is not wrapped: " + dump(events));

        Map<String, Object> stats = Json.parseObject(Files.readString(report));
        assertEquals(3L, calls(stats, "select ?, now()", "jdbc:postgresql:"), () -> stats.toString());
        assertEquals(3L, calls(stats, "select ?, count(*) from items", "jdbc:sqlite:"), () -> stats.toString());
        Map<?, ?> caches = (Map<?, ?>) stats.get("caches");
        long hits = caches.values().stream().mapToLong(c -> ((Number) ((Map<?, ?>) c).get("hits")).longValue()).sum();
        assertTrue(hits >= 1, () -> "a served hit in the cache statistics: " + stats);
    }

    @Test
    void theSameProgramWithoutTheAgentProducesNoneOfIt() throws Exception {
        Result result = ChildJvm.run(dir, null, List.of(), PlainJdbcApp.class, postgresUrl,
                dir.resolve("app.db").toString(), suffix());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("price=10\nprice after the outside update=20\n"), result::toString);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("app.db"), files.map(f -> f.getFileName().toString()).sorted()
                    .filter(name -> !name.startsWith("app.db-")).collect(Collectors.toList()));
        }
    }

    @Test
    void hikariProgramIsWrappedOnceWhicheverWayItConnects() throws Exception {
        Path slowLog = dir.resolve("slow.jsonl");
        Path optimizerUrlLog = dir.resolve("optimizer-url.jsonl");
        Path report = dir.resolve("report.json");
        Path config = config("optimizer.slowLog.threshold=0", "optimizer.slowLog.file=" + slowLog,
                "optimizer.cache=true", "optimizer.cache.bus=postgres", "agent.report=" + report);

        Result result = ChildJvm.run(dir, "config=" + config, List.of(), HikariApp.class, postgresUrl,
                dir.resolve("hikari.db").toString(), optimizerUrlLog.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().endsWith("done\n"), result::toString);
        List<Map<String, Object>> events = events(slowLog);
        for (String probe : List.of("hikari-url-probe", "hikari-pg-datasource-probe")) {
            List<Map<String, Object>> runs = statements(events, "SELECT '" + probe + "'");
            assertEquals(3, runs.size(), () -> probe + ": " + dump(events));
            assertTrue(runs.stream().allMatch(e -> String.valueOf(e.get("pool")).startsWith("unpooled jdbc:postgresql:")),
                    () -> dump(events));
        }
        List<Map<String, Object>> sqlite = statements(events, "SELECT 'hikari-sqlite-datasource-probe'");
        assertEquals(3, sqlite.size(), () -> dump(events));
        assertTrue(sqlite.stream().allMatch(e -> String.valueOf(e.get("pool")).startsWith("unpooled jdbc:sqlite:")),
                () -> dump(events));
        assertNoOwnStatements(events);

        // A jdbc:optimizer: URL is the optimizer's own: its pool's connections are not wrapped again.
        assertTrue(statements(events, "SELECT 'optimizer-url-probe'").isEmpty(), () -> dump(events));
        List<Map<String, Object>> own = events(optimizerUrlLog);
        assertEquals(3, statements(own, "SELECT 'optimizer-url-probe'").size(), () -> dump(own));
        assertNoOwnStatements(own);

        Map<String, Object> stats = Json.parseObject(Files.readString(report));
        assertEquals(3L, calls(stats, "select ?", "unpooled jdbc:sqlite:"), () -> stats.toString());
        assertEquals(6L, calls(stats, "select ?", "unpooled jdbc:postgresql:"), () -> stats.toString());
    }

    @Test
    void hikariProgramWithoutTheAgentProducesNoLog() throws Exception {
        Result result = ChildJvm.run(dir, null, List.of(), HikariApp.class, postgresUrl,
                dir.resolve("hikari.db").toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().endsWith("done\n"), result::toString);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("hikari.db"), files.map(f -> f.getFileName().toString()).sorted()
                    .filter(name -> !name.startsWith("hikari.db-")).collect(Collectors.toList()));
        }
    }

    @Test
    void brokenConfigurationLeavesTheProgramRunningAndSaysWhy() throws Exception {
        Path slowLog = dir.resolve("slow.jsonl");
        Path config = config("optimizer.slowLog.file=" + slowLog, "agent.inclde=jdbc:postgresql:*",
                "optimizer.slowLog.threshold=fast", "optimizer.cache=maybe");

        Result result = ChildJvm.run(dir, "config=" + config, List.of(), PlainJdbcApp.class, postgresUrl,
                dir.resolve("app.db").toString(), suffix());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("price=10\nprice after the outside update=20\n"), result::toString);
        assertTrue(result.stdout().endsWith("done\n"), result::toString);
        String stderr = result.stderr();
        assertTrue(stderr.contains("jdbc-optimizer agent: not installed"), stderr);
        assertTrue(stderr.contains("agent.inclde") && stderr.contains("accepted agent.include"), stderr);
        assertTrue(stderr.contains("'fast'") && stderr.contains("optimizer.slowLog.threshold")
                && stderr.contains("0 to 1h"), stderr);
        assertTrue(stderr.contains("'maybe'") && stderr.contains("optimizer.cache ") && stderr.contains("true or false"),
                stderr);
        assertEquals(1, stderr.split("not installed", -1).length - 1, () -> "reported once: " + stderr);
        assertFalse(Files.exists(slowLog), "the agent stayed out of the way");
    }

    @Test
    void programWithoutJdbcLoadsNeitherJdbcNorByteBuddy() throws Exception {
        Result result = ChildJvm.run(dir, "", List.of("-verbose:class"), NoJdbcApp.class);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("hello without JDBC"), result::toString);
        List<String> loaded = result.stdout().lines().filter(line -> line.contains("[class,load]"))
                .collect(Collectors.toList());
        assertTrue(loaded.stream().anyMatch(line -> line.contains("org.jdbcoptimizer.agent.OptimizerAgent")),
                "the agent ran");
        assertTrue(loaded.stream().noneMatch(line -> line.contains("java.sql.DriverManager")), "no DriverManager");
        assertTrue(loaded.stream().noneMatch(line -> line.contains("bytebuddy")), "no byte-buddy");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private Path config(String... lines) throws IOException {
        Path file = dir.resolve("optimizer-agent.properties");
        // Properties files treat backslashes as escapes: write Windows paths with forward slashes.
        Files.write(file, List.of(lines).stream().map(l -> l.replace('\\', '/')).collect(Collectors.toList()));
        return file;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static List<Map<String, Object>> events(Path log) throws IOException {
        assertTrue(Files.exists(log), "the slow-query log " + log + " was written");
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                events.add(Json.parseObject(line));
            }
        }
        return events;
    }

    /** Statement events (not N+1 or lint events) of one exact text. */
    private static List<Map<String, Object>> statements(List<Map<String, Object>> events, String sql) {
        return events.stream()
                .filter(e -> sql.equals(e.get("sql")) && "statement".equals(e.getOrDefault("event", "statement")))
                .collect(Collectors.toList());
    }

    /** The optimizer's own connections (EXPLAIN, the cache bus's LISTEN) must never be wrapped and logged. */
    private static void assertNoOwnStatements(List<Map<String, Object>> events) {
        for (Map<String, Object> event : events) {
            String sql = String.valueOf(event.get("sql")).trim().toUpperCase(java.util.Locale.ROOT);
            assertFalse(sql.startsWith("EXPLAIN") || sql.startsWith("LISTEN") || sql.contains("PG_NOTIFY"),
                    () -> "an optimizer-internal statement was wrapped: " + event);
        }
    }

    private static long calls(Map<String, Object> report, String fingerprint, String poolPrefix) {
        long calls = 0;
        for (Object shape : (List<?>) report.get("statements")) {
            Map<?, ?> s = (Map<?, ?>) shape;
            if (fingerprint.equals(s.get("fingerprint")) && String.valueOf(s.get("pool")).contains(poolPrefix)) {
                calls += ((Number) s.get("calls")).longValue();
            }
        }
        return calls;
    }

    private static String dump(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("pool") + " | " + e.get("sql")).collect(Collectors.joining("\n", "\n", ""));
    }
}
