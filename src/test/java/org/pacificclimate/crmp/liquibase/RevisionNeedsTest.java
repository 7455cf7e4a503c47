package org.pacificclimate.crmp.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.RevisionNeeds.Need;
import org.pacificclimate.crmp.liquibase.RevisionNeeds.Role;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionChain.FileSource;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** What each revision's steps need, read from the changelog files (no database). */
@Tag("fast")
class RevisionNeedsTest {

    private static final Path CHANGELOG = TestDatabases.projectFile("changelog");
    private static final FileSource FILES = path -> Files.readString(CHANGELOG.resolve(path));

    private static RevisionNeeds up(String id) {
        return RevisionNeeds.of(Revision.byId(id), false, FILES);
    }

    @Test
    void unaccentIsInstalledByRevision78260d36e42bAsTheLoginRole() {
        assertEquals(List.of(new Need("extension", "unaccent", Role.LOGIN)), up("78260d36e42b").needs());
        assertFalse(up("78260d36e42b").elevated());
    }

    @Test
    void citextIsInstalledByRevision3d50ec832e47AsTheElevatedRoleAndTheRestRunsAsTheLoginRole() {
        RevisionNeeds needs = up("3d50ec832e47");
        assertEquals(List.of(new Need("extension", "citext", Role.ELEVATED)), needs.needs());
        assertTrue(needs.elevated());
    }

    @Test
    void thePlpython3uFunctionsAreCreatedAsTheElevatedRole() {
        assertTrue(up("4a2f1879293a").needs().contains(new Need("language", "plpython3u", Role.ELEVATED)),
                up("4a2f1879293a").needs().toString());
        assertTrue(up("efde19ea4f52").needs().contains(new Need("language", "plpython3u", Role.ELEVATED)),
                up("efde19ea4f52").needs().toString());
    }

    @Test
    void aCommentThatMentionsCreateExtensionIsNoNeed() {
        assertEquals("x  \ny", RevisionNeeds.withoutComments("x -- CREATE EXTENSION foo\ny"));
        assertEquals("a   b", RevisionNeeds.withoutComments("a /* CREATE EXTENSION\nfoo */ b"));
    }

    @Test
    void rollbacksInstallNoExtension() {
        for (Revision revision : RevisionChain.standard().revisions()) {
            RevisionNeeds needs = RevisionNeeds.of(revision, true, FILES);
            assertTrue(needs.needs().stream().noneMatch(n -> n.kind().equals("extension")), revision.toString());
        }
    }

    /**
     * Every CREATE EXTENSION of the changelog is found, each by the revision whose files hold it, and none installs
     * what the prerequisites list as installed beforehand (a hand list: {@link Prerequisites#EXTENSIONS}).
     */
    @Test
    void everyCreateExtensionOfTheChangelogIsANeedOfItsRevisionAndNoneIsAPrerequisite() throws IOException {
        Map<String, String> inFiles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CHANGELOG)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = java.util.regex.Pattern.compile("CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)",
                        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(RevisionNeeds.withoutComments(
                        Files.readString(file)));
                while (m.find()) {
                    inFiles.put(m.group(1), CHANGELOG.relativize(file).toString());
                }
            }
        }
        Map<String, String> found = new TreeMap<>();
        for (Revision revision : RevisionChain.standard().revisions()) {
            for (Need need : up(revision.id()).needs()) {
                if (need.kind().equals("extension")) {
                    found.put(need.name(), revision.id());
                }
            }
        }
        assertEquals(Map.of("citext", "3d50ec832e47", "unaccent", "78260d36e42b"), found);
        assertEquals(found.keySet(), inFiles.keySet());
        List<String> both = new ArrayList<>(found.keySet());
        both.retainAll(Prerequisites.EXTENSIONS);
        assertEquals(List.of(), both);
    }
}
