package org.pacificclimate.crmp.autogenerate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ModelReference;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The task of the autogenerate issue: a database at 081f17262852 (revision 24) must become head. The revision
 * autogenerate writes from the model applies as generated (alone, as its own changelog file), leaves zero
 * differences from head's catalog, and rolls back to revision 24's catalog exactly.
 */
class GeneratedRevisionFromRevision24Test {

    @TempDir
    Path scratch;

    @Test
    void theRevisionGeneratedAgainstRevision24AppliesAsGeneratedAndGivesTheHeadCatalogAndRollsBack() throws Exception {
        Path changelog = copyOfTheChangelog();
        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        try (TestDatabase db = TestDatabases.at("081f17262852")) {
            Autogenerate.Result result = new Autogenerate(db.connection(), "crmp", "pcicdba", changelog,
                    new ModelReference()).generate("Bring revision 24 to head");
            assertTrue(result.written().isPresent());
            String file = result.written().get().revisionFile();

            db.migrations().changelog(changelog, file).update();
            CatalogAssertions.assertCatalogMatches(chain.head(), db.catalog("crmp"), "after the generated revision");

            db.migrations().changelog(changelog, file).rollbackTo("081f17262852");
            CatalogAssertions.assertCatalogMatches(Revision.byId("081f17262852"), db.catalog("crmp"),
                    "after rolling the generated revision back");
        }
    }

    @Test
    void aRevisionGeneratedAgainstSchemaOtherAppliesToSchemaCrmp() throws Exception {
        Path changelog = copyOfTheChangelog();
        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        try (TestDatabase db = TestDatabases.at("081f17262852")) {
            db.migrations("other").updateTo("081f17262852");
            Autogenerate.Result result = new Autogenerate(db.connection(), "other", "pcicdba", changelog,
                    new ModelReference()).generate("Bring revision 24 to head");
            String file = result.written().orElseThrow().revisionFile();
            for (String written : result.written().get().files()) {
                String text = Files.readString(changelog.resolve(written));
                assertFalse(text.matches("(?s).*\\b(other|reference)\\.[a-z].*"), written + " names a schema:\n" + text);
            }

            db.migrations().changelog(changelog, file).update();
            CatalogAssertions.assertCatalogMatches(chain.head(), db.catalog("crmp"), "crmp after the revision "
                    + "generated against other");
        }
    }

    private Path copyOfTheChangelog() throws IOException {
        Path source = TestDatabases.projectFile("changelog");
        Path target = scratch.resolve("changelog");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
