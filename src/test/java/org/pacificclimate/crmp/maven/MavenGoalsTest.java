package org.pacificclimate.crmp.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * The README's maintainer commands, run with the real {@code mvn} in a subprocess against a database of the
 * test cluster: the Maven plugin's configuration in the pom, the label profiles, the {@code PYCDS_SCHEMA_NAME}
 * profile and the Liquibase extension ({@code GuardedPostgresDriver}, the validating parser) together, which the
 * other tests only reach through the Java API.
 *
 * <p>Each case is one {@code mvn} invocation (two for update-then-rollback), a few seconds each; the time of
 * each is printed to the test output.
 */
class MavenGoalsTest {

    private static final String REVISION_1 = "522eed334c85";
    private static final String REVISION_9 = "0d99ba90c229";

    @TempDir
    Path temporary;

    @Test
    void updateToATagThenRollbackToATagMoveTheSchemaAlongTheChain() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-Dliquibase.toTag=" + REVISION_9));
            assertEquals(0, update.exitCode(), update.describe());
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_9), db.catalog("crmp"), "after mvn liquibase:update -Dliquibase.toTag");
            assertEquals(Optional.of(REVISION_9), db.migrations().current());

            MavenCommand.Result rollback = maven().run(goal("liquibase:rollback", db, "-Dliquibase.rollbackTag=" + REVISION_1));
            assertEquals(0, rollback.exitCode(), rollback.describe());
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_1), db.catalog("crmp"), "after mvn liquibase:rollback -Dliquibase.rollbackTag");
            assertEquals(Optional.of(REVISION_1), db.migrations().current());
            assertEquals(List.of(), objectsIn(db, "other"));
        }
    }

    @Test
    void anUnknownLabelIsRefusedWithTheKnownLabelsAndTheDatabaseIsUntouched() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result result = maven().run(goal("liquibase:update", db, "-Pnosuch"));
            assertNotEquals(0, result.exitCode(), result.describe());
            assertTrue(result.output().contains("Unknown database label 'nosuch'. Known labels: "
                    + String.join(", ", knownLabels()) + " "), result.describe());
            assertUntouched(db);
        }
    }

    @Test
    void aSchemaNameFromTheEnvironmentThatIsNotAPlainIdentifierIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result result = maven().withEnvironment("PYCDS_SCHEMA_NAME", "Bad-Name")
                    .run(goal("liquibase:update", db));
            assertNotEquals(0, result.exitCode(), result.describe());
            assertTrue(result.output().contains("The schema name (PYCDS_SCHEMA_NAME) 'Bad-Name' is not a plain "
                    + "lowercase SQL identifier"), result.describe());
            assertTrue(result.output().contains("Nothing was changed."), result.describe());
            assertUntouched(db);
        }
    }

    @Test
    void pycdsSchemaNameFromTheEnvironmentMigratesThatSchemaOnly() throws Exception {
        Revision head = RevisionChain.standard().head();
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result result = maven().withEnvironment("PYCDS_SCHEMA_NAME", "other")
                    .run(goal("liquibase:update", db));
            assertEquals(0, result.exitCode(), result.describe());
            CatalogAssertions.assertCatalogMatches(head, "other", db.catalog("other"), "schema other after PYCDS_SCHEMA_NAME=other mvn liquibase:update");
            assertEquals(Optional.of(head.id()), db.migrations("other").current());
            assertEquals(List.of("other.databasechangelog", "other.databasechangeloglock"), changelogTables(db));
            assertEquals(List.of(), objectsIn(db, "crmp"));
        }
    }

    @Test
    void updateSqlWritesTheScriptForTheChosenSchemaAndTouchesNothing() throws Exception {
        Path script = temporary.resolve("migrate.sql");
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result result = maven().run(goal("liquibase:updateSQL", db, "-Dpycds.schemaName=other",
                    "-Dliquibase.migrationSqlOutputFile=" + script));
            assertEquals(0, result.exitCode(), result.describe());
            assertUntouched(db);
        }
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        List<String> targets = new ArrayList<>();
        Matcher statement = Pattern.compile("(?m)^(?:CREATE TABLE(?: IF NOT EXISTS)?|INSERT INTO|DELETE FROM|UPDATE) ([^\\s(;]+)")
                .matcher(sql);
        while (statement.find()) {
            targets.add(statement.group(1));
        }
        assertEquals(List.of(), targets.stream().filter(t -> !t.startsWith("other.")).toList(),
                "tables written by the script outside schema other");
        assertTrue(targets.containsAll(List.of("other.databasechangeloglock", "other.databasechangelog",
                "other.meta_network", "other.obs_raw")), "the script creates and records in schema other: " + targets);
        assertTrue(sql.contains("'" + RevisionChain.standard().head().id() + "-tag'"), "the script goes up to the head revision");
        assertFalse(sql.contains("crmp."), "the script names schema crmp");
        assertFalse(sql.contains("${"), "the script has an unsubstituted parameter");
    }

    @Test
    void anUpdateSqlScriptRunByPsqlAsOneTransactionBuildsTheHeadSchemaWithItsOwners() throws Exception {
        Path script = temporary.resolve("migrate.sql");
        try (TestDatabase source = TestDatabases.empty(); TestDatabase target = TestDatabases.empty()) {
            MavenCommand.Result result = maven().run(goal("liquibase:updateSQL", source, "-Dpycds.schemaName=other",
                    "-Dliquibase.migrationSqlOutputFile=" + script));
            assertEquals(0, result.exitCode(), result.describe());

            // The README's way to run an offline script: stop at the first error, all or nothing.
            TestPostgres server = TestPostgres.get();
            ProcessBuilder psql = new ProcessBuilder(psqlExecutable(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "--single-transaction", "-f", script.toString(), "host=" + server.host() + " port="
                    + server.port() + " user=" + TestDatabases.MIGRATION_USER + " dbname=" + target.name())
                    .redirectErrorStream(true);
            psql.environment().putAll(server.clientEnvironment());
            Process process = psql.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), "psql -f " + script + ":\n" + output);

            CatalogAssertions.assertCatalogMatches(RevisionChain.standard().head(), "other", target.catalog("other"),
                    "schema other after the offline script");
            assertEquals(Optional.of(RevisionChain.standard().head().id()), target.migrations("other").current());
        }
    }

    private static String psqlExecutable() {
        Path local = Path.of("/usr/lib/postgresql/15/bin/psql");
        return Files.isExecutable(local) ? local.toString() : "psql";
    }

    @Test
    void aMissingMvnOnThePathFailsWithAClearMessage() throws IOException {
        Path empty = Files.createDirectory(temporary.resolve("bin"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MavenCommand.locate(empty + File.pathSeparator + temporary.resolve("absent")));
        assertEquals("No 'mvn' on the PATH (" + empty + File.pathSeparator + temporary.resolve("absent") + "). The "
                + "Maven goal tests run the maintainer's commands (mvn liquibase:update ...) in a subprocess: "
                + "install Maven 3.8+ (apt-get install maven) or put its bin directory on the PATH.", e.getMessage());
    }

    /**
     * {@code mvn} on this project. When the test server needs a password, it reaches the subprocess through a
     * pgpass file ({@code PGPASSFILE}, which PgJDBC reads), as the README advises, not on the command line.
     */
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

    /** A goal on {@code db} in the README's form without a label: {@code -Dliquibase.url -Dliquibase.username}. */
    private static List<String> goal(String goal, TestDatabase db, String... more) {
        List<String> arguments = new ArrayList<>(List.of(goal, "-Dliquibase.url=" + db.jdbcUrl(),
                "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
        arguments.addAll(List.of(more));
        return arguments;
    }

    /** The names of environments/*.properties, hidden files excepted: the labels the pom knows. */
    private static List<String> knownLabels() {
        String[] files = TestDatabases.projectFile("environments").toFile()
                .list((dir, name) -> name.endsWith(".properties") && !name.startsWith("."));
        TreeSet<String> labels = new TreeSet<>();
        for (String file : files) {
            labels.add(file.substring(0, file.length() - ".properties".length()));
        }
        return List.copyOf(labels);
    }

    /** Neither schema holds anything, and there are no changelog tables anywhere. */
    private static void assertUntouched(TestDatabase db) throws Exception {
        assertEquals(List.of(), objectsIn(db, "crmp"), "schema crmp");
        assertEquals(List.of(), objectsIn(db, "other"), "schema other");
        assertEquals(List.of(), changelogTables(db), "changelog tables");
    }

    private static List<String> objectsIn(TestDatabase db, String schema) throws Exception {
        return db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = '" + schema + "' UNION ALL SELECT p.proname FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '" + schema + "' ORDER BY 1");
    }

    private static List<String> changelogTables(TestDatabase db) throws Exception {
        return db.column("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relname LIKE 'databasechangelog%' ORDER BY 1");
    }
}
