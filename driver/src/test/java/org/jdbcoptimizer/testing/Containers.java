package org.jdbcoptimizer.testing;

import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** The Testcontainers fallback, for machines with Docker and no local PostgreSQL. */
final class Containers {

    private static PostgreSQLContainer<?> postgres;

    private Containers() {
    }

    static synchronized String startPostgres(String triedUrl, SQLException failure) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("No PostgreSQL at " + triedUrl + " (" + failure.getMessage()
                    + ") and no Docker for Testcontainers. Start PostgreSQL or set JDBCOPT_TEST_PG_URL.", failure);
        }
        if (postgres == null) {
            postgres = new PostgreSQLContainer<>("postgres:15");
            postgres.start();
        }
        return postgres.getJdbcUrl() + (postgres.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                + postgres.getUsername() + "&password=" + postgres.getPassword();
    }
}
