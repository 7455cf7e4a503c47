package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A fault in one revision of a run that no check can see coming (a lock another session holds, data the revision
 * cannot take): the revisions before it in the run stay applied and recorded, nothing of the failing one is kept,
 * the database is exactly at the revision before it (catalog and changelog), and the same run goes through once the
 * fault is gone.
 */
class FaultInRevisionTest {

    /** The changelog rows a database exactly at {@code revision} has: each revision's changeset and tag. */
    private static List<String> recordsUpTo(Revision revision) {
        List<String> ids = new ArrayList<>();
        for (Revision r : RevisionChain.standard().revisions().subList(0, revision.number())) {
            ids.add(r.id());
            ids.add(r.id() + "-tag");
        }
        return ids;
    }

    private static void assertExactlyAt(TestDatabase db, Revision revision) throws SQLException {
        assertEquals(Optional.of(revision.id()), db.migrations().current());
        assertEquals(recordsUpTo(revision), db.column("SELECT id FROM crmp.databasechangelog ORDER BY orderexecuted"));
        assertCatalogMatches(revision, db.catalog("crmp"), "after the failed run");
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * The run starts two revisions before {@code failing}; another session holds a lock on a table that only the
     * failing revision needs, and the migration gives up after a short lock_timeout.
     */
    @ParameterizedTest(name = "{0} waits for {1} held in {2} mode")
    @CsvSource({
        "879f0efa125f, crmp.meta_station, ACCESS SHARE",
        "a59d64cf16ca, crmp.meta_network, ACCESS SHARE",
        "33179b5ae85a, crmp.meta_network, ACCESS SHARE",
        "f6d5a4c2e901, crmp.obs_raw,      ROW EXCLUSIVE",
    })
    void aLockTimeoutInARevisionLeavesTheDatabaseExactlyAtTheRevisionBefore(String failing, String table, String mode)
            throws Exception {
        Revision revision = Revision.byId(failing);
        Revision before = revision.previous().orElseThrow();
        try (TestDatabase db = TestDatabases.at(before.previous().orElseThrow().id())) {
            Migrations migrations = HeldLock.shortLockTimeout(db);
            try (HeldLock lock = HeldLock.on(db, table, mode)) {
                MigrationException e = assertThrows(MigrationException.class, () -> migrations.updateTo(failing));
                assertEquals(Failure.FAILED, e.kind());
                assertTrue(e.getMessage().contains("did not get its locks in 1 attempt"), e.getMessage()); // 55P03
            }
            assertExactlyAt(db, before);
            db.migrations().updateTo(failing);
            assertCatalogMatches(revision, db.catalog("crmp"), "after the same run without the lock");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // two variables of one network whose names differ only in case: the citext unique constraint fails
        "3d50ec832e47 | INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'n');"
                + " INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name) VALUES (1, 1, 'Tmax'), (2, 1, 'tmax')"
                + " | 23505 | DELETE FROM crmp.meta_vars WHERE vars_id = 2",
    })
    void dataARevisionCannotTakeLeavesTheDatabaseExactlyAtTheRevisionBefore(String failing, String seed, String state,
                                                                           String repair) throws Exception {
        Revision revision = Revision.byId(failing);
        Revision before = revision.previous().orElseThrow();
        try (TestDatabase db = TestDatabases.at(before.previous().orElseThrow().id())) {
            db.execute(seed);
            MigrationException e = assertThrows(MigrationException.class, () -> db.migrations().updateTo(failing));
            assertEquals(state, sqlState(e), e.getMessage());
            assertExactlyAt(db, before);
            db.execute(repair);
            db.migrations().updateTo(failing);
            assertCatalogMatches(revision, db.catalog("crmp"), "after the same run with the data repaired");
        }
    }
}
