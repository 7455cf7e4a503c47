package org.pacificclimate.crmp.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 15 with PostGIS 3 and PL/Python in a container, for machines with a Docker engine and without
 * the local packages. The image adds plpython3u to the PostGIS image.
 */
final class ContainerPostgres {

    private ContainerPostgres() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static TestPostgres start() {
        ImageFromDockerfile image = new ImageFromDockerfile("crmp-schema-test-postgres", false)
                .withDockerfileFromBuilder(builder -> builder
                        .from("postgis/postgis:15-3.4")
                        .run("apt-get update && apt-get install -y --no-install-recommends postgresql-plpython3-15"
                                + " && rm -rf /var/lib/apt/lists/*")
                        .build());
        String name = image.get();
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(name).asCompatibleSubstituteFor("postgres"))
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres");
        container.start();
        return TestPostgres.of(container.getHost(), container.getMappedPort(5432), "postgres", "postgres");
    }
}
