package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 33179b5ae85a, "add network_display_name column to meta_network"
 * ({@code changelog/revisions/028-33179b5ae85a-add-network-display-name-column-to-meta-network.yaml}): a unique
 * display name defaulting to network_name
 * ({@code changelog/objects/functions/set_network_display_name_default/33179b5ae85a.sql}), network_name immutable
 * ({@code changelog/objects/functions/prevent_network_name_modification/33179b5ae85a.sql}), meta_network_hx rebuilt
 * with the new column before deleted ({@code changelog/objects/tables/meta_network_hx/33179b5ae85a.sql}).
 */
class Rev028_33179b5ae85a_AddNetworkDisplayNameTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("33179b5ae85a");

    /** Before the revision: one network, inserted and updated twice (three history rows); search path crmp, public. */
    private static TestDatabase withTestNetworkHistory() throws Exception {
        TestDatabase db = REVISION.databaseBefore();
        try {
            db.execute("SET search_path TO crmp, public;"
                    + "INSERT INTO meta_network (network_name, description, publish) VALUES ('Test Network', 'Test Description', true);"
                    + "UPDATE meta_network SET description = 'second' WHERE network_name = 'Test Network';"
                    + "UPDATE meta_network SET description = 'third' WHERE network_name = 'Test Network';");
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** {@link #withTestNetworkHistory()}, the upgrade, one more network ('Later'), the rollback. */
    private static TestDatabase rolledBackWithANetworkAddedInBetween() throws Exception {
        TestDatabase db = withTestNetworkHistory();
        try {
            REVISION.upgrade(db);
            db.execute("INSERT INTO meta_network (network_name) VALUES ('Later')");
            REVISION.rollBack(db);
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return db;
    }

    @Nested
    class Upgrade {

        @Test
        void keepsTheExistingHistoryWithTheDisplayNameBackFilled() throws Exception {
            try (TestDatabase db = withTestNetworkHistory()) {
                List<String> idsBefore = db.column("SELECT meta_network_hx_id FROM meta_network_hx ORDER BY 1");
                REVISION.upgrade(db);
                assertEquals(idsBefore, db.column("SELECT meta_network_hx_id FROM meta_network_hx ORDER BY 1"));
                assertEquals(List.of("Test Description,Test Network", "second,Test Network", "third,Test Network"),
                        db.column("SELECT concat_ws(',', description, network_display_name) FROM meta_network_hx"
                                + " ORDER BY meta_network_hx_id"));
                assertEquals("Test Network", db.value("SELECT network_display_name FROM meta_network"));
            }
        }

        @Test
        void givesANewNetworkItsNameAsDisplayNameAndAHistoryIdAboveTheOldMaximum() throws Exception {
            try (TestDatabase db = withTestNetworkHistory()) {
                int maxBefore = Integer.parseInt(db.value("SELECT max(meta_network_hx_id) FROM meta_network_hx"));
                REVISION.upgrade(db);
                db.execute("INSERT INTO meta_network (network_name) VALUES ('New Test Network')");
                assertEquals("New Test Network", db.value("SELECT network_display_name FROM meta_network"
                        + " WHERE network_name = 'New Test Network'"));
                List<List<String>> history = db.rows("SELECT network_display_name, meta_network_hx_id FROM meta_network_hx "
                        + "WHERE network_name = 'New Test Network'");
                assertEquals("New Test Network", history.get(0).get(0));
                assertEquals(maxBefore + 1, Integer.parseInt(history.get(0).get(1)));
            }
        }

        /** As in PyCDS ({@code docs/known-defects.md}): setval(seq, coalesce(max, 1), true) skips id 1. */
        @Test
        void onAnEmptyHistoryMakesTheNextHistoryIdTwo() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals("1,t", db.value("SELECT concat_ws(',', last_value, is_called)"
                        + " FROM crmp.meta_network_hx_meta_network_hx_id_seq"));
                db.execute("SET search_path TO crmp, public; INSERT INTO meta_network (network_name) VALUES ('first')");
                assertEquals("2", db.value("SELECT meta_network_hx_id FROM meta_network_hx"));
            }
        }
    }

    /** network_name and network_display_name once the revision is applied. */
    @Nested
    class NetworkNames {

        @Test
        void networkNameCannotBeChanged() throws Exception {
            try (TestDatabase db = withTestNetworkHistory()) {
                REVISION.upgrade(db);
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("UPDATE meta_network SET network_name = 'Other' WHERE network_name = 'Test Network'"));
                assertEquals("P0001", e.getSQLState());
                assertEquals(true, e.getMessage().contains("Modification of network_name column is not allowed"));
            }
        }

        @Test
        void theDisplayNameCanBeChanged() throws Exception {
            try (TestDatabase db = withTestNetworkHistory()) {
                REVISION.upgrade(db);
                db.execute("UPDATE meta_network SET network_display_name = 'Shown' WHERE network_name = 'Test Network'");
                assertEquals("Shown", db.value("SELECT network_display_name FROM meta_network"));
            }
        }

        @Test
        void displayNamesAreUnique() throws Exception {
            try (TestDatabase db = withTestNetworkHistory()) {
                REVISION.upgrade(db);
                SQLException e = assertThrows(SQLException.class, () -> db.execute(
                        "INSERT INTO meta_network (network_name, network_display_name) VALUES ('x', 'Test Network')"));
                assertEquals("23505", e.getSQLState());
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void dropsTheColumnFromBothTables() throws Exception {
            try (TestDatabase db = rolledBackWithANetworkAddedInBetween()) {
                assertEquals(List.of(), db.column("SELECT table_name FROM information_schema.columns "
                        + "WHERE table_schema = 'crmp' AND column_name = 'network_display_name'"));
            }
        }

        @Test
        void keepsTheHistoryIncludingRowsWrittenAfterTheUpgrade() throws Exception {
            try (TestDatabase db = rolledBackWithANetworkAddedInBetween()) {
                assertEquals(List.of("Test Network", "Test Network", "Test Network", "Later"),
                        db.column("SELECT network_name FROM meta_network_hx ORDER BY meta_network_hx_id"));
            }
        }

        @Test
        void leavesHistoryTrackingOfNetworksWorking() throws Exception {
            try (TestDatabase db = rolledBackWithANetworkAddedInBetween()) {
                db.execute("UPDATE meta_network SET description = 'after rollback' WHERE network_name = 'Later'");
                assertEquals("after rollback", db.value("SELECT description FROM meta_network_hx"
                        + " ORDER BY meta_network_hx_id DESC LIMIT 1"));
            }
        }
    }
}
