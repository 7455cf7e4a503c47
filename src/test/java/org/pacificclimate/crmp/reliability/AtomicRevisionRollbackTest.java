package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A revision rolls back atomically: its rollback, the removal of its changeset's row and the removal of its tag's row
 * commit together or not at all, so a rollback that fails halfway leaves the changelog saying what the catalog is.
 */
class AtomicRevisionRollbackTest {

    private static final Revision DISPLAY_NAME = Revision.byId("33179b5ae85a");
    private static final Revision BEFORE = DISPLAY_NAME.previous().orElseThrow();

    private static List<String> records(TestDatabase db, Revision revision) throws SQLException {
        return db.column("SELECT id FROM crmp.databasechangelog WHERE id IN ('" + revision.id() + "', '"
                + revision.id() + "-tag') ORDER BY id");
    }

    @Test
    void aRollbackThatTimesOutOnALockKeepsTheRevisionAndItsTagRecordedAndTheCatalogAsItWas() throws Exception {
        try (TestDatabase db = TestDatabases.at(DISPLAY_NAME.id())) {
            Migrations migrations = HeldLock.shortLockTimeout(db);
            try (HeldLock lock = HeldLock.on(db, "crmp.meta_network", "ACCESS SHARE")) {
                MigrationException e = assertThrows(MigrationException.class,
                        () -> migrations.rollbackTo(BEFORE.id()));
                assertTrue(e.getMessage().contains("did not get its locks in 1 attempt"), e.getMessage()); // 55P03
            }
            assertEquals(Optional.of(DISPLAY_NAME.id()), db.migrations().current(), "the tag says 28");
            assertEquals(List.of(DISPLAY_NAME.id(), DISPLAY_NAME.id() + "-tag"), records(db, DISPLAY_NAME));
            assertCatalogMatches(DISPLAY_NAME, db.catalog("crmp"), "after the failed rollback");

            db.migrations().rollbackTo(BEFORE.id()); // the lock is gone: the same rollback now goes through
            assertEquals(Optional.of(BEFORE.id()), db.migrations().current());
            assertEquals(List.of(), records(db, DISPLAY_NAME));
            assertCatalogMatches(BEFORE, db.catalog("crmp"), "after the rollback");
        }
    }

    @Test
    void aRollbackOfSeveralRevisionsThatFailsHalfwayStopsExactlyAtTheRevisionWhoseRollbackFailed() throws Exception {
        Revision head = DISPLAY_NAME.next().orElseThrow();
        try (TestDatabase db = TestDatabases.at(head.id())) {
            Migrations migrations = HeldLock.shortLockTimeout(db);
            try (HeldLock lock = HeldLock.on(db, "crmp.meta_network", "ACCESS SHARE")) {
                // head's rollback does not need meta_network; 33179b5ae85a's does
                assertThrows(MigrationException.class,
                        () -> migrations.rollbackTo(BEFORE.previous().orElseThrow().id()));
            }
            assertEquals(Optional.of(DISPLAY_NAME.id()), db.migrations().current());
            assertEquals(List.of(), records(db, head));
            assertEquals(List.of(DISPLAY_NAME.id(), DISPLAY_NAME.id() + "-tag"), records(db, DISPLAY_NAME));
            assertCatalogMatches(DISPLAY_NAME, db.catalog("crmp"), "after the failed rollback");
        }
    }

    /**
     * Observed from inside the database: the DDL of the revision's rollback and the deletion of both its changelog
     * rows run in one transaction (an event trigger and a row trigger log their transaction ids).
     */
    @Test
    void aRevisionsRollbackAndTheRemovalOfBothItsRecordsAreOneTransaction() throws Exception {
        try (TestDatabase db = TestDatabases.at(DISPLAY_NAME.id())) {
            try (var admin = db.admin(); var statement = admin.createStatement()) {
                statement.execute("""
                        CREATE TABLE public.transaction_log (what text, transaction bigint);
                        GRANT INSERT, SELECT ON public.transaction_log TO PUBLIC;
                        CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
                        BEGIN INSERT INTO public.transaction_log VALUES ('ddl', txid_current()); END $$;
                        CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
                        CREATE FUNCTION public.log_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN INSERT INTO public.transaction_log VALUES (OLD.id, txid_current()); RETURN OLD; END $$;
                        CREATE TRIGGER log_delete AFTER DELETE ON crmp.databasechangelog
                            FOR EACH ROW EXECUTE FUNCTION public.log_delete();
                        """);
            }
            db.migrations().rollbackTo(BEFORE.id());
            List<String> deletions = db.column("SELECT DISTINCT transaction FROM public.transaction_log WHERE what IN ('"
                    + DISPLAY_NAME.id() + "', '" + DISPLAY_NAME.id() + "-tag')");
            assertEquals(2, db.column("SELECT what FROM public.transaction_log WHERE what LIKE '" + DISPLAY_NAME.id()
                    + "%'").size(), "each record deleted once");
            assertEquals(1, deletions.size(), "both records go in one transaction: " + deletions);
            assertTrue(db.column("SELECT transaction FROM public.transaction_log WHERE what = 'ddl'")
                    .contains(deletions.get(0)), "the transaction of the revision's rollback DDL");
            assertEquals(Optional.of(BEFORE.id()), db.migrations().current(), "the previous revision's tag is kept");
        }
    }
}
