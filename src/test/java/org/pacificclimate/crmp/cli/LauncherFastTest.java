package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.liquibase.ProjectChangelogs;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * The launcher's commands and refusals that need no database: help, heads, show, history without a database, the
 * revision skeleton written to a scratch copy of the changelogs, and every kind of bad input, refused with exit
 * code 2 and one line before anything connects (a database URL on a closed port proves it: connecting would give 3).
 */
@Tag("fast")
class LauncherFastTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path temporary;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Launcher.Result help = Launcher.ofRepository().run("--help");
        assertEquals(0, help.exitCode(), help.describe());
        for (String command : List.of("upgrade", "downgrade", "current", "history", "heads", "show", "stamp",
                "revision")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
        }
        assertTrue(help.out().contains("Exit codes:"), help.out());
        for (String code : List.of("0   done", "1   a revision failed", "2   bad input", "3   the database cannot be "
                + "reached", "4   the migration lock")) {
            assertTrue(help.out().contains(code), code + " in\n" + help.out());
        }
        Launcher.Result upgradeHelp = Launcher.ofRepository().run("upgrade", "--help");
        assertEquals(0, upgradeHelp.exitCode(), upgradeHelp.describe());
        assertTrue(upgradeHelp.out().contains("Exit codes:\n   0   done\n"), upgradeHelp.out());
    }

    @Test
    void everyCommandIsListedUnderTheNameItsClassDeclares() {
        Crmp.COMMANDS.forEach((name, type) -> assertEquals(name,
                type.getAnnotation(picocli.CommandLine.Command.class).name(), type.getName()));
        assertEquals(Crmp.COMMANDS.keySet(), Crmp.commandLine(Launch.ofProcess(System.out, System.err))
                .getSubcommands().keySet());
    }

    @Test
    void aCommandLineLoadsOnlyTheCommandsItNames() {
        Launch launch = Launch.ofProcess(System.out, System.err);
        assertEquals(java.util.Set.of("upgrade"), Crmp.commandLine(launch, "-x", "db=dev", "upgrade", "head")
                .getSubcommands().keySet());
        assertEquals(Crmp.COMMANDS.keySet(), Crmp.commandLine(launch, "--help").getSubcommands().keySet());
        assertEquals(Crmp.COMMANDS.keySet(), Crmp.commandLine(launch, "upgarde", "head").getSubcommands().keySet());
    }

    @Test
    void aMisspeltCommandIsRefusedWithTheCommandItResembles() {
        Launcher.Result typo = Launcher.ofRepository().run("upgarde", "head");
        assertEquals(2, typo.exitCode(), typo.describe());
        assertTrue(typo.err().contains("upgrade"), typo.describe());
    }

    @Test
    void headsPrintsTheHeadOfTheChain() {
        Launcher.Result heads = Launcher.ofRepository().run("heads");
        assertEquals(0, heads.exitCode(), heads.describe());
        Revision head = CHAIN.head();
        assertEquals(head.id() + "  " + head.message() + "  (head)\n", heads.out());
    }

    @Test
    void showResolvesAPrefixAndPrintsParentChildAndFile() {
        Launcher.Result show = Launcher.ofRepository().run("show", "0d99");
        assertEquals(0, show.exitCode(), show.describe());
        assertEquals("""
                Revision: 0d99ba90c229, 9 of 29
                Message:  Create missing indexes
                Parent:   2914c6c8a7f9  Drop meta_climo_attrs
                Child:    3d50ec832e47  add constraint on meta vars
                File:     changelog/revisions/009-0d99ba90c229-create-missing-indexes.yaml
                """, show.out());
    }

    @Test
    void showAcceptsARevisionRelativeToAnother() {
        Launcher.Result show = Launcher.ofRepository().run("show", "0d99-1");
        assertEquals(0, show.exitCode(), show.describe());
        assertTrue(show.out().startsWith("Revision: 2914c6c8a7f9, 8 of 29\n"), show.describe());
    }

    @Test
    void historyWithoutADatabaseListsTheChainNewestFirst() {
        Launcher.Result history = Launcher.ofRepository().run("history");
        assertEquals(0, history.exitCode(), history.describe());
        List<String> lines = history.lines();
        assertEquals(CHAIN.size(), lines.size(), history.describe());
        Revision head = CHAIN.head();
        assertEquals(head.id() + "  -        " + head.message() + "  (head)", lines.get(0));
        assertEquals(CHAIN.base().id() + "  -        " + CHAIN.base().message(), lines.get(lines.size() - 1));
    }

    @Test
    void historyTakesARange() {
        Launcher.Result history = Launcher.ofRepository().run("history", "-r", "2914:3d50");
        assertEquals(0, history.exitCode(), history.describe());
        assertEquals(List.of("3d50ec832e47", "0d99ba90c229", "2914c6c8a7f9"),
                history.lines().stream().map(l -> l.split(" ")[0]).toList());
    }

    @Test
    void aBackwardsRangeIsRefused() {
        assertRefused(Launcher.ofRepository().run("history", "-r", "3d50:2914"),
                "crmp: Range '3d50:2914' runs backwards: 3d50ec832e47 comes after 2914c6c8a7f9. Nothing was changed.");
    }

    @Test
    void anUnknownRevisionIsRefusedBeforeConnecting() throws IOException {
        assertRefused(Launcher.ofRepository().run("-x", "url=" + closedPortUrl(), "upgrade", "0d98"),
                "crmp: Unknown revision '0d98': no revision id starts with '0d98' (revisions run 522eed334c85 … "
                        + "f6d5a4c2e901). Nothing was changed.");
    }

    @Test
    void anAmbiguousRevisionIsRefusedListingTheCandidatesBeforeConnecting() throws IOException {
        assertRefused(Launcher.ofRepository().run("-x", "url=" + closedPortUrl(), "downgrade", "8"),
                "crmp: Ambiguous revision '8': it could be 84b7fc2596d5, 8fd8f556c548, 879f0efa125f, 83896ee79b06, "
                        + "8c05da87cb79. Nothing was changed.");
    }

    @Test
    void aTooShortPrefixIsRefused() throws IOException {
        assertRefused(Launcher.ofRepository().run("-x", "url=" + closedPortUrl(), "stamp", "0d9"),
                "crmp: Revision prefix '0d9' is too short: give at least 4 characters (it would be 0d99ba90c229). "
                        + "Nothing was changed.");
    }

    @Test
    void anInvalidSchemaNameIsRefusedBeforeConnecting() throws IOException {
        assertRefused(Launcher.ofRepository().with("PYCDS_SCHEMA_NAME", "Crmp")
                        .run("-x", "url=" + closedPortUrl(), "upgrade", "head"),
                "crmp: The schema name (PYCDS_SCHEMA_NAME) 'Crmp' is not a plain lowercase SQL identifier: use "
                        + "lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 "
                        + "characters. Nothing was changed.");
    }

    @Test
    void anUnknownLabelIsRefusedListingTheLabels() throws IOException {
        assertRefused(withTwoLabels().run("-x", "db=prod", "current"),
                "crmp: Unknown database label 'prod'. Known labels: dev, test (environments/<label>.properties). "
                        + "Nothing was changed.");
    }

    @Test
    void twoLabelsAreRefused() throws IOException {
        assertRefused(withTwoLabels().run("-x", "db=dev", "-x", "db=test", "current"),
                "crmp: Two database labels chosen (dev, test): choose one. Nothing was changed.");
    }

    @Test
    void aPasswordInALabelFileIsRefused() {
        Launcher launcher = Launcher.inDirectory(temporary).label("dev", "url=jdbc:postgresql://127.0.0.1/pcds\n"
                + "username=tester\npassword=secret\n");
        assertRefused(launcher.run("-x", "db=dev", "current"), "crmp: environments/dev.properties holds a password: "
                + "remove it and use ~/.pgpass or PGPASSWORD. Nothing was changed.");
    }

    @Test
    void anUnknownExtraArgumentIsRefused() {
        assertRefused(Launcher.ofRepository().run("-x", "database=dev", "current"),
                "crmp: -x database=dev: unknown key 'database' (known: db, url, user, schemaName, suRoleName, "
                        + "lockTimeout, ddlLockTimeout, ddlLockRetries). Nothing was changed.");
    }

    @Test
    void aCommandWithoutADatabaseIsRefused() throws IOException {
        assertRefused(withTwoLabels().run("upgrade", "head"),
                "crmp: No database chosen: give -x db=<label> (labels: dev, test; environments/<label>.properties) "
                        + "or -x url=jdbc:postgresql://HOST:PORT/DB -x user=USER. Nothing was changed.");
    }

    @Test
    void aUrlThatIsNotPostgresqlIsRefused() {
        assertRefused(Launcher.ofRepository().run("-x", "url=jdbc:mysql://localhost/pcds", "current"),
                "crmp: 'jdbc:mysql://localhost/pcds' is not a PostgreSQL JDBC URL with one host "
                        + "(jdbc:postgresql://HOST:PORT/DATABASE).");
    }

    @Test
    void usageErrorsAreOneLineWithExitCode2() {
        assertRefused(Launcher.ofRepository().run("upgrade"),
                "crmp: Missing required parameter: 'REVISION' (crmp upgrade --help)");
        assertRefused(Launcher.ofRepository().run("migrate", "head"),
                "crmp: Unknown command 'migrate': the commands are upgrade, downgrade, current, history, heads, "
                        + "show, stamp, revision, check, adopt. (crmp --help)");
        assertRefused(Launcher.ofRepository().run("upgrade", "--dry-run", "head"),
                "crmp: Unknown option: '--dry-run' (crmp upgrade --help)");
        assertRefused(Launcher.ofRepository().run(),
                "crmp: Missing command: one of upgrade, downgrade, current, history, heads, show, stamp, revision, "
                        + "check, adopt. (crmp --help)");
    }

    @Test
    void revisionWritesAnEmptyRevisionInTheProjectsConventions() throws IOException {
        Launcher launcher = Launcher.inScratchProject(temporary);
        Path changelog = temporary.resolve("changelog");
        Launcher.Result created = launcher.run("revision", "-m", "Add a flag: the station's \"quality\" #2");
        assertEquals(0, created.exitCode(), created.describe());

        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        assertEquals(CHAIN.size() + 1, chain.size());
        Revision revision = chain.head();
        assertEquals("Add a flag: the station's \"quality\" #2", revision.message());
        assertTrue(revision.id().matches("[0-9a-f]{12}"), revision.id());
        assertTrue(CHAIN.revisions().stream().noneMatch(r -> r.id().startsWith(revision.id().substring(0, 4))),
                "the new id's first four digits name it alone");
        String base = "030-" + revision.id();
        String file = "revisions/" + base + "-add-a-flag-the-station-s-quality-2.yaml";
        assertEquals(file, revision.file());
        assertEquals("Created revision " + revision.id() + " (30 of the chain): " + revision.message() + "\n"
                + "  changelog/" + file + "\n"
                + "  changelog/revisions/" + base + "/up-01-todo.sql\n"
                + "  changelog/revisions/" + base + "/down-01-todo.sql\n"
                + "  changelog/db.changelog-master.yaml (include appended)\n", created.out());

        List<String> text = Files.readAllLines(changelog.resolve(file));
        assertTrue(text.get(0).startsWith(ProjectChangelogs.MARKER), text.get(0));
        assertEquals(Files.readAllLines(changelog.resolve("db.changelog-master.yaml")).get(0), text.get(0),
                "the marker line, as every changelog file has it");
        JsonNode entries = YAML.readTree(changelog.resolve(file).toFile()).get("databaseChangeLog");
        assertEquals(file, entries.get(0).path("logicalFilePath").asText());
        JsonNode main = entries.get(1).get("changeSet");
        assertEquals(revision.id(), main.get("id").asText());
        assertEquals("pcic", main.get("author").asText());
        JsonNode up = main.get("changes").get(0).get("sqlFile");
        JsonNode down = main.get("rollback").get(0).get("sqlFile");
        assertEquals(base + "/up-01-todo.sql", up.get("path").asText());
        assertEquals(base + "/down-01-todo.sql", down.get("path").asText());
        for (JsonNode sqlFile : List.of(up, down)) {
            assertTrue(sqlFile.get("relativeToChangelogFile").asBoolean());
            assertFalse(sqlFile.get("splitStatements").asBoolean());
        }
        JsonNode tag = entries.get(2).get("changeSet");
        assertEquals(revision.id() + "-tag", tag.get("id").asText());
        assertEquals(revision.id(), tag.get("changes").get(0).get("tagDatabase").get("tag").asText());
        assertTrue(tag.get("changes").get(0).get("tagDatabase").get("keepTagOnRollback").asBoolean());

        String step = Files.readString(changelog.resolve("revisions").resolve(base).resolve("up-01-todo.sql"));
        assertTrue(step.lines().allMatch(l -> l.startsWith("--")), "the stub does nothing:\n" + step);
        List<String> master = Files.readAllLines(changelog.resolve("db.changelog-master.yaml"));
        assertEquals(List.of("  - include:", "      file: " + file, "      relativeToChangelogFile: true"),
                master.subList(master.size() - 3, master.size()));
        assertEquals(1, Files.readString(changelog.resolve("db.changelog-master.yaml")).split(file, -1).length - 1);
    }

    @Test
    void aRevisionWithoutAMessageIsRefusedAndWritesNothing() throws IOException {
        Launcher launcher = Launcher.inScratchProject(temporary);
        List<Path> before = files(temporary);
        assertRefused(launcher.run("revision"), "crmp: Missing required option: '--message=MESSAGE' "
                + "(crmp revision --help)");
        assertRefused(launcher.run("revision", "-m", "  "), "crmp: A new revision needs a message: -m \"<what it "
                + "does>\". Nothing was changed.");
        assertEquals(before, files(temporary));
    }

    @Test
    void revisionOutsideAProjectIsRefused() {
        Path empty = temporary.resolve("elsewhere");
        assertRefused(Launcher.inDirectory(empty).run("revision", "-m", "Add things"),
                "crmp: No master changelog at " + empty.resolve("changelog/db.changelog-master.yaml")
                        + ": run from the project directory (the one holding changelog/). Nothing was changed.");
    }

    /** A project whose labels are dev and test, both on a closed port. */
    private Launcher withTwoLabels() throws IOException {
        String url = "url=" + closedPortUrl() + "\nusername=tester\n";
        return Launcher.inDirectory(temporary).label("dev", url).label("test", url);
    }

    private static void assertRefused(Launcher.Result result, String line) {
        assertEquals(2, result.exitCode(), result.describe());
        assertEquals(line + "\n", result.err(), result.describe());
        assertEquals("", result.out(), result.describe());
    }

    private static String closedPortUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/pcds";
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return new ArrayList<>(paths.sorted().toList());
        }
    }
}
