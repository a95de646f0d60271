package org.jdbcoptimizer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withoutArgumentEveryUrlOfTheInstrumentedDriversIsWrappedWithDefaultOptions() throws Exception {
        AgentSettings settings = AgentSettings.load(null);

        assertEquals("agent defaults", settings.source());
        assertTrue(settings.urls().wraps("jdbc:postgresql://db/app"));
        assertTrue(settings.urls().wraps("jdbc:sqlite:app.db"));
        assertTrue(settings.options().isEmpty());
        assertTrue(settings.extraDrivers().isEmpty());
        assertNull(settings.report());
    }

    @Test
    void readsPatternsDriversReportAndOptions() throws Exception {
        Path file = file("agent.include=jdbc:postgresql://db1/*, regex:jdbc:sqlite:.*\\\\.db",
                "agent.exclude=*ApplicationName=batch*", "agent.drivers=org.mariadb.jdbc.Driver",
                "agent.report=stats.json", "optimizer.cache=true", "optimizer.slowLog.threshold=100ms");

        AgentSettings settings = AgentSettings.load("config=" + file);

        assertTrue(settings.urls().wraps("jdbc:postgresql://db1/app?user=x"));
        assertFalse(settings.urls().wraps("jdbc:postgresql://db2/app"));
        assertFalse(settings.urls().wraps("jdbc:postgresql://db1/app?ApplicationName=batch"));
        assertTrue(settings.urls().wraps("jdbc:sqlite:/data/app.db"));
        assertFalse(settings.urls().wraps("jdbc:sqlite::memory:"));
        assertEquals(List.of("org.mariadb.jdbc.Driver"), settings.extraDrivers());
        assertEquals(Path.of("stats.json").toAbsolutePath(), settings.report());
        assertEquals("true", settings.options().get("optimizer.cache"));
    }

    @Test
    void everyProblemIsReportedWithKeyValueAndAcceptedRange() throws Exception {
        Path file = file("agent.inclde=x", "agent.include=regex:(", "agent.drivers=not a class",
                "optimizer.pool.maxSize=0", "optimizer.nPlusOne.threshold=-1", "optimizer.colour=blue");

        AgentConfigException e = assertThrows(AgentConfigException.class, () -> AgentSettings.load("config=" + file));

        String all = String.join("\n", e.problems());
        assertEquals(6, e.problems().size(), all);
        assertTrue(all.contains("Unknown key 'agent.inclde'") && all.contains("accepted agent.include"), all);
        assertTrue(all.contains("'regex:('") && all.contains("not a valid regular expression"), all);
        assertTrue(all.contains("'not a class' is not a class name"), all);
        assertTrue(all.contains("Invalid value '0' for option optimizer.pool.maxSize") && all.contains("1 to 10000"), all);
        assertTrue(all.contains("Invalid value '-1' for option optimizer.nPlusOne.threshold"), all);
        assertTrue(all.contains("Unknown option optimizer.colour"), all);
        assertTrue(all.contains("from agent file " + file), all);
    }

    @Test
    void theOptimizersPoolCannotBeTurnedOnInAgentMode() throws Exception {
        Path file = file("optimizer.pool=true");

        AgentConfigException e = assertThrows(AgentConfigException.class, () -> AgentSettings.load("config=" + file));

        assertTrue(e.problems().get(0).contains("optimizer.pool") && e.problems().get(0).contains("accepted false"),
                e.getMessage());
    }

    @Test
    void aMissingFileOrUnknownArgumentIsAProblem() {
        AgentConfigException missing = assertThrows(AgentConfigException.class,
                () -> AgentSettings.load("config=" + dir.resolve("nope.properties")));
        assertTrue(missing.getMessage().contains("Cannot read the agent configuration"), missing.getMessage());

        AgentConfigException unknown = assertThrows(AgentConfigException.class, () -> AgentSettings.load("conf=x"));
        assertTrue(unknown.getMessage().contains("Unknown agent argument 'conf=x'"), unknown.getMessage());
    }

    private Path file(String... lines) throws IOException {
        Path file = dir.resolve("optimizer-agent.properties");
        Files.write(file, List.of(lines));
        return file;
    }
}
