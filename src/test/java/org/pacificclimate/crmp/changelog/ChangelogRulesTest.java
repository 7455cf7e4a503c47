package org.pacificclimate.crmp.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.ProjectChangelogs;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** The rules of docs/changelog-conventions.md, checked on the files themselves (no database). */
@Tag("fast")
class ChangelogRulesTest {

    private static final Path CHANGELOG = TestDatabases.projectFile("changelog");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyChangelogFileStartsWithTheProjectsMarker() throws IOException {
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CHANGELOG)) {
            for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String first = Files.readAllLines(yaml).stream().findFirst().orElse("");
                if (!first.startsWith(ProjectChangelogs.MARKER)) {
                    unmarked.add(CHANGELOG.relativize(yaml).toString());
                }
            }
        }
        assertEquals(List.of(), unmarked, "YAML changelogs whose first line is not '" + ProjectChangelogs.MARKER
                + "': the project's checks would not apply to them");
    }

    @Test
    void eachRevisionFileIsOneChangesetWithARollbackThenItsTag() throws IOException {
        for (Revision revision : RevisionChain.standard().revisions()) {
            String file = revision.file();
            JsonNode entries = YAML.readTree(CHANGELOG.resolve(file).toFile()).get("databaseChangeLog");
            assertEquals(file, entries.get(0).path("logicalFilePath").asText(), file + ": logicalFilePath");
            List<JsonNode> changeSets = new ArrayList<>();
            entries.forEach(e -> {
                if (e.has("changeSet")) {
                    changeSets.add(e.get("changeSet"));
                }
            });
            assertEquals(2, changeSets.size(), file + ": the revision's changeset and its tag");
            JsonNode main = changeSets.get(0);
            assertEquals(revision.id(), main.get("id").asText(), file);
            assertTrue(main.has("rollback") && main.get("rollback").size() > 0, file + ": explicit rollback");
            for (JsonNode change : concat(main.get("changes"), main.get("rollback"))) {
                assertTrue(change.has("sqlFile"), file + ": only sqlFile changes (schema-independent checksums), "
                        + "found " + change.fieldNames().next());
                JsonNode sqlFile = change.get("sqlFile");
                assertTrue(sqlFile.path("relativeToChangelogFile").asBoolean(), file + ": relative paths");
                assertEquals("false", sqlFile.path("splitStatements").asText(), file + ": splitStatements false");
                Path sql = CHANGELOG.resolve(file).getParent().resolve(sqlFile.get("path").asText()).normalize();
                assertTrue(Files.isRegularFile(sql), file + ": " + sql + " exists");
            }
            JsonNode tag = changeSets.get(1).get("changes").get(0).get("tagDatabase");
            assertEquals(revision.id(), tag.get("tag").asText(), file + ": tag");
            assertTrue(tag.get("keepTagOnRollback").asBoolean(), file + ": keepTagOnRollback");
        }
    }

    @Test
    void noSqlFileNamesASchemaOrRoleLiterally() throws IOException {
        Pattern literal = Pattern.compile("(?i)\\b(crmp|pcicdba)\\s*\\.|\\bpcicdba\\b|\\bset\\s+role\\b");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CHANGELOG)) {
            for (Path sql : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String text = Files.readString(sql);
                if (literal.matcher(text).find()) {
                    offenders.add(CHANGELOG.relativize(sql).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "SQL must use ${schemaName} / ${suRoleName} (and SET LOCAL ROLE)");
    }

    @Test
    void theElevatedRoleIsOnlyTakenForTheChangesetsTransaction() throws IOException {
        String elevate = Files.readString(CHANGELOG.resolve("common/elevate.sql"));
        assertTrue(elevate.contains("SET LOCAL ROLE ${suRoleName};"), elevate);
        try (Stream<Path> files = Files.walk(CHANGELOG)) {
            for (Path sql : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                if (!sql.endsWith(Path.of("common/elevate.sql")) && Files.readString(sql).contains("${suRoleName}")) {
                    fail(CHANGELOG.relativize(sql) + " names the elevated role: include common/elevate.sql instead");
                }
            }
        }
    }

    @Test
    void everyChangeListThatElevatesEndsByGivingTheRoleBack() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String file : RevisionChain.standard().revisions().stream().map(Revision::file).toList()) {
            JsonNode entries = YAML.readTree(CHANGELOG.resolve(file).toFile()).get("databaseChangeLog");
            for (JsonNode entry : entries) {
                JsonNode changeSet = entry.path("changeSet");
                for (String list : List.of("changes", "rollback")) {
                    List<String> paths = new ArrayList<>();
                    changeSet.path(list).forEach(c -> paths.add(c.path("sqlFile").path("path").asText()));
                    boolean elevates = paths.stream().anyMatch(path -> path.endsWith("common/elevate.sql"));
                    if (elevates && !paths.get(paths.size() - 1).endsWith("common/reset-role.sql")) {
                        offenders.add(file + " " + list);
                    }
                }
            }
        }
        // An offline script (updateSQL) has no transaction per changeset: without the reset, the elevated role
        // of one changeset would carry over into the next ones when the script runs as one transaction.
        assertEquals(List.of(), offenders, "change lists that include common/elevate.sql but do not end with "
                + "common/reset-role.sql");
    }

    // ---- Layout of a revision folder: up-NN-<what>.sql, down-NN-<what>.sql, both-<what>.sql ----

    private static final Pattern FOLDER_FILE =
            Pattern.compile("(up|down)-(\\d\\d)-[a-z0-9]+(-[a-z0-9]+)*\\.sql|both-[a-z0-9]+(-[a-z0-9]+)*\\.sql");

    @Test
    void everyFileInARevisionFolderIsNamedUpNnDownNnOrBoth() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            folder.files().stream().filter(f -> !FOLDER_FILE.matcher(f).matches())
                    .forEach(f -> offenders.add(folder.name() + "/" + f));
        }
        assertEquals(List.of(), offenders, "files of changelog/revisions/NNN-<rev>/ not named up-NN-<what>.sql, "
                + "down-NN-<what>.sql or both-<what>.sql (<what> in kebab-case)");
    }

    @Test
    void upAndDownFilesAreNumberedFrom01InTheOrderTheirDirectionRunsThem() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            checkNumbering(folder, "changes", folder.upgrade(), "up-", offenders);
            checkNumbering(folder, "rollback", folder.rollback(), "down-", offenders);
        }
        assertEquals(List.of(), offenders, "the up- files the changes run (and the down- files the rollback runs), "
                + "in the order they run, must be numbered 01, 02, ... without gaps or repeats");
    }

    private static void checkNumbering(Folder folder, String list, List<String> run, String prefix,
            List<String> offenders) {
        int expected = 0;
        for (String file : run) {
            if (file.startsWith(prefix)) {
                expected++;
                String number = String.format("%02d", expected);
                if (!file.startsWith(prefix + number + "-")) {
                    offenders.add(folder.name() + " " + list + ": " + file + " runs as " + prefix + number);
                }
            }
        }
    }

    @Test
    void theUpgradeRunsNoDownFileAndTheRollbackNoUpFile() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            folder.upgrade().stream().filter(f -> f.startsWith("down-"))
                    .forEach(f -> offenders.add(folder.name() + "/" + f + " in changes"));
            folder.rollback().stream().filter(f -> f.startsWith("up-"))
                    .forEach(f -> offenders.add(folder.name() + "/" + f + " in rollback"));
        }
        assertEquals(List.of(), offenders, "a step run by both directions is a both-<what>.sql file");
    }

    @Test
    void everyBothFileIsRunByTheUpgradeAndByTheRollback() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            List<String> both = new ArrayList<>(folder.files());
            both.addAll(folder.upgrade());
            both.addAll(folder.rollback());
            both.stream().filter(f -> f.startsWith("both-")).distinct()
                    .filter(f -> !folder.upgrade().contains(f) || !folder.rollback().contains(f))
                    .forEach(f -> offenders.add(folder.name() + "/" + f));
        }
        assertEquals(List.of(), offenders, "both- files not run by the changes and by the rollback "
                + "(a step of one direction is up-NN- or down-NN-)");
    }

    @Test
    void everyFileInARevisionFolderIsRunByItsRevision() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            if (folder.revision() == null) {
                offenders.add(folder.name() + "/ (no revision NNN-<rev> of the master changelog owns this folder)");
                continue;
            }
            folder.files().stream().filter(f -> !folder.upgrade().contains(f) && !folder.rollback().contains(f))
                    .forEach(f -> offenders.add(folder.name() + "/" + f));
        }
        assertEquals(List.of(), offenders, "files in revision folders that neither the changes nor the rollback of "
                + "their revision run");
    }

    // ---- State between the steps of one changeset ----

    private static final Pattern SETTING_CALL =
            Pattern.compile("(?i)\\b(set_config|current_setting)\\s*\\(\\s*(?:'([^']*)')?");
    private static final Pattern SET_STATEMENT =
            Pattern.compile("(?im)^\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?([a-z_][a-z0-9_$]*\\.[a-z0-9_$.]*)");

    @Test
    void stepsPassStateOnlyThroughSettingsNamedCrmpMigrationRevTheirRevision() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            if (folder.revision() == null) {
                continue;
            }
            Pattern allowed = Pattern.compile("crmp_migration\\.rev_" + folder.revision().id() + "_[a-z][a-z0-9_]*");
            for (String file : folder.files()) {
                String sql = withoutLineComments(Files.readString(folder.dir().resolve(file)));
                Matcher call = SETTING_CALL.matcher(sql);
                while (call.find()) {
                    String name = call.group(2);
                    if (name == null) {
                        offenders.add(folder.name() + "/" + file + ": " + call.group(1) + " with a computed name");
                    } else if (!name.equalsIgnoreCase("application_name") && !allowed.matcher(name).matches()) {
                        offenders.add(folder.name() + "/" + file + ": " + call.group(1) + "('" + name + "')");
                    }
                }
                Matcher set = SET_STATEMENT.matcher(sql);
                while (set.find()) {
                    if (!allowed.matcher(set.group(1)).matches()) {
                        offenders.add(folder.name() + "/" + file + ": SET " + set.group(1));
                    }
                }
            }
        }
        // PostgreSQL 15 accepts a custom setting's name only if each part starts with a letter or underscore,
        // hence rev_ before the revision id (96729d6db8b3, 081f17262852... start with digits).
        assertEquals(List.of(), offenders, "settings other than crmp_migration.rev_<that folder's revision>_<name> "
                + "(application_name excepted)");
    }

    private static final Pattern COMMENT_ON =
            Pattern.compile("(?is)\\bCOMMENT\\s+ON\\s+[^;]*?\\bIS\\s+'((?:[^']|'')*)'");

    @Test
    void everyMarkerAnUpgradeLeavesNamesItsRevisionAndItsRollbackReadsItVerbatim() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Folder folder : folders()) {
            if (folder.revision() == null) {
                continue;
            }
            Pattern marker = Pattern.compile("[A-Z][^']* by revision " + folder.revision().id());
            StringBuilder rollback = new StringBuilder();
            for (String file : folder.rollback()) {
                rollback.append(withoutLineComments(Files.readString(folder.dir().resolve(file))));
            }
            for (String file : folder.upgrade()) {
                Matcher comment = COMMENT_ON.matcher(withoutLineComments(Files.readString(folder.dir().resolve(file))));
                while (comment.find()) {
                    String text = comment.group(1);
                    if (!marker.matcher(text).matches()) {
                        offenders.add(folder.name() + "/" + file + ": '" + text + "' is not '<what> by revision "
                                + folder.revision().id() + "'");
                    } else if (!rollback.toString().contains("'" + text + "'")) {
                        offenders.add(folder.name() + "/" + file + ": '" + text + "' is not read by the rollback");
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "object comments an upgrade leaves are markers for its own rollback");
    }

    private static String withoutLineComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }

    /**
     * A folder of changelog/revisions/, the files in it, and the ones of them that its revision's changes and
     * rollback run, in order ({@code revision} is null when no revision of the chain is {@code NNN-<id>}).
     */
    private record Folder(String name, Path dir, Revision revision, List<String> files, List<String> upgrade,
            List<String> rollback) {
    }

    private static List<Folder> folders() throws IOException {
        Map<String, Revision> byFolder = new HashMap<>();
        for (Revision revision : RevisionChain.standard().revisions()) {
            byFolder.put(folderName(revision), revision);
        }
        Path revisions = CHANGELOG.resolve("revisions");
        List<Folder> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(revisions)) {
            for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                List<String> files;
                try (Stream<Path> inside = Files.list(dir)) {
                    files = inside.map(p -> p.getFileName().toString()).sorted().toList();
                }
                Revision revision = byFolder.get(name);
                out.add(new Folder(name, dir, revision, files,
                        revision == null ? List.of() : filesRun(revision, "changes"),
                        revision == null ? List.of() : filesRun(revision, "rollback")));
            }
        }
        return out;
    }

    private static String folderName(Revision revision) {
        return String.format("%03d-%s", revision.number(), revision.id());
    }

    /** The files of the revision's own folder that its changeset's {@code list} runs, in order. */
    private static List<String> filesRun(Revision revision, String list) throws IOException {
        Path yaml = CHANGELOG.resolve(revision.file());
        Path dir = yaml.getParent().resolve(folderName(revision));
        List<String> out = new ArrayList<>();
        for (JsonNode entry : YAML.readTree(yaml.toFile()).get("databaseChangeLog")) {
            if (entry.path("changeSet").path("id").asText().equals(revision.id())) {
                for (JsonNode change : entry.get("changeSet").path(list)) {
                    Path path = yaml.getParent().resolve(change.path("sqlFile").path("path").asText()).normalize();
                    if (dir.equals(path.getParent())) {
                        out.add(path.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        b.forEach(out::add);
        return out;
    }
}
