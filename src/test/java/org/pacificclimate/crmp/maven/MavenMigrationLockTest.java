package org.pacificclimate.crmp.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * {@code mvn liquibase:update} waits for the migration lock of its schema as the launcher does ({@code
 * -Dpycds.lockTimeout=}), saying who holds it, and gives up with one {@code [ERROR]} line that names the holder.
 */
class MavenMigrationLockTest {

    @TempDir
    Path temporary;

    @Test
    void aGoalThatCannotGetTheMigrationLockInTimeFailsWithOneLineNamingTheHolder() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection holder = db.newConnection(TestDatabases.MIGRATION_USER)) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("SET application_name = 'a long migration'");
            }
            try (SchemaLock.Held held = Migrations.on(holder).withoutEnvironment().schema("crmp").lock(line -> { })) {
                MavenCommand.Result update = maven().run(List.of("liquibase:update", "-Dliquibase.url=" + db.jdbcUrl(),
                                "-Dliquibase.username=" + TestDatabases.MIGRATION_USER, "-Dpycds.lockTimeout=1s"));
                assertNotEquals(0, update.exitCode(), update.describe());
                List<String> lines = update.output().lines().toList();
                assertTrue(lines.get(0).startsWith("[INFO] Waiting for the migration lock of schema crmp (at most "),
                        update.describe());
                assertTrue(lines.get(1).startsWith("[ERROR] Could not get the migration lock of schema crmp of "
                        + "database " + db.name() + " within 1 s: it is held by pid "), update.describe());
                assertTrue(lines.get(1).contains("(application_name 'a long migration'"), update.describe());
                assertTrue(lines.get(1).endsWith("Nothing was changed."), update.describe());
            }
            assertEquals("f", db.value("SELECT to_regclass('crmp.databasechangelog') IS NOT NULL"), "nothing changed");
        }
    }

    /** {@code mvn}, with the test server's password (if it needs one) in a pgpass file, as MavenGoalsTest does. */
    private MavenCommand maven() throws IOException {
        MavenCommand maven = MavenCommand.onProject(TestDatabases.projectFile(".").normalize());
        TestPostgres server = TestPostgres.get();
        String password = server.clientEnvironment().get("PGPASSWORD");
        if (password != null) {
            Path pgpass = temporary.resolve("pgpass");
            Files.writeString(pgpass, server.host() + ":" + server.port() + ":*:" + TestDatabases.MIGRATION_USER + ":"
                    + password.replace("\\", "\\\\").replace(":", "\\:") + "\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            maven = maven.withEnvironment("PGPASSFILE", pgpass.toString());
        }
        return maven;
    }
}
