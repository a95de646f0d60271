package org.jdbcoptimizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TriggersCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheInstallScriptForTheNamedTables() {
        assertEquals(Main.OK, run("triggers", "orders", "products"));
        String script = out.toString(StandardCharsets.UTF_8);
        assertTrue(script.contains("CREATE TRIGGER jdbc_optimizer_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders"),
                script);
        assertTrue(script.contains("ON products"), script);
    }

    @Test
    void printsTheUninstallScriptAndRefusesBadInput() {
        assertEquals(Main.OK, run("triggers", "--uninstall", "orders"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("DROP TRIGGER"));
        assertEquals(Main.USAGE, run("triggers"));
        assertEquals(Main.FAILED, run("triggers", "orders; drop table x"));
    }
}
