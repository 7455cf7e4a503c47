package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** The catalog verification seen from {@code ./crmp}: a refusal is exit code 1 with nothing changed. */
class LauncherCatalogVerificationTest {

    private static final Revision DISPLAY_NAME = Revision.byId("33179b5ae85a");
    private static final Revision BEFORE = DISPLAY_NAME.previous().orElseThrow();

    private final Launcher launcher = Launcher.ofRepository();

    @Test
    void anIntegerNetworkDisplayNameIsRefusedWithExitCode1AndOneLineNamingTheColumn() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE.id())) {
            db.execute("ALTER TABLE crmp.meta_network ADD COLUMN network_display_name integer");
            String before = CatalogDumper.toJson(db.catalog("crmp"));
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(ExitCode.FAILED, upgrade.exitCode(), upgrade.describe());
            List<String> errors = upgrade.err().lines().toList();
            assertEquals(1, errors.size(), upgrade.describe());
            assertTrue(errors.get(0).startsWith("crmp: Schema crmp is not as revision " + BEFORE.id() + " left it: 1 "
                    + "object that the planned revisions create, change or drop differs"), upgrade.describe());
            assertTrue(errors.get(0).contains("Nothing was changed: column meta_network.network_display_name: is "
                    + "there ("), upgrade.describe());
            assertEquals(before, CatalogDumper.toJson(db.catalog("crmp")));
            assertEquals("8c05da87cb79", db.value("SELECT tag FROM crmp.databasechangelog WHERE tag IS NOT NULL "
                    + "ORDER BY orderexecuted DESC LIMIT 1"));
        }
    }

    @Test
    void aRevisionAppliedButNotRecordedIsSaidAndRecordedByTheNextUpgrade() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE.id())) {
            db.migrations().updateTo(DISPLAY_NAME.id());
            db.execute("DELETE FROM crmp.databasechangelog WHERE id IN ('" + DISPLAY_NAME.id() + "', '"
                    + DISPLAY_NAME.id() + "-tag')"); // the crash between committing and recording
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", DISPLAY_NAME.id()));
            assertEquals(ExitCode.OK, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.lines().contains("Revision " + DISPLAY_NAME.id() + " is applied already but not recorded "
                    + "(a run stopped before recording it): it runs again, changing nothing, and is recorded."),
                    upgrade.describe());
            assertEquals(DISPLAY_NAME.id(), db.value("SELECT tag FROM crmp.databasechangelog WHERE tag IS NOT NULL "
                    + "ORDER BY orderexecuted DESC LIMIT 1"));
            assertCatalogMatches(DISPLAY_NAME, db.catalog("crmp"), "after the upgrade that recorded it");
        }
    }
}
