package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain is read from the master changelog: ids, order, slugs and messages. */
@Tag("fast")
class RevisionChainTest {

    @TempDir
    Path changelog;

    @Test
    void theProjectsChainRunsFromPyCDSsBaseToItsHeadWithTheMessagesOfTheChangesets() {
        RevisionChain chain = RevisionChain.standard();
        assertEquals(29, chain.size());
        assertEquals("522eed334c85", chain.base().id());
        assertEquals("Create initial database", chain.base().message());
        assertEquals("f6d5a4c2e901", chain.head().id());
        assertEquals("revisions/029-f6d5a4c2e901-optimize-weather-anomaly-native-matviews.yaml", chain.head().file());
        assertEquals("4a2f1879293a", chain.number(2).id());
        assertEquals(Optional.of(chain.number(1)), chain.number(2).previous());
        assertEquals(Optional.empty(), chain.base().previous());
        assertEquals(Optional.empty(), chain.head().next());
    }

    @Test
    void aRevisionIsOneFileAndOneIncludeLine() throws IOException {
        revision(1, "aaaaaaaaaaaa", "first", "First revision");
        revision(2, "bbbbbbbbbbbb", "second-one", "Second revision");
        master("001-aaaaaaaaaaaa-first", "002-bbbbbbbbbbbb-second-one");
        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        assertEquals(List.of("aaaaaaaaaaaa", "bbbbbbbbbbbb"), chain.revisions().stream().map(Revision::id).toList());
        assertEquals("second-one", chain.head().slug());
        assertEquals("Second revision", chain.head().message());
        assertEquals(chain.base(), chain.head().previous().orElseThrow());
    }

    @Test
    void anIncludeNumberedOutOfOrderIsRefused() throws IOException {
        revision(2, "bbbbbbbbbbbb", "second", "Second");
        master("002-bbbbbbbbbbbb-second");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevisionChain.fromDirectory(changelog));
        assertEquals("revisions/002-bbbbbbbbbbbb-second.yaml is included as revision 1 but numbered 002",
                e.getMessage());
    }

    @Test
    void anIncludeThatIsNotARevisionFileIsRefused() throws IOException {
        Files.writeString(changelog.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: extra/stuff.yaml, relativeToChangelogFile: true}
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevisionChain.fromDirectory(changelog));
        assertTrue(e.getMessage().startsWith("the master changelog includes extra/stuff.yaml, which is not named"),
                e.getMessage());
    }

    @Test
    void aRevisionFileWithoutItsTagIsRefused() throws IOException {
        Files.createDirectories(changelog.resolve("revisions"));
        Files.writeString(changelog.resolve("revisions/001-aaaaaaaaaaaa-first.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: aaaaaaaaaaaa, author: pcic, comment: First}
                """);
        master("001-aaaaaaaaaaaa-first");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevisionChain.fromDirectory(changelog));
        assertEquals("revisions/001-aaaaaaaaaaaa-first.yaml must hold exactly two changesets: 'aaaaaaaaaaaa' (the "
                + "revision) and 'aaaaaaaaaaaa-tag' (its tag)", e.getMessage());
    }

    @Test
    void aRevisionWithoutAMessageIsRefused() throws IOException {
        revision(1, "aaaaaaaaaaaa", "first", "");
        master("001-aaaaaaaaaaaa-first");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevisionChain.fromDirectory(changelog));
        assertEquals("revisions/001-aaaaaaaaaaaa-first.yaml: changeset aaaaaaaaaaaa has no comment (the revision's "
                + "message)", e.getMessage());
    }

    @Test
    void anUnknownIdIsRefusedNamingTheEndsOfTheChain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RevisionChain.standard().byId("0d99"));
        assertEquals("Unknown revision '0d99': revisions are the 12-digit ids 522eed334c85 (base) … f6d5a4c2e901 "
                + "(head).", e.getMessage());
    }

    private void revision(int number, String id, String slug, String message) throws IOException {
        Files.createDirectories(changelog.resolve("revisions"));
        Files.writeString(changelog.resolve(String.format("revisions/%03d-%s-%s.yaml", number, id, slug)), """
                databaseChangeLog:
                  - changeSet:
                      id: %1$s
                      author: pcic
                      comment: %2$s
                      changes: []
                  - changeSet:
                      id: %1$s-tag
                      author: pcic
                      changes:
                        - tagDatabase: {tag: %1$s, keepTagOnRollback: true}
                """.formatted(id, message.isEmpty() ? "''" : message));
    }

    private void master(String... files) throws IOException {
        StringBuilder text = new StringBuilder("databaseChangeLog:\n  - logicalFilePath: db.changelog-master.yaml\n");
        for (String file : files) {
            text.append("  - include:\n      file: revisions/").append(file).append(".yaml\n")
                    .append("      relativeToChangelogFile: true\n");
        }
        Files.writeString(changelog.resolve("db.changelog-master.yaml"), text);
    }
}
