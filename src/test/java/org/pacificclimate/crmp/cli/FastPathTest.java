package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A no-op {@code upgrade head} is answered from the build-time index of the changelogs without Liquibase when every
 * record agrees with it, and by Liquibase otherwise. The fast path shows in the migration lock: it answers while another
 * session holds the lock, where a run through Liquibase waits for it (and gives up after {@code lockTimeout}).
 */
class FastPathTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final String REVISION_9 = "0d99ba90c229";

    private final Launcher launcher = Launcher.ofRepository();

    @Test
    @Tag("fast")
    void theBuildIndexesEveryChangesetOfTheChainWithALiquibaseChecksum() {
        ChangelogIndex index = ChangelogIndex.packaged().orElseThrow();
        List<String> ids = index.changesets().stream().map(ChangelogIndex.Changeset::id).toList();
        assertEquals(CHAIN.revisions().stream().flatMap(r -> java.util.stream.Stream.of(r.id(), r.id() + "-tag"))
                .toList(), ids);
        assertTrue(index.changesets().stream().allMatch(c -> c.checksum().matches("9:[0-9a-f]{32}")),
                index.changesets().toString());
        assertEquals(CHAIN.head().message(), index.chain().head().message());
    }

    @Test
    void aNoOpUpgradeWhoseRecordsAgreeWithTheIndexDoesNotWaitForTheMigrationLock() throws Exception {
        try (TestDatabase db = TestDatabases.at(CHAIN.head().id());
             Connection other = db.newConnection(TestDatabases.MIGRATION_USER)) {
            Migrations.on(other).withoutEnvironment().schema("crmp").lock(line -> { });
            Launcher.Result upgrade = launcher.run(on(db, "-x", "lockTimeout=1s", "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.out().startsWith("Nothing to do: "), upgrade.describe());
        }
    }

    @Test
    void aRecordWithoutChecksumIsLeftToLiquibaseWhichFillsItIn() throws Exception {
        try (TestDatabase db = TestDatabases.at(CHAIN.head().id())) {
            String checksum = db.value("SELECT md5sum FROM crmp.databasechangelog WHERE id = '" + REVISION_9 + "'");
            db.execute("UPDATE crmp.databasechangelog SET md5sum = NULL WHERE id = '" + REVISION_9 + "'");
            try (Connection other = db.newConnection(TestDatabases.MIGRATION_USER)) {
                Migrations.on(other).withoutEnvironment().schema("crmp").lock(line -> { });
                Launcher.Result waited = launcher.run(on(db, "-x", "lockTimeout=1s", "upgrade", "head"));
                assertEquals(4, waited.exitCode(), "not the fast path: " + waited.describe());
            }
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.out().startsWith("Nothing to do: "), upgrade.describe());
            assertEquals(checksum, db.value("SELECT md5sum FROM crmp.databasechangelog WHERE id = '" + REVISION_9
                    + "'"));
        }
    }

    @Test
    void aRecordedChecksumThatDisagreesIsRefusedByLiquibase() throws Exception {
        try (TestDatabase db = TestDatabases.at(CHAIN.head().id())) {
            db.execute("UPDATE crmp.databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '"
                    + REVISION_9 + "'");
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(ExitCode.FAILED, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.err().startsWith("crmp: Validation Failed: 1 changesets check sum revisions/009-"
                    + REVISION_9 + "-create-missing-indexes.yaml::" + REVISION_9 + "::pcic was: "
                    + "9:00000000000000000000000000000000 but is now: 9:"), upgrade.describe());
        }
    }
}
