package org.pacificclimate.crmp.changelog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.ChangelogIndex.Changeset;

/**
 * A changeset on main is never edited: a database that recorded its checksum refuses a changed file ("Validation
 * Failed: ... check sum"), and renaming a file or moving a statement between files changes it too. The checksums of
 * the build's changelogs (Liquibase's own computation, in the build-time index) are compared with the list in
 * {@code src/test/resources/released-checksums.tsv}.
 */
@Tag("fast")
class ReleasedChecksumsTest {

    private static final String RELEASED = "released-checksums.tsv";

    @Test
    void everyReleasedChangesetKeepsItsChecksumAndEveryChangesetIsListed() throws IOException {
        Map<String, String> released = released();
        List<String> problems = new ArrayList<>();
        Map<String, String> built = new LinkedHashMap<>();
        for (Changeset changeset : ChangelogIndex.packaged().orElseThrow(() -> new AssertionError(
                ChangelogIndex.RESOURCE + " was not built (mvn process-classes makes it)")).changesets()) {
            String key = changeset.filename() + "\t" + changeset.id() + "\t" + changeset.author();
            built.put(key, changeset.checksum());
            String was = released.get(key);
            if (was == null) {
                problems.add("not listed (a new changeset? add the line): " + key + "\t" + changeset.checksum());
            } else if (!was.equals(changeset.checksum())) {
                problems.add("changed: " + key + " was " + was + ", is now " + changeset.checksum()
                        + " (databases that recorded it refuse it: undo the edit and add a revision instead)");
            }
        }
        released.keySet().stream().filter(key -> !built.containsKey(key))
                .forEach(key -> problems.add("gone (renamed, moved or removed; databases recorded it): " + key));
        assertTrue(problems.isEmpty(), RELEASED + ":\n" + String.join("\n", problems));
    }

    /** filename, id, author (tab-separated) to checksum. */
    private static Map<String, String> released() throws IOException {
        Map<String, String> released = new LinkedHashMap<>();
        try (InputStream in = ReleasedChecksumsTest.class.getClassLoader().getResourceAsStream(RELEASED)) {
            assertTrue(in != null, RELEASED + " is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int last = line.lastIndexOf('\t');
                released.put(line.substring(0, last), line.substring(last + 1));
            }
        }
        return released;
    }
}
