package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.AlembicDatabases;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * {@code adopt} and {@code adopt --undo} on databases built the way PyCDS builds them: migrated, then the changelog
 * tables replaced by Alembic's {@code alembic_version} holding the revision ({@link AlembicDatabases}).
 */
class AdoptTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final String REVISION_9 = "0d99ba90c229";
    private static final String REVISION_24 = "081f17262852";

    private final Launcher launcher = Launcher.ofRepository();

    static TestDatabase alembicBuilt(String revision) throws Exception {
        return AlembicDatabases.at(revision);
    }

    @ParameterizedTest(name = "at revision {0}")
    @ValueSource(strings = {"522eed334c85", REVISION_9, REVISION_24, "f6d5a4c2e901"})
    void aDatabaseAlembicBuiltIsRecordedAtItsRevisionWithNothingRunAndItsVersionTableKept(String id) throws Exception {
        Revision revision = Revision.byId(id);
        try (TestDatabase db = alembicBuilt(id); TestDatabase migrated = TestDatabases.at(id)) {
            Launcher.Result adopt = launcher.run(on(db, "adopt"));
            assertEquals(0, adopt.exitCode(), adopt.describe());
            assertEquals("", adopt.err(), adopt.describe());
            List<String> expected = new ArrayList<>();
            expected.add("Adopting schema crmp of tester@" + where(db) + " at " + id + " (its "
                    + "alembic_version; the schema is exactly that revision): recording " + revision.number()
                    + " revision" + (revision.number() == 1 ? "" : "s") + " as applied, running nothing.");
            CHAIN.revisions().subList(0, revision.number())
                    .forEach(r -> expected.add("stamped     " + r.id() + "  " + r.message()));
            expected.add("Done: schema crmp of tester@" + where(db) + " is at " + DatabaseCommand.line(revision)
                    + ". upgrade and downgrade go on from here; alembic_version is kept (adopt --undo removes these "
                    + "records).");
            assertEquals(expected, adopt.lines(), adopt.describe());

            assertEquals(Optional.of(id), db.migrations().current());
            assertEquals(List.of(id), db.column("SELECT version_num FROM crmp.alembic_version"));
            CatalogAssertions.assertCatalogMatches(revision, db.catalog("crmp"), "after adopt");
            assertEquals(recorded(migrated), recorded(db), "the records an online migration leaves");
        }
    }

    @Test
    void aSchemaThatIsNotExactlyItsRevisionIsRefusedWithTheDifferencesAndNothingChanged() throws Exception {
        try (TestDatabase db = alembicBuilt(REVISION_9)) {
            db.execute("ALTER TABLE crmp.meta_contact DROP COLUMN phone");
            Launcher.Result adopt = launcher.run(on(db, "adopt"));
            assertEquals(ExitCode.FAILED, adopt.exitCode(), adopt.describe());
            assertEquals("crmp: Not adopted: schema crmp of tester@" + where(db) + " is not exactly "
                    + "revision " + REVISION_9 + " (Create missing indexes) as PyCDS builds it (differences above). "
                    + "Nothing was changed.\n", adopt.err());
            assertTrue(adopt.out().startsWith("1 difference ('-' revision " + REVISION_9 + " as PyCDS builds it, '+' "
                    + "the database) in 1 object of schema crmp"), adopt.describe());
            assertTrue(adopt.out().contains("  - tables.meta_contact.columns[5]: {") && adopt.out().contains(
                    "\"name\":\"phone\""), adopt.describe());
            assertEquals("t", db.value("SELECT to_regclass('crmp.databasechangelog') IS NULL"),
                    "no changelog table was made");
            assertEquals(List.of(REVISION_9), db.column("SELECT version_num FROM crmp.alembic_version"));
        }
    }

    @Test
    void aSchemaWithoutAlembicVersionIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            Launcher.Result adopt = launcher.run(on(db, "adopt"));
            assertEquals(ExitCode.FAILED, adopt.exitCode(), adopt.describe());
            assertTrue(adopt.err().startsWith("crmp: schema crmp of tester@" + where(db) + " has no "
                    + "alembic_version table"), adopt.describe());
        }
    }

    @Test
    void undoRemovesTheRecordsAndAdoptionCanBeDoneAgain() throws Exception {
        try (TestDatabase db = alembicBuilt(REVISION_24)) {
            assertEquals(0, launcher.run(on(db, "adopt")).exitCode());
            Launcher.Result undo = launcher.run(on(db, "adopt", "--undo"));
            assertEquals(0, undo.exitCode(), undo.describe());
            assertEquals("Undoing the adoption of schema crmp of tester@" + where(db) + ": removing the "
                    + "records of 24 revisions, running nothing.", undo.lines().get(0));
            assertEquals(List.of(), db.column("SELECT id FROM crmp.databasechangelog"));
            assertEquals(Optional.empty(), db.migrations().current());
            assertEquals(List.of(REVISION_24), db.column("SELECT version_num FROM crmp.alembic_version"));
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_24), db.catalog("crmp"), "after the undo");

            Launcher.Result again = launcher.run(on(db, "adopt"));
            assertEquals(0, again.exitCode(), again.describe());
            assertEquals(Optional.of(REVISION_24), db.migrations().current());
        }
    }

    @Test
    void afterAdoptionUpgradeAppliesTheRevisionsAfterItAndUndoIsRefused() throws Exception {
        try (TestDatabase db = alembicBuilt(REVISION_24)) {
            assertEquals(0, launcher.run(on(db, "adopt")).exitCode());
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.out().contains(" from " + REVISION_24 + " to " + CHAIN.head().id() + ", 5 revisions:"),
                    upgrade.describe());
            CatalogAssertions.assertCatalogMatches(CHAIN.head(), db.catalog("crmp"), "after adopt and upgrade head");

            Launcher.Result undo = launcher.run(on(db, "adopt", "--undo"));
            assertEquals(ExitCode.BAD_INPUT, undo.exitCode(), undo.describe());
            assertTrue(undo.err().contains("is at " + CHAIN.head().id() + ", not at its alembic_version " + REVISION_24
                    + ": it moved since adoption"), undo.describe());
            assertEquals(Optional.of(CHAIN.head().id()), db.migrations().current());

            Launcher.Result downgrade = launcher.run(on(db, "downgrade", REVISION_24));
            assertEquals(0, downgrade.exitCode(), downgrade.describe());
            assertEquals(0, launcher.run(on(db, "adopt", "--undo")).exitCode());
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_24), db.catalog("crmp"), "after the round trip");
        }
    }

    static String where(TestDatabase db) {
        return TestPostgres.get().host() + ":" + TestPostgres.get().port() + "/" + db.name();
    }

    /** The changelog rows' identities, checksums and tags, in order. */
    private static List<List<String>> recorded(TestDatabase db) throws Exception {
        return db.rows("SELECT id, author, filename, md5sum, coalesce(tag, '-') FROM crmp.databasechangelog "
                + "ORDER BY orderexecuted");
    }
}
