package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.NewRevision;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * Every command of the launcher on a real database, run in-process as {@code ./crmp} runs it (the script itself:
 * {@link LauncherScriptTest}): the plan shown before running, one line per revision, where the database ends up;
 * revision specs through the command line; stamp up and down; the exit code of each kind of failure; the revision
 * skeleton applied and rolled back in a scratch copy of the changelogs.
 */
class LauncherTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final String REVISION_2 = "4a2f1879293a";
    private static final String REVISION_9 = "0d99ba90c229";
    private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d s");

    @TempDir
    Path temporary;

    private final Launcher launcher = Launcher.ofRepository();

    @Nested
    class Upgrade {

        @Test
        void showsThePlanThenOneLinePerRevisionThenWhereTheDatabaseIs() throws Exception {
            try (TestDatabase db = TestDatabases.empty()) {
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", "0d99"));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                assertEquals("", upgrade.err(), upgrade.describe());
                List<Revision> nine = CHAIN.revisions().subList(0, 9);
                List<String> expected = new ArrayList<>();
                expected.add("Upgrading schema crmp of tester@" + where(db) + " from base to " + REVISION_9
                        + ", 9 revisions:");
                nine.forEach(r -> expected.add("  " + r.id() + "  " + r.message()));
                nine.forEach(r -> expected.add("applied     " + r.id() + "  " + r.message() + "  (# s)"));
                expected.add("Done: 9 revisions applied in # s. Now at 0d99ba90c229  Create missing indexes");
                assertEquals(expected, withoutTimes(upgrade.lines()), upgrade.describe());
                assertEquals(Optional.of(REVISION_9), db.migrations().current());
                CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_9), db.catalog("crmp"),
                        "after crmp upgrade 0d99");
            }
        }

        @Test
        void toTheHeadMarksTheHead() throws Exception {
            try (TestDatabase db = TestDatabases.at("33179b5ae85a")) {
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                Revision head = CHAIN.head();
                assertEquals("Done: 1 revision applied in # s. Now at " + head.id() + "  " + head.message()
                        + "  (head)", withoutTimes(upgrade.lines()).get(3));
            }
        }

        @Test
        void plusNCountsFromTheCurrentRevision() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", "+2"));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                assertEquals(Optional.of("7b139906ac46"), db.migrations().current());
            }
        }

        @Test
        void aRevisionPlusNCountsFromThatRevision() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_2)) {
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", "0d99+1"));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                assertEquals(Optional.of("3d50ec832e47"), db.migrations().current());
            }
        }

        @Test
        void toTheCurrentRevisionDoesNothing() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", REVISION_9));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                assertEquals("Nothing to do: schema crmp of tester@" + where(db) + " is at " + REVISION_9
                        + "  Create missing indexes.\n", upgrade.out());
            }
        }

        @Test
        void toAnEarlierRevisionIsRefused() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                assertRefused(launcher.run(on(db, "upgrade", "4a2f")), "crmp: '4a2f' is 4a2f1879293a, before the "
                        + "current revision 0d99ba90c229: use downgrade to go back. Nothing was changed.", db, REVISION_9);
            }
        }

        @Test
        void beyondTheHeadIsRefused() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                assertRefused(launcher.run(on(db, "upgrade", "+21")), "crmp: '+21' is outside the chain: from "
                        + "0d99ba90c229 there are 20 revisions up and 9 down.", db, REVISION_9);
            }
        }
    }

    @Nested
    class Downgrade {

        @Test
        void minusNRollsBackNewestFirst() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result downgrade = launcher.run(on(db, "downgrade", "-2"));
                assertEquals(0, downgrade.exitCode(), downgrade.describe());
                assertEquals(List.of(
                        "Downgrading schema crmp of tester@" + where(db) + " from 0d99ba90c229 to e688e520d265, "
                                + "2 revisions:",
                        "  0d99ba90c229  Create missing indexes",
                        "  2914c6c8a7f9  Drop meta_climo_attrs",
                        "rolled back 0d99ba90c229  Create missing indexes  (# s)",
                        "rolled back 2914c6c8a7f9  Drop meta_climo_attrs  (# s)",
                        "Done: 2 revisions rolled back in # s. Now at e688e520d265  Refactor flags association tables"),
                        withoutTimes(downgrade.lines()), downgrade.describe());
                CatalogAssertions.assertCatalogMatches(Revision.byId("e688e520d265"), db.catalog("crmp"),
                        "after crmp downgrade -2");
            }
        }

        @Test
        void toARevisionByPrefix() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result downgrade = launcher.run(on(db, "downgrade", "4a2f"));
                assertEquals(0, downgrade.exitCode(), downgrade.describe());
                assertEquals(Optional.of(REVISION_2), db.migrations().current());
            }
        }

        @Test
        void baseRollsBackEveryRevision() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result downgrade = launcher.run(on(db, "downgrade", "base"));
                assertEquals(0, downgrade.exitCode(), downgrade.describe());
                assertEquals("Done: 9 revisions rolled back in # s. Now at base  (no revision applied)",
                        withoutTimes(downgrade.lines()).get(19));
                assertEquals(List.of("databasechangelog", "databasechangeloglock"),
                        db.column("SELECT relname FROM pg_class WHERE relnamespace = 'crmp'::regnamespace "
                                + "AND relkind <> 'i' ORDER BY 1"));
            }
        }

        @Test
        void toALaterRevisionIsRefused() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_2)) {
                assertRefused(launcher.run(on(db, "downgrade", "0d99")), "crmp: '0d99' is 0d99ba90c229, after the "
                        + "current revision 4a2f1879293a: use upgrade to go forward. Nothing was changed.", db, REVISION_2);
            }
        }
    }

    @Nested
    class CurrentHistoryShow {

        @Test
        void currentPrintsTheRevisionItsMessageAndWhetherItIsTheHead() throws Exception {
            try (TestDatabase empty = TestDatabases.empty(); TestDatabase at9 = TestDatabases.at(REVISION_9)) {
                assertEquals("base  (no revision applied)\n", launcher.run(on(empty, "current")).out());
                Launcher.Result current = launcher.run(on(at9, "current"));
                assertEquals(0, current.exitCode(), current.describe());
                assertEquals("0d99ba90c229  Create missing indexes\n", current.out());
                assertEquals("0d99ba90c229  Create missing indexes  "
                        + "changelog/revisions/009-0d99ba90c229-create-missing-indexes.yaml\n",
                        launcher.run(on(at9, "current", "--verbose")).out());
            }
        }

        @Test
        void historyMarksWhatIsAppliedTheCurrentRevisionAndTheHead() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result history = launcher.run(on(db, "history"));
                assertEquals(0, history.exitCode(), history.describe());
                List<String> lines = history.lines();
                assertEquals(CHAIN.size(), lines.size());
                assertEquals(CHAIN.head().id() + "  pending  " + CHAIN.head().message() + "  (head)", lines.get(0));
                assertEquals("3d50ec832e47  pending  add constraint on meta vars", lines.get(19));
                assertEquals("0d99ba90c229  applied  Create missing indexes  (current)", lines.get(20));
                assertEquals("522eed334c85  applied  Create initial database", lines.get(28));
            }
        }

        @Test
        void historyTakesARangeRelativeToTheCurrentRevision() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result history = launcher.run(on(db, "history", "-r", "-2:current"));
                assertEquals(0, history.exitCode(), history.describe());
                assertEquals(List.of("0d99ba90c229  applied  Create missing indexes  (current)",
                        "2914c6c8a7f9  applied  Drop meta_climo_attrs",
                        "e688e520d265  applied  Refactor flags association tables"), history.lines());
            }
        }

        @Test
        void showTakesARevisionRelativeToTheCurrentOne() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                Launcher.Result show = launcher.run(on(db, "show", "-1"));
                assertEquals(0, show.exitCode(), show.describe());
                assertTrue(show.out().startsWith("Revision: 2914c6c8a7f9, 8 of 29\n"), show.describe());
                assertTrue(launcher.run(on(db, "show", "current")).out().startsWith("Revision: 0d99ba90c229, 9 of 29\n"));
            }
        }
    }

    @Nested
    class Stamp {

        @Test
        void upRecordsTheRevisionsWithoutRunningThem() throws Exception {
            try (TestDatabase db = TestDatabases.empty()) {
                Launcher.Result stamp = launcher.run(on(db, "stamp", "4a2f"));
                assertEquals(0, stamp.exitCode(), stamp.describe());
                assertEquals(List.of(
                        "Stamping (recording, running nothing) schema crmp of tester@" + where(db)
                                + " from base to 4a2f1879293a, 2 revisions:",
                        "  522eed334c85  Create initial database",
                        "  4a2f1879293a  Create functions",
                        "stamped     522eed334c85  Create initial database",
                        "stamped     4a2f1879293a  Create functions",
                        "Done: 2 revisions stamped in # s. Now at 4a2f1879293a  Create functions"),
                        withoutTimes(stamp.lines()), stamp.describe());
                assertEquals(List.of("522eed334c85", "522eed334c85-tag", "4a2f1879293a", "4a2f1879293a-tag"),
                        db.column("SELECT id FROM crmp.databasechangelog ORDER BY orderexecuted"));
                assertEquals(List.of("databasechangelog", "databasechangeloglock"),
                        db.column("SELECT relname FROM pg_class WHERE relnamespace = 'crmp'::regnamespace "
                                + "AND relkind <> 'i' ORDER BY 1"), "nothing ran");
            }
        }

        @Test
        void downRemovesTheRecordsOfTheLaterRevisionsWithoutRunningAnything() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_9)) {
                ObjectNode before = db.catalog("crmp");
                Launcher.Result stamp = launcher.run(on(db, "stamp", "4a2f"));
                assertEquals(0, stamp.exitCode(), stamp.describe());
                List<String> lines = withoutTimes(stamp.lines());
                assertEquals("Stamping down (removing records, running nothing) schema crmp of tester@" + where(db)
                        + " from 0d99ba90c229 to 4a2f1879293a, 7 revisions:", lines.get(0));
                assertEquals("unstamped   0d99ba90c229  Create missing indexes", lines.get(8));
                assertEquals("unstamped   84b7fc2596d5  Add utility views", lines.get(14));
                assertEquals("Done: 7 revisions unstamped in # s. Now at 4a2f1879293a  Create functions",
                        lines.get(15));
                assertEquals(List.of("522eed334c85", "522eed334c85-tag", "4a2f1879293a", "4a2f1879293a-tag"),
                        db.column("SELECT id FROM crmp.databasechangelog ORDER BY orderexecuted"));
                assertEquals(before, db.catalog("crmp"), "nothing ran");

                // The revisions are idempotent (docs/changelog-conventions.md): upgrading records them again.
                Launcher.Result upgrade = launcher.run(on(db, "upgrade", "0d99"));
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_9), db.catalog("crmp"),
                        "after stamp down and upgrade");
            }
        }

        @Test
        void toBaseRemovesEveryRecord() throws Exception {
            try (TestDatabase db = TestDatabases.at(REVISION_2)) {
                Launcher.Result stamp = launcher.run(on(db, "stamp", "base"));
                assertEquals(0, stamp.exitCode(), stamp.describe());
                assertEquals(List.of(), db.column("SELECT id FROM crmp.databasechangelog"));
                assertEquals("base  (no revision applied)\n", launcher.run(on(db, "current")).out());
            }
        }
    }

    @Nested
    class Settings {

        @Test
        void aLabelChoosesTheDatabaseAndTheEnvironmentTheSchema() throws Exception {
            try (TestDatabase db = TestDatabases.empty()) {
                Launcher scratch = Launcher.inDirectory(temporary).label("dev", db);
                Launcher.Result upgrade = scratch.with("PYCDS_SCHEMA_NAME", "other").run("-x", "db=dev", "upgrade",
                        "4a2f");
                assertEquals(0, upgrade.exitCode(), upgrade.describe());
                assertTrue(upgrade.out().startsWith("Upgrading schema other of tester@" + where(db) + " from base"),
                        upgrade.describe());
                assertEquals(Optional.of(REVISION_2), db.migrations("other").current());
                assertEquals(Optional.empty(), db.migrations("crmp").current());
            }
        }

        @Test
        void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheLabelFile() throws Exception {
            try (TestDatabase db = TestDatabases.empty()) {
                Launcher scratch = Launcher.inDirectory(temporary).label("dev", "url=" + db.jdbcUrl()
                        + "\nusername=nobody\nschemaName=other\n");
                Launcher.Result fromLabel = scratch.run("-x", "db=dev", "-x", "user=tester", "upgrade", "522e");
                assertEquals(0, fromLabel.exitCode(), fromLabel.describe());
                assertEquals(Optional.of("522eed334c85"), db.migrations("other").current());

                Launcher.Result fromEnvironment = scratch.with("PYCDS_SCHEMA_NAME", "crmp")
                        .run("-x", "db=dev", "-x", "user=tester", "upgrade", "4a2f");
                assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.describe());
                assertEquals(Optional.of(REVISION_2), db.migrations("crmp").current());

                Launcher.Result fromCommandLine = scratch.with("PYCDS_SCHEMA_NAME", "crmp")
                        .run("-x", "db=dev", "-x", "user=tester", "-x", "schemaName=other", "upgrade", "4a2f");
                assertEquals(0, fromCommandLine.exitCode(), fromCommandLine.describe());
                assertEquals(Optional.of(REVISION_2), db.migrations("other").current());
            }
        }
    }

    @Nested
    class ExitCodes {

        @Test
        void anUnreachableServerIs3() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Launcher.Result current = launcher.run("-x", "url=jdbc:postgresql://127.0.0.1:" + port + "/pcds",
                    "-x", "user=tester", "current");
            assertFailed(3, current, "crmp: Cannot connect to tester@127.0.0.1:" + port + "/pcds: Connection to "
                    + "127.0.0.1:" + port + " refused. Check that the hostname and port are correct and that the "
                    + "postmaster is accepting TCP/IP connections. Nothing was changed.");
        }

        @Test
        void aMissingDatabaseIs3() {
            TestPostgres server = TestPostgres.get();
            Launcher.Result upgrade = launcher.run("-x", "url=" + server.jdbcUrl("crmp_no_such_database"),
                    "-x", "user=tester", "upgrade", "head");
            assertFailed(3, upgrade, "crmp: Database 'crmp_no_such_database' does not exist on " + server.host() + ":"
                    + server.port() + ". Nothing was changed.");
        }

        @Test
        void aRefusedOrMissingPasswordIs3AndPasswordsAreFoundAsPsqlFindsThem() throws Exception {
            assumeTrue(TestPostgres.get().requiresPasswords(), "the server asks no password of anyone");
            String role = TestDatabases.passwordRole("launcher_password_user", "right");
            try (TestDatabase db = TestDatabases.empty()) {
                String[] current = {"-x", "url=" + db.jdbcUrl(), "-x", "user=" + role, "current"};
                Launcher scratch = Launcher.inDirectory(temporary);
                assertFailed(3, scratch.with("PGPASSWORD", "wrong").run(current), "crmp: The server refused the "
                        + "password for " + role + "@" + where(db) + " (PGPASSWORD). Nothing was changed.");
                assertFailed(3, scratch.run(current), "crmp: The server asks for a password for " + role + "@"
                        + where(db) + " and none was found: set PGPASSWORD or add a line "
                        + where(db).replace("/", ":") + ":" + role + ":PASSWORD to ~/.pgpass (mode 600; or to the file "
                        + "PGPASSFILE names). Nothing was changed.");
                assertEquals(0, scratch.with("PGPASSWORD", "right").run(current).exitCode());
                Path pgpass = temporary.resolve(".pgpass");
                Files.writeString(pgpass, "*:*:*:" + role + ":right\n");
                Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
                Launcher.Result fromFile = scratch.run(current);
                assertEquals(0, fromFile.exitCode(), fromFile.describe());
            }
        }

        @Test
        void aDatabaseThatIsNotReadyIs1WithNothingChanged() throws Exception {
            try (TestDatabase db = TestDatabases.empty()) {
                Launcher.Result upgrade = launcher.run(on(db, "-x", "schemaName=absent", "upgrade", "head"));
                assertFailed(1, upgrade, "crmp: The database is not ready for the CRMP changelogs: schema 'absent' "
                        + "does not exist (the migrations never create it: see scripts/create-database.sh). Nothing "
                        + "was changed.");
            }
        }

        @Test
        void aFailingRevisionIs1AndNamesTheRevisionAndWhereTheDatabaseIs() throws Exception {
            Launcher scratch = Launcher.inScratchProject(temporary);
            Revision failing = NewRevision.write(temporary.resolve("changelog"), "Fail on purpose",
                    List.of(new NewRevision.Step("divide-by-zero", "SELECT 1/0;")),
                    List.of(new NewRevision.Step("nothing", "")), new java.util.Random()).revision();
            String head = CHAIN.head().id();
            try (TestDatabase db = TestDatabases.at(head)) {
                Launcher.Result upgrade = scratch.run(on(db, "upgrade", "head"));
                assertEquals(1, upgrade.exitCode(), upgrade.describe());
                assertTrue(upgrade.out().startsWith("Upgrading schema crmp of tester@" + where(db) + " from " + head
                        + " to " + failing.id() + ", 1 revision:\n"), upgrade.describe());
                assertTrue(upgrade.err().startsWith("crmp: Revision " + failing.id() + " (Fail on purpose) failed, "
                        + "nothing of it kept: ERROR: division by zero"), upgrade.describe());
                assertTrue(upgrade.err().endsWith(" The database is at " + head + ".\n"), upgrade.describe());
                assertEquals(1, upgrade.err().lines().count(), upgrade.describe());
                assertEquals(Optional.of(head), db.migrations().current());
            }
        }

        @Test
        void aLockHeldByAnotherMigrationIs4() throws Exception {
            // The migration lock of schema crmp (docs/reliability.md), held by another session; waited for 1 s.
            try (TestDatabase db = TestDatabases.at(REVISION_2);
                 java.sql.Connection other = db.newConnection(TestDatabases.MIGRATION_USER)) {
                try (java.sql.Statement statement = other.createStatement()) {
                    statement.execute("SET application_name = 'another migration'");
                }
                Migrations.on(other).withoutEnvironment().schema("crmp").lock(line -> { });
                Launcher.Result upgrade = launcher.run(on(db, "-x", "lockTimeout=1s", "upgrade", "0d99"));
                assertEquals(4, upgrade.exitCode(), upgrade.describe());
                String last = upgrade.err().lines().reduce((a, b) -> b).orElse("");
                assertTrue(last.startsWith("crmp: Could not get the migration lock of schema crmp of database "
                        + db.name() + " within 1 s: it is held by pid "), upgrade.describe());
                assertTrue(last.contains("(application_name 'another migration'"), upgrade.describe());
                Launcher.Result stamp = launcher.run(on(db, "-x", "lockTimeout=0", "stamp", "base"));
                assertEquals(4, stamp.exitCode(), stamp.describe());
                assertEquals(4, db.column("SELECT id FROM crmp.databasechangelog").size(), "nothing unstamped");
                assertEquals(Optional.of(REVISION_2), db.migrations().current());
            }
        }

        private static void assertFailed(int code, Launcher.Result result, String line) {
            assertEquals(code, result.exitCode(), result.describe());
            assertEquals(line + "\n", result.err(), result.describe());
        }
    }

    @Test
    void theRevisionSkeletonAppliesAndRollsBackAsItIs() throws Exception {
        Launcher scratch = Launcher.inScratchProject(temporary);
        Launcher.Result created = scratch.run("revision", "-m", "Add nothing yet");
        assertEquals(0, created.exitCode(), created.describe());
        Revision added = RevisionChain.fromDirectory(temporary.resolve("changelog")).head();
        String head = CHAIN.head().id();
        try (TestDatabase db = TestDatabases.at(head)) {
            ObjectNode before = db.catalog("crmp");
            Launcher.Result upgrade = scratch.run(on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertEquals(List.of(
                    "Upgrading schema crmp of tester@" + where(db) + " from " + head + " to " + added.id()
                            + ", 1 revision:",
                    "  " + added.id() + "  Add nothing yet",
                    "applied     " + added.id() + "  Add nothing yet  (# s)",
                    "Done: 1 revision applied in # s. Now at " + added.id() + "  Add nothing yet  (head)"),
                    withoutTimes(upgrade.lines()), upgrade.describe());
            assertEquals(before, db.catalog("crmp"));

            Launcher.Result downgrade = scratch.run(on(db, "downgrade", "-1"));
            assertEquals(0, downgrade.exitCode(), downgrade.describe());
            assertEquals(Optional.of(head), db.migrations().current());
            assertEquals(2 * CHAIN.size(), db.column("SELECT id FROM crmp.databasechangelog").size());
            assertEquals(before, db.catalog("crmp"));
        }
    }

    private static void assertRefused(Launcher.Result result, String line, TestDatabase db, String at)
            throws Exception {
        assertEquals(2, result.exitCode(), result.describe());
        assertEquals(line + "\n", result.err(), result.describe());
        assertEquals("", result.out(), result.describe());
        assertEquals(Optional.of(at), db.migrations().current());
    }

    /** "127.0.0.1:5432/crmp_test_3", as the launcher names the database. */
    private static String where(TestDatabase db) {
        return TestPostgres.get().host() + ":" + TestPostgres.get().port() + "/" + db.name();
    }

    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().map(l -> SECONDS.matcher(l).replaceAll("# s")).toList();
    }
}
