package org.jdbcoptimizer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerConfigTest {

    private static final String URL = "jdbc:optimizer:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("optimizer.pool.maxSize");
        System.clearProperty("optimizer.pool.minIdle");
        System.clearProperty("optimizer.config");
    }

    @Test
    void everyOptionHasItsDefaultWhenNothingIsGiven() throws Exception {
        OptimizerConfig config = OptimizerConfig.load(URL, new Properties());
        for (Option<?> option : Options.ALL.values()) {
            assertEquals(option.defaultValue(), config.get(option), option.key());
            assertEquals("default", config.sourceOf(option));
        }
    }

    @Test
    void urlBeatsPropertiesBeatsSystemPropertiesBeatsFile() throws Exception {
        Path file = dir.resolve("optimizer.properties");
        Files.writeString(file, "optimizer.pool.maxSize=11\npool.minIdle=1\noptimizer.pool.name=from-file\n");
        System.setProperty("optimizer.config", file.toString());
        System.setProperty("optimizer.pool.maxSize", "12");
        System.setProperty("optimizer.pool.minIdle", "2");
        Properties info = new Properties();
        info.setProperty("optimizer.pool.maxSize", "13");

        OptimizerConfig config = OptimizerConfig.load(URL + "?optimizer.pool.maxSize=14", info);
        assertEquals(14, config.get(Options.POOL_MAX_SIZE));
        assertEquals("URL parameter", config.sourceOf(Options.POOL_MAX_SIZE));
        assertEquals(2, config.get(Options.POOL_MIN_IDLE));
        assertEquals("system property", config.sourceOf(Options.POOL_MIN_IDLE));
        assertEquals("from-file", config.get(Options.POOL_NAME));

        assertEquals(13, OptimizerConfig.load(URL, info).get(Options.POOL_MAX_SIZE));
        assertEquals(12, OptimizerConfig.load(URL, new Properties()).get(Options.POOL_MAX_SIZE));
        System.clearProperty("optimizer.pool.maxSize");
        assertEquals(11, OptimizerConfig.load(URL, new Properties()).get(Options.POOL_MAX_SIZE));
    }

    @Test
    void environmentVariablesMapToOptionsAndUnknownOnesFail() throws Exception {
        Map<String, String> found = ConfigLoader.environment(Map.of("OPTIMIZER_POOL_MAXSIZE", "7", "PATH", "/bin"));
        assertEquals(Map.of("pool.maxSize", "7"), found);
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class,
                () -> ConfigLoader.environment(Map.of("OPTIMIZER_POOL_MAXSIZ", "7")));
        assertTrue(e.getMessage().contains("OPTIMIZER_POOL_MAXSIZ"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean OPTIMIZER_POOL_MAXSIZE"), e.getMessage());
    }

    @Test
    void unknownOptionFailsWithASuggestion() {
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.pool.maxSiez=3", new Properties()));
        assertTrue(e.getMessage().contains("optimizer.pool.maxSiez"), e.getMessage());
        assertTrue(e.getMessage().contains("URL parameter"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean optimizer.pool.maxSize?"), e.getMessage());
    }

    @Test
    void badValuesNameOptionValueAndRange() {
        OptimizerConfigException negative = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.pool.maxSize=-1", new Properties()));
        assertTrue(negative.getMessage().contains("'-1'"), negative.getMessage());
        assertTrue(negative.getMessage().contains("optimizer.pool.maxSize"), negative.getMessage());
        assertTrue(negative.getMessage().contains("from 1 to 10000"), negative.getMessage());

        OptimizerConfigException duration = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.pool.connectionTimeout=soon", new Properties()));
        assertTrue(duration.getMessage().contains("optimizer.pool.connectionTimeout"), duration.getMessage());
        assertTrue(duration.getMessage().contains("30s"), "shows how to write a duration: " + duration.getMessage());

        OptimizerConfigException bool = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.pool=yes", new Properties()));
        assertTrue(bool.getMessage().contains("true or false"), bool.getMessage());
    }

    @Test
    void minIdleAboveMaxSizeNamesBothOptions() {
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.pool.minIdle=20&optimizer.pool.maxSize=10", null));
        assertTrue(e.getMessage().contains("optimizer.pool.minIdle=20"), e.getMessage());
        assertTrue(e.getMessage().contains("optimizer.pool.maxSize=10"), e.getMessage());
    }

    @Test
    void durationsAcceptUnitsAndBareMilliseconds() throws Exception {
        OptimizerConfig config = OptimizerConfig.load(URL + "?optimizer.pool.connectionTimeout=1500"
                + "&optimizer.pool.idleTimeout=2m&optimizer.pool.maxLifetime=0&optimizer.pool.keepaliveTime=30s"
                + "&optimizer.pool.leakDetectionThreshold=250ms", null);
        assertEquals(Duration.ofMillis(1500), config.get(Options.POOL_CONNECTION_TIMEOUT));
        assertEquals(Duration.ofMinutes(2), config.get(Options.POOL_IDLE_TIMEOUT));
        assertEquals(Duration.ZERO, config.get(Options.POOL_MAX_LIFETIME));
        assertEquals(Duration.ofSeconds(30), config.get(Options.POOL_KEEPALIVE_TIME));
        assertEquals(Duration.ofMillis(250), config.get(Options.POOL_LEAK_DETECTION_THRESHOLD));
    }

    @Test
    void missingConfigFileIsAnError() {
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class, () -> OptimizerConfig.load(
                URL + "?optimizer.config=" + dir.resolve("absent.properties"), null));
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "optimizer.pool.maxsize=3\n");
        OptimizerConfigException e = assertThrows(OptimizerConfigException.class,
                () -> OptimizerConfig.load(URL + "?optimizer.config=" + file, null));
        assertTrue(e.getMessage().contains("file " + file), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean optimizer.pool.maxSize?"), e.getMessage());
    }

    @Test
    void urlSplitsIntoTargetUrlAndOurParameters() throws Exception {
        OptimizerUrl url = OptimizerUrl.parse(
                "jdbc:optimizer:postgresql://h:5432/db?user=app&optimizer.pool.maxSize=5&ssl=false&optimizer.pool=true");
        assertEquals("jdbc:postgresql://h:5432/db?user=app&ssl=false", url.targetUrl());
        assertEquals(Map.of("pool.maxSize", "5", "pool", "true"), url.optimizerParameters());
        assertEquals("postgresql", url.subprotocol());

        assertEquals("jdbc:sqlite:app.db", OptimizerUrl.parse("jdbc:optimizer:sqlite:app.db?optimizer.pool=false")
                .targetUrl());
        assertEquals("jdbc:sqlite::memory:", OptimizerUrl.parse("jdbc:optimizer:sqlite::memory:").targetUrl());
        // The prefix is removed once: a target URL that itself mentions 'optimizer' is left alone.
        assertEquals("jdbc:postgresql://optimizer:5432/optimizer",
                OptimizerUrl.parse("jdbc:optimizer:postgresql://optimizer:5432/optimizer").targetUrl());
    }

    @Test
    void malformedUrlsAreRejectedWithoutRevealingPasswords() {
        for (String bad : new String[] {"jdbc:optimizer:", "jdbc:optimizer:postgresql", "jdbc:optimizer:://x",
                "jdbc:optimizer:postgresql://h/db?optimizer.pool.maxSize&password=s3cret"}) {
            OptimizerConfigException e = assertThrows(OptimizerConfigException.class, () -> OptimizerUrl.parse(bad),
                    bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertTrue(e.getMessage().contains("jdbc:optimizer:"), e.getMessage());
        }
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                OptimizerUrl.redact("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"));
    }
}
