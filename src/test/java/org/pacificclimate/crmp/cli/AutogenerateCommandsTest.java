package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * {@code ./crmp check} and {@code ./crmp revision --autogenerate -m}: the model compared with a database at head.
 * The model is head, so a difference is made on the database's side (a column dropped by hand), which is what the
 * model "adds".
 */
class AutogenerateCommandsTest {

    private static final String HEAD = RevisionChain.standard().head().id();

    @TempDir
    Path temporary;

    @Test
    void checkOnADatabaseAtHeadFindsNoDifferenceAndExits0() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            Launcher.Result result = Launcher.ofRepository().run(Launcher.on(db, "check"));
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.out().startsWith("No differences between the model and schema crmp of tester@"),
                    result.describe());
        }
    }

    @Test
    void checkListsEachDifferenceAndExits5() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.execute("ALTER TABLE crmp.meta_contact DROP COLUMN phone");
            Launcher.Result result = Launcher.ofRepository().run(Launcher.on(db, "check"));
            assertEquals(5, result.exitCode(), result.describe());
            assertEquals("  column meta_contact.phone: missing", result.lines().get(1), result.describe());
            assertEquals("crmp: the model and the database differ (revision --autogenerate -m \"...\" writes the "
                    + "revision).\n", result.err());
        }
    }

    @Test
    void autogenerateWithNoDifferenceWritesNothing() throws Exception {
        Launcher launcher = Launcher.inScratchProject(temporary);
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            Launcher.Result result = launcher.run(Launcher.on(db, "revision", "--autogenerate", "-m", "Nothing"));
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.out().endsWith("No changes in schema detected: nothing written.\n"), result.describe());
            assertEquals(RevisionChain.standard().size(),
                    RevisionChain.fromDirectory(launcher.project().resolve("changelog")).size());
        }
    }

    @Test
    void autogenerateWritesARevisionThatUpgradeAppliesAndDowngradeRollsBack() throws Exception {
        Launcher launcher = Launcher.inScratchProject(temporary);
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.execute("ALTER TABLE crmp.meta_contact DROP COLUMN phone");
            Launcher.Result generated = launcher.run(Launcher.on(db, "revision", "--autogenerate", "-m",
                    "Give contacts a phone"));
            assertEquals(0, generated.exitCode(), generated.describe());
            RevisionChain chain = RevisionChain.fromDirectory(launcher.project().resolve("changelog"));
            assertEquals("Give contacts a phone", chain.head().message());
            assertTrue(generated.out().contains("Generated revision " + chain.head().id() + ": changelog/"
                    + chain.head().file()), generated.describe());

            Launcher.Result upgrade = launcher.run(Launcher.on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertEquals(List.of("phone"), db.column("SELECT column_name FROM information_schema.columns WHERE "
                    + "table_schema = 'crmp' AND table_name = 'meta_contact' AND column_name = 'phone'"));
            assertEquals(0, launcher.run(Launcher.on(db, "check")).exitCode());

            Launcher.Result downgrade = launcher.run(Launcher.on(db, "downgrade", "-1"));
            assertEquals(0, downgrade.exitCode(), downgrade.describe());
            assertEquals(List.of(), db.column("SELECT column_name FROM information_schema.columns WHERE "
                    + "table_schema = 'crmp' AND table_name = 'meta_contact' AND column_name = 'phone'"));
        }
    }

    @Test
    void autogenerateAgainstASchemaWithoutChangelogTablesIsRefusedWith2() throws Exception {
        Launcher launcher = Launcher.inScratchProject(temporary);
        try (TestDatabase db = TestDatabases.empty()) {
            Launcher.Result result = launcher.run(Launcher.on(db, "revision", "--autogenerate", "-m", "x"));
            assertEquals(2, result.exitCode(), result.describe());
            assertEquals("crmp: Schema 'crmp' has no changelog tables: it is not at a revision of this project "
                    + "(migrate it, or adopt it from Alembic, first). Nothing was changed.\n", result.err());
        }
    }
}
