package org.jdbcoptimizer.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The PostgreSQL plans captured under src/test/resources/plans/ (see README there). */
final class PlanResources {

    private PlanResources() {
    }

    static String text(String name) {
        try (InputStream in = PlanResources.class.getResourceAsStream("/plans/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource /plans/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plan postgres(String name) {
        return PostgresPlanParser.parse(text(name));
    }
}
