package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A no-op {@code upgrade head} is answered from the build-time index of the changelogs without Liquibase when every
 * record agrees with it, and by Liquibase otherwise. Whether Liquibase ran shows in its changelog lock, which it takes
 * for every update: a trigger counts the updates of the lock table.
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
    void aNoOpUpgradeWhoseRecordsAgreeWithTheIndexDoesNotRunLiquibase() throws Exception {
        try (TestDatabase db = atHeadCountingLocks()) {
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.out().startsWith("Nothing to do: "), upgrade.describe());
            assertEquals("0", db.value("SELECT count(*) FROM crmp.lock_updates"), "Liquibase took its lock");
        }
    }

    @Test
    void aRecordWithoutChecksumIsLeftToLiquibaseWhichFillsItIn() throws Exception {
        try (TestDatabase db = atHeadCountingLocks()) {
            String checksum = db.value("SELECT md5sum FROM crmp.databasechangelog WHERE id = '" + REVISION_9 + "'");
            db.execute("UPDATE crmp.databasechangelog SET md5sum = NULL WHERE id = '" + REVISION_9 + "'");
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.out().startsWith("Nothing to do: "), upgrade.describe());
            assertEquals(checksum, db.value("SELECT md5sum FROM crmp.databasechangelog WHERE id = '" + REVISION_9
                    + "'"));
            assertTrue(Integer.parseInt(db.value("SELECT count(*) FROM crmp.lock_updates")) > 0, "Liquibase ran");
        }
    }

    @Test
    void aRecordedChecksumThatDisagreesIsRefusedByLiquibase() throws Exception {
        try (TestDatabase db = atHeadCountingLocks()) {
            db.execute("UPDATE crmp.databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '"
                    + REVISION_9 + "'");
            Launcher.Result upgrade = launcher.run(on(db, "upgrade", "head"));
            assertEquals(ExitCode.FAILED, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.err().startsWith("crmp: Validation Failed: 1 changesets check sum revisions/009-"
                    + REVISION_9 + "-create-missing-indexes.yaml::" + REVISION_9 + "::pcic was: "
                    + "9:00000000000000000000000000000000 but is now: 9:"), upgrade.describe());
        }
    }

    /** A database at head whose lock table counts its updates in {@code crmp.lock_updates}. */
    private static TestDatabase atHeadCountingLocks() throws Exception {
        TestDatabase db = TestDatabases.at(CHAIN.head().id());
        db.execute("CREATE TABLE crmp.lock_updates (at timestamptz DEFAULT now())");
        db.execute("CREATE FUNCTION crmp.count_lock_update() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN INSERT INTO crmp.lock_updates DEFAULT VALUES; RETURN NULL; END $$");
        db.execute("CREATE TRIGGER count_lock_update AFTER UPDATE ON crmp.databasechangeloglock "
                + "FOR EACH STATEMENT EXECUTE FUNCTION crmp.count_lock_update()");
        return db;
    }
}
