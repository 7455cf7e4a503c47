package org.pacificclimate.crmp.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.pacificclimate.crmp.testsupport.AlembicDatabases;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.PsqlScript;
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
    void anUpdatePrintsOneLinePerRevisionWithoutColoursSummariesOrStackTraces() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-Dliquibase.toTag=" + REVISION_9));
            assertEquals(0, update.exitCode(), update.describe());
            List<String> expected = RevisionChain.standard().revisions().subList(0, 9).stream()
                    .map(r -> "applied     " + r.id() + "  " + r.message() + "  (").toList();
            List<String> lines = update.output().lines().toList();
            assertEquals(expected.size(), lines.size(), update.describe());
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(lines.get(i).startsWith(expected.get(i)) && lines.get(i).matches(".*\\(\\d+\\.\\d s\\)"),
                        lines.get(i));
            }
            assertFalse(update.output().contains("\u001B"), "ANSI escape codes in:\n" + update.output());
        }
    }

    @Test
    void aRevisionPrefixIsAcceptedAndReportedInFull() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-Dliquibase.toTag=0d99"));
            assertEquals(0, update.exitCode(), update.describe());
            assertTrue(update.output().startsWith("Revision '0d99' is " + REVISION_9 + " (Create missing indexes).\n"),
                    update.describe());
            assertEquals(Optional.of(REVISION_9), db.migrations().current());
        }
    }

    @Test
    void aMistypedRevisionIsRefusedWithNothingChanged() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-Dliquibase.toTag=0d98"));
            assertNotEquals(0, update.exitCode(), update.describe());
            assertTrue(update.output().contains("[ERROR] Unknown revision '0d98': no revision id starts with '0d98' "
                    + "(revisions run 522eed334c85 … f6d5a4c2e901). Nothing was changed.\n"), update.describe());
            assertUntouched(db);
        }
    }

    @Test
    void anAmbiguousRevisionIsRefusedListingTheCandidates() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-Dliquibase.toTag=8"));
            assertNotEquals(0, update.exitCode(), update.describe());
            assertTrue(update.output().contains("[ERROR] Ambiguous revision '8': it could be 84b7fc2596d5, 8fd8f556c548, "
                    + "879f0efa125f, 83896ee79b06, 8c05da87cb79. Nothing was changed.\n"), update.describe());
            assertUntouched(db);
        }
    }

    @Test
    void aPluginPropertyWithoutItsPrefixIsRefusedWithNothingChanged() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db, "-DtoTag=" + REVISION_9));
            assertNotEquals(0, update.exitCode(), update.describe());
            assertTrue(update.output().contains("[ERROR] Not read by the Liquibase Maven plugin: -DtoTag (write "
                    + "-Dliquibase.toTag). Nothing was changed.\n"), update.describe());
            assertUntouched(db);
        }
    }

    @Test
    void aRollbackCountThatWouldStopInsideARevisionIsRefusedWithNothingChanged() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION_9)) {
            MavenCommand.Result rollback = maven().run(goal("liquibase:rollback", db, "-Dliquibase.rollbackCount=1"));
            assertNotEquals(0, rollback.exitCode(), rollback.describe());
            assertTrue(rollback.output().contains("[ERROR] -Dliquibase.rollbackCount=1 rolls back 1 changeset, which "
                    + "would stop inside revision " + REVISION_9 + " (between its changeset and its tag). Counts are "
                    + "changesets, two per revision: use 2, or -Dliquibase.rollbackTag=<revision>. Nothing was "
                    + "changed.\n"), rollback.describe());
            assertEquals(Optional.of(REVISION_9), db.migrations().current());
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_9), db.catalog("crmp"), "after the refusal");
        }
    }

    @Test
    void aRollbackCountOfWholeRevisionsRollsThemBack() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION_9)) {
            MavenCommand.Result rollback = maven().run(goal("liquibase:rollback", db, "-Dliquibase.rollbackCount=4"));
            assertEquals(0, rollback.exitCode(), rollback.describe());
            Revision seven = Revision.byId(REVISION_9).previous().orElseThrow().previous().orElseThrow();
            assertEquals(Optional.of(seven.id()), db.migrations().current());
        }
    }

    @Test
    void twoLabelsAreRefusedBeforeConnecting() throws IOException {
        MavenCommand.Result result = maven().run(List.of("liquibase:update", "-Pdev,test"));
        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().startsWith("[ERROR] Two database labels chosen (dev, test): choose one. Nothing was "
                + "changed.\n"), result.describe());
    }

    @Test
    void pgpasswordIsHonoured() throws Exception {
        assumeTrue(TestPostgres.get().requiresPasswords(), "the test server's authentication is not ours to set");
        String role = TestDatabases.passwordRole("maven_pw", "from-environment");
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().withEnvironment("PGPASSWORD", "from-environment").run(
                    List.of("liquibase:update", "-Dliquibase.url=" + db.jdbcUrl(), "-Dliquibase.username=" + role,
                            "-Dliquibase.toTag=" + REVISION_1));
            assertEquals(0, update.exitCode(), update.describe());
            assertEquals(List.of(REVISION_1), tagsAsAdmin(db));
        }
    }

    @Test
    void aPgpassFileInTheHomeDirectoryIsHonoured() throws Exception {
        assumeTrue(TestPostgres.get().requiresPasswords(), "the test server's authentication is not ours to set");
        String role = TestDatabases.passwordRole("maven_pgpass", "from:pgpass");
        Path home = Files.createDirectory(temporary.resolve("home"));
        try (TestDatabase db = TestDatabases.empty()) {
            Path pgpass = home.resolve(".pgpass");
            Files.writeString(pgpass, TestPostgres.get().host() + ":" + TestPostgres.get().port() + ":" + db.name() + ":"
                    + role + ":from\\:pgpass\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            MavenCommand.Result update = maven().withEnvironment("HOME", home.toString()).run(
                    List.of("liquibase:update", "-Dliquibase.url=" + db.jdbcUrl(), "-Dliquibase.username=" + role,
                            "-Dliquibase.toTag=" + REVISION_1));
            assertEquals(0, update.exitCode(), update.describe());
            assertEquals(List.of(REVISION_1), tagsAsAdmin(db));
        }
    }

    @Test
    void withoutAPasswordTheGoalSaysWhereToPutOne() throws Exception {
        assumeTrue(TestPostgres.get().requiresPasswords(), "the test server's authentication is not ours to set");
        String role = TestDatabases.passwordRole("maven_nopw", "unknown");
        Path home = Files.createDirectory(temporary.resolve("empty-home"));
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().withEnvironment("HOME", home.toString()).run(
                    List.of("liquibase:update", "-Dliquibase.url=" + db.jdbcUrl(), "-Dliquibase.username=" + role));
            assertNotEquals(0, update.exitCode(), update.describe());
            assertTrue(update.output().startsWith("[ERROR] The server asks for a password for " + role + "@"),
                    update.describe());
            assertUntouched(db);
        }
    }

    @Test
    void aUsersOwnChangelogFileOverridesTheProjectsAndRunsWithStockLiquibase() throws Exception {
        Path own = Files.createDirectory(temporary.resolve("own"));
        Files.writeString(own.resolve("other.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: users-own
                      author: someone
                      changes:
                        - sql: {sql: "CREATE TABLE crmp.users_own (id integer)"}
                """);
        try (TestDatabase db = TestDatabases.empty()) {
            MavenCommand.Result update = maven().run(goal("liquibase:update", db,
                    "-Dliquibase.changeLogFile=other.yaml", "-Dliquibase.searchPath=" + own));
            assertEquals(0, update.exitCode(), update.describe());
            assertEquals(List.of("databasechangelog", "databasechangeloglock", "databasechangeloglock_pkey", "users_own"),
                    objectsIn(db, "crmp"));
            assertEquals(List.of("users-own"), db.column("SELECT id FROM crmp.databasechangelog"));
        }
    }

    @Test
    void theCheckGoalFindsNoDifferenceBetweenTheModelAndADatabaseAtHead() throws Exception {
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().head().id())) {
            MavenCommand.Result check = maven().run(List.of("exec:java@check", "-Dliquibase.url=" + db.jdbcUrl(),
                    "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
            assertEquals(0, check.exitCode(), check.describe());
            assertTrue(check.output().startsWith("No differences between the model and schema crmp of tester@"),
                    check.describe());
        }
    }

    @Test
    void theCheckGoalFailsTheBuildOnADifference() throws Exception {
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().head().id())) {
            db.execute("ALTER TABLE crmp.meta_contact DROP COLUMN phone");
            MavenCommand.Result check = maven().run(List.of("exec:java@check", "-Dliquibase.url=" + db.jdbcUrl(),
                    "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
            assertNotEquals(0, check.exitCode(), check.describe());
            assertTrue(check.output().contains("  column meta_contact.phone: missing\n"), check.describe());
        }
    }

    @Test
    void theAdoptGoalRecordsADatabaseAlembicBuiltAndTheUndoGoalRemovesTheRecords() throws Exception {
        try (TestDatabase db = AlembicDatabases.at(REVISION_9)) {
            MavenCommand.Result adopt = maven().run(List.of("exec:java@adopt", "-Dliquibase.url=" + db.jdbcUrl(),
                    "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
            assertEquals(0, adopt.exitCode(), adopt.describe());
            assertTrue(adopt.output().startsWith("Adopting schema crmp of tester@"), adopt.describe());
            assertEquals(Optional.of(REVISION_9), db.migrations().current());

            MavenCommand.Result undo = maven().run(List.of("exec:java@adopt-undo", "-Dliquibase.url=" + db.jdbcUrl(),
                    "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
            assertEquals(0, undo.exitCode(), undo.describe());
            assertEquals(Optional.empty(), db.migrations().current());
            assertEquals(List.of(REVISION_9), db.column("SELECT version_num FROM crmp.alembic_version"));
        }
    }

    @Test
    void theAutogenerateGoalAgainstADatabaseAtHeadWritesNothing() throws Exception {
        int revisions = RevisionChain.fromDirectory(TestDatabases.projectFile("changelog")).size();
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().head().id())) {
            MavenCommand.Result generate = maven().run(List.of("exec:java@autogenerate", "-Dpycds.message=Nothing",
                    "-Dliquibase.url=" + db.jdbcUrl(), "-Dliquibase.username=" + TestDatabases.MIGRATION_USER));
            assertEquals(0, generate.exitCode(), generate.describe());
            assertTrue(generate.output().contains("No changes in schema detected: nothing written."),
                    generate.describe());
        }
        assertEquals(revisions, RevisionChain.fromDirectory(TestDatabases.projectFile("changelog")).size());
    }

    /** The fleet goal on a copy of the compiled project whose labels are test databases, one unreachable. */
    @Test
    void theFleetGoalShowsEveryLabelsDatabaseAndFailsTheBuildForAnUnreachableOne() throws Exception {
        Path copy = Files.createDirectory(temporary.resolve("project"));
        Files.copy(TestDatabases.projectFile("pom.xml"), copy.resolve("pom.xml"));
        copyTree(TestDatabases.projectFile(".mvn"), copy.resolve(".mvn"));
        copyTree(TestDatabases.projectFile("target/classes"), copy.resolve("target/classes"));
        Path environments = Files.createDirectory(copy.resolve("environments"));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        try (TestDatabase nine = TestDatabases.at(REVISION_9)) {
            Files.writeString(environments.resolve("alpha.properties"), "url=" + nine.jdbcUrl() + "\nusername="
                    + TestDatabases.MIGRATION_USER + "\n");
            Files.writeString(environments.resolve("down.properties"), "url=jdbc:postgresql://127.0.0.1:" + closedPort
                    + "/nowhere\nusername=tester\n");
            MavenCommand fleet = MavenCommand.onProject(copy);
            MavenCommand.Result all = fleet.run(List.of("exec:java@fleet"));
            assertNotEquals(0, all.exitCode(), all.describe());
            assertTrue(all.output().matches("(?s).*\nalpha +tester@\\S+/" + nine.name() + " +crmp +" + REVISION_9 + " +"
                    + (RevisionChain.standard().size() - 9) + "\n.*"), all.describe());
            assertTrue(all.output().contains("1 of 2 databases could not be read (down; their rows say why)."),
                    all.describe());

            Files.delete(environments.resolve("down.properties"));
            MavenCommand.Result reachable = fleet.run(List.of("exec:java@fleet"));
            assertEquals(0, reachable.exitCode(), reachable.describe());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    @Test
    void aGoalRunBeforeTheProjectIsCompiledSaysWhatToRun() throws IOException {
        Path copy = Files.createDirectory(temporary.resolve("fresh-clone"));
        Files.copy(TestDatabases.projectFile("pom.xml"), copy.resolve("pom.xml"));
        Files.createDirectory(copy.resolve(".mvn"));
        Files.copy(TestDatabases.projectFile(".mvn/jvm.config"), copy.resolve(".mvn/jvm.config"));
        MavenCommand.Result status = MavenCommand.onProject(copy).run(List.of("liquibase:status",
                "-Dliquibase.url=jdbc:postgresql://127.0.0.1:1/none"));
        assertNotEquals(0, status.exitCode(), status.describe());
        assertTrue(status.output().contains("Cannot find database driver: the_project_is_not_compiled__run__mvn_compile__first"),
                status.describe());
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
        assertTrue(targets.containsAll(List.of("other.databasechangelog", "other.meta_network", "other.obs_raw")),
                "the script creates and records in schema other: " + targets);
        assertFalse(sql.contains("databasechangeloglock"), "the script takes Liquibase's lock");
        assertEquals(RevisionChain.standard().size(), count(sql, "\nBEGIN;\n"), "one transaction per revision");
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
            PsqlScript.Result run = PsqlScript.run(target, script, true);
            assertEquals(0, run.exitCode(), "psql -f " + script + ":\n" + run.output());

            CatalogAssertions.assertCatalogMatches(RevisionChain.standard().head(), "other", target.catalog("other"),
                    "schema other after the offline script");
            assertEquals(Optional.of(RevisionChain.standard().head().id()), target.migrations("other").current());
        }
    }

    /**
     * The issue's fault: a revision that fails half-way through a script run statement by statement (no
     * --single-transaction). Each revision is its own transaction, so those before it stay applied and recorded,
     * nothing of it is kept, and no lock is left taken.
     */
    @Test
    void anUpdateSqlScriptRunWithoutOneTransactionStopsAtTheFailingRevisionWithTheOnesBeforeItApplied()
            throws Exception {
        Revision failing = Revision.byId("3d50ec832e47"); // the citext unique constraint refuses these two names
        Revision before = failing.previous().orElseThrow();
        Revision start = before.previous().orElseThrow();
        Path script = temporary.resolve("migrate.sql");
        try (TestDatabase source = TestDatabases.at(start.id()); TestDatabase target = TestDatabases.at(start.id())) {
            MavenCommand.Result result = maven().run(goal("liquibase:updateSQL", source,
                    "-Dliquibase.migrationSqlOutputFile=" + script));
            assertEquals(0, result.exitCode(), result.describe());
            target.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'n');"
                    + " INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name) VALUES (1, 1, 'Tmax'), (2, 1, 'tmax')");

            PsqlScript.Result run = PsqlScript.run(target, script, false);
            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("could not create unique index \"network_variable_name_unique\""), run.output());
            assertEquals(Optional.of(before.id()), target.migrations().current());
            List<String> recorded = new ArrayList<>();
            for (Revision r : RevisionChain.standard().revisions().subList(0, before.number())) {
                recorded.addAll(List.of(r.id(), r.id() + "-tag"));
            }
            assertEquals(recorded, target.column("SELECT id FROM crmp.databasechangelog ORDER BY orderexecuted"));
            CatalogAssertions.assertCatalogMatches(before, target.catalog("crmp"), "after the failed script");
            assertEquals(List.of(), target.column("SELECT id::text FROM crmp.databasechangeloglock WHERE locked"));
        }
    }

    @Test
    void aRollbackSqlScriptTakesTheSchemaDownToTheTagWithTheRecordsOfTheOnlineRollback() throws Exception {
        Revision from = Revision.byId("0d99ba90c229");
        Revision to = Revision.byId("4a2f1879293a");
        Path script = temporary.resolve("rollback.sql");
        try (TestDatabase source = TestDatabases.at(from.id()); TestDatabase target = TestDatabases.at(from.id());
             TestDatabase online = TestDatabases.at(from.id())) {
            MavenCommand.Result result = maven().run(goal("liquibase:rollbackSQL", source,
                    "-Dliquibase.rollbackTag=4a2f", "-Dliquibase.migrationSqlOutputFile=" + script));
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.output().contains("Revision '4a2f' is " + to.id()), result.describe());
            assertEquals(Optional.of(from.id()), source.migrations().current(), "rollbackSQL changed the database");

            PsqlScript.Result run = PsqlScript.run(target, script, false);
            assertEquals(0, run.exitCode(), run.output());
            online.migrations().rollbackTo(to.id());
            CatalogAssertions.assertCatalogMatches(to, target.catalog("crmp"), "after the rollback script");
            String records = "SELECT id, author, filename, md5sum, exectype, coalesce(tag, '-') FROM crmp.databasechangelog"
                    + " ORDER BY orderexecuted";
            assertEquals(online.rows(records), target.rows(records));
        }
    }



    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
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

    /** The tags recorded in schema crmp, read as the administrator (the migrating role owns the table). */
    private static List<String> tagsAsAdmin(TestDatabase db) throws Exception {
        List<String> tags = new ArrayList<>();
        try (var admin = db.admin(); var statement = admin.createStatement();
             var rows = statement.executeQuery("SELECT tag FROM crmp.databasechangelog WHERE tag IS NOT NULL "
                     + "ORDER BY orderexecuted")) {
            while (rows.next()) {
                tags.add(rows.getString(1));
            }
        }
        return tags;
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
