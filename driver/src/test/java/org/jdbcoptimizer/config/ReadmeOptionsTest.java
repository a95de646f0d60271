package org.jdbcoptimizer.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's option table is the user's reference: every option, with its default, must be in it. */
class ReadmeOptionsTest {

    @Test
    void readmeListsEveryOptionWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Option<?> option : Options.ALL.values()) {
            String defaultText = option.defaultValue() == null ? "" : Option.formatValue(option.defaultValue());
            String row = "| `" + option.key() + "` | " + (defaultText.isEmpty() ? "" : "`" + defaultText + "`") + " |";
            assertTrue(readme.contains(row), "README.md lacks the row starting: " + row);
        }
    }
}
