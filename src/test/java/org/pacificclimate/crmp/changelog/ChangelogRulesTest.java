package org.pacificclimate.crmp.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** The rules of docs/changelog-conventions.md, checked on the files themselves. */
class ChangelogRulesTest {

    private static final Path CHANGELOG = TestDatabases.projectFile("changelog");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        b.forEach(out::add);
        return out;
    }
}
