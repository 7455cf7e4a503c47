package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 33179b5ae85a, "add network_display_name column to meta_network": a unique display name defaulting
 * to network_name, network_name immutable, meta_network_hx rebuilt with the new column before deleted
 * (revisions.md §28, objects.md §F).
 */
class Rev028_33179b5ae85a_AddNetworkDisplayNameTest {

    private static final String BEFORE = "8c05da87cb79";
    private static final String REVISION = "33179b5ae85a";

    private static TestDatabase withTestNetworkHistory() throws Exception {
        TestDatabase db = TestDatabases.at(BEFORE);
        db.execute("SET search_path TO crmp, public;"
                + "INSERT INTO meta_network (network_name, description, publish) VALUES ('Test Network', 'Test Description', true);"
                + "UPDATE meta_network SET description = 'second' WHERE network_name = 'Test Network';"
                + "UPDATE meta_network SET description = 'third' WHERE network_name = 'Test Network';");
        return db;
    }

    @Test
    void existingHistoryIsKeptWithTheDisplayNameBackFilled() throws Exception {
        try (TestDatabase db = withTestNetworkHistory()) {
            List<String> idsBefore = db.column("SELECT meta_network_hx_id FROM meta_network_hx ORDER BY 1");
            db.migrations().updateTo(REVISION);
            assertEquals(idsBefore, db.column("SELECT meta_network_hx_id FROM meta_network_hx ORDER BY 1"));
            assertEquals(List.of("Test Description,Test Network", "second,Test Network", "third,Test Network"),
                    db.column("SELECT concat_ws(',', description, network_display_name) FROM meta_network_hx ORDER BY meta_network_hx_id"));
            assertEquals("Test Network", db.value("SELECT network_display_name FROM meta_network"));
        }
    }

    @Test
    void aNewNetworkGetsItsNameAsDisplayNameAndAHistoryIdAboveTheOldMaximum() throws Exception {
        try (TestDatabase db = withTestNetworkHistory()) {
            int maxBefore = Integer.parseInt(db.value("SELECT max(meta_network_hx_id) FROM meta_network_hx"));
            db.migrations().updateTo(REVISION);
            db.execute("INSERT INTO meta_network (network_name) VALUES ('New Test Network')");
            assertEquals("New Test Network", db.value("SELECT network_display_name FROM meta_network WHERE network_name = 'New Test Network'"));
            List<List<String>> history = db.rows("SELECT network_display_name, meta_network_hx_id FROM meta_network_hx "
                    + "WHERE network_name = 'New Test Network'");
            assertEquals("New Test Network", history.get(0).get(0));
            assertEquals(maxBefore + 1, Integer.parseInt(history.get(0).get(1)));
        }
    }

    @Test
    void onAnEmptyHistoryTheNextIdIsTwo() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.migrations().updateTo(REVISION);
            assertEquals("1,t", db.value("SELECT concat_ws(',', last_value, is_called) FROM crmp.meta_network_hx_meta_network_hx_id_seq"));
            db.execute("SET search_path TO crmp, public; INSERT INTO meta_network (network_name) VALUES ('first')");
            assertEquals("2", db.value("SELECT meta_network_hx_id FROM meta_network_hx"));
        }
    }

    @Test
    void networkNameCannotBeChanged() throws Exception {
        try (TestDatabase db = withTestNetworkHistory()) {
            db.migrations().updateTo(REVISION);
            SQLException e = assertThrows(SQLException.class,
                    () -> db.execute("UPDATE meta_network SET network_name = 'Other' WHERE network_name = 'Test Network'"));
            assertEquals("P0001", e.getSQLState());
            assertEquals(true, e.getMessage().contains("Modification of network_name column is not allowed"));
            db.execute("UPDATE meta_network SET network_display_name = 'Shown' WHERE network_name = 'Test Network'");
            assertEquals("Shown", db.value("SELECT network_display_name FROM meta_network"));
        }
    }

    @Test
    void displayNamesAreUnique() throws Exception {
        try (TestDatabase db = withTestNetworkHistory()) {
            db.migrations().updateTo(REVISION);
            SQLException e = assertThrows(SQLException.class,
                    () -> db.execute("INSERT INTO meta_network (network_name, network_display_name) VALUES ('x', 'Test Network')"));
            assertEquals("23505", e.getSQLState());
        }
    }

    @Test
    void rollbackDropsTheColumnFromBothTablesAndKeepsTheHistory() throws Exception {
        try (TestDatabase db = withTestNetworkHistory()) {
            db.migrations().updateTo(REVISION);
            db.execute("INSERT INTO meta_network (network_name) VALUES ('Later')");
            db.migrations().rollbackTo(BEFORE);
            assertEquals(List.of(), db.column("SELECT table_name FROM information_schema.columns "
                    + "WHERE table_schema = 'crmp' AND column_name = 'network_display_name'"));
            assertEquals(List.of("Test Network", "Test Network", "Test Network", "Later"),
                    db.column("SELECT network_name FROM meta_network_hx ORDER BY meta_network_hx_id"));
            // History tracking still works on the rolled-back schema.
            db.execute("UPDATE meta_network SET description = 'after rollback' WHERE network_name = 'Later'");
            assertEquals("after rollback", db.value("SELECT description FROM meta_network_hx ORDER BY meta_network_hx_id DESC LIMIT 1"));
        }
    }
}
