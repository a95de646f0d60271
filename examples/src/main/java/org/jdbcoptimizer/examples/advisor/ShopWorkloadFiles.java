package org.jdbcoptimizer.examples.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jdbcoptimizer.advisor.WorkloadFile;
import org.jdbcoptimizer.dialect.Database;

/**
 * The shop workload of the repository's {@code src/workload/shop}, bundled into the jar under
 * {@code workload/shop/} so the measurement runs from any directory.
 */
public final class ShopWorkloadFiles {

    private static final String DIRECTORY = "/workload/shop/";

    private ShopWorkloadFiles() {
    }

    public static WorkloadFile workload() {
        return WorkloadFile.parse(read("workload.sql"), "src/workload/shop/workload.sql");
    }

    /** {@code schema-postgresql.sql}, {@code data-sqlite.sql}, ... */
    public static String script(String kind, Database database) {
        return read(kind + "-" + (database == Database.POSTGRESQL ? "postgresql" : "sqlite") + ".sql");
    }

    private static String read(String name) {
        try (InputStream in = ShopWorkloadFiles.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException(DIRECTORY + name + " is not on the classpath; build the examples"
                        + " module with Maven, which bundles src/workload into the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
