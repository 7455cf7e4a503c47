package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision a59d64cf16ca, "Add history tracking to 4 main metadata tables"
 * ({@code changelog/revisions/026-a59d64cf16ca-add-history-tracking-to-4-main-metadata-tables.yaml}): mod_time/mod_user
 * on meta_network, meta_station, meta_history and meta_vars, their history tables
 * ({@code changelog/objects/tables/<name>_hx/a59d64cf16ca.sql}) filled with the current state, and the triggers that
 * keep them. Rows whose foreign key is NULL get no initial history row, as in PyCDS ({@code docs/known-defects.md}).
 */
class Rev026_a59d64cf16ca_AddHistoryTrackingToFourMetadataTablesTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("a59d64cf16ca");

    /** PyCDS's test data set loaded before the revision, then the upgrade; search path crmp, public. */
    private static TestDatabase subsetDataMigrated() throws Exception {
        TestDatabase db = REVISION.databaseBefore();
        try {
            db.loadSubsetData("crmp");
            REVISION.upgrade(db);
            db.execute("SET search_path TO crmp, public");
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The four tables, each with its primary key. */
    private static final String[][] TABLES = {{"meta_network", "network_id"}, {"meta_station", "station_id"},
            {"meta_history", "history_id"}, {"meta_vars", "vars_id"}};

    /** Every column of {@code table} (schema crmp), in order. */
    static List<String> columns(TestDatabase db, String table) throws Exception {
        return db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'crmp' "
                + "AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    /** Counts the rows of {@code table} whose history row differs in one of {@code columns}, or is deleted. */
    static String rowsUnlikeTheirHistory(String table, String key, List<String> columns) {
        String main = String.join(", ", columns.stream().map(c -> "m." + c).toList());
        String history = String.join(", ", columns.stream().map(c -> "h." + c).toList());
        return "SELECT count(*) FROM " + table + " m JOIN " + table + "_hx h USING (" + key + ") WHERE (" + main
                + ") IS DISTINCT FROM (" + history + ") OR h.deleted";
    }

    @Nested
    class Upgrade {

        @Test
        void fillsEachHistoryTableWithOneRowPerMainRowWithItsValues() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                assertEquals(List.of("8,8", "50,50", "50,50", "103,103"), db.column(
                        "SELECT concat_ws(',', (SELECT count(*) FROM meta_network), (SELECT count(*) FROM meta_network_hx)) UNION ALL "
                                + "SELECT concat_ws(',', (SELECT count(*) FROM meta_station), (SELECT count(*) FROM meta_station_hx)) UNION ALL "
                                + "SELECT concat_ws(',', (SELECT count(*) FROM meta_history), (SELECT count(*) FROM meta_history_hx)) UNION ALL "
                                + "SELECT concat_ws(',', (SELECT count(*) FROM meta_vars), (SELECT count(*) FROM meta_vars_hx))"));
                for (String[] c : TABLES) {
                    List<String> columns = columns(db, c[0]);
                    assertTrue(columns.containsAll(List.of("mod_time", "mod_user")), c[0] + ": " + columns);
                    assertEquals("0", db.value(rowsUnlikeTheirHistory(c[0], c[1], columns)),
                            c[0] + ": rows whose history row differs in any of " + columns);
                }
            }
        }

        @Test
        void numbersTheHistoryRowsInPrimaryKeyOrderAndFillsTheForeignHistoryIds() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                for (String[] c : new String[][] {{"meta_network", "network_id"}, {"meta_station", "station_id"},
                        {"meta_history", "history_id"}, {"meta_vars", "vars_id"}}) {
                    assertEquals("t", db.value("SELECT array_agg(" + c[1] + " ORDER BY " + c[0] + "_hx_id) = array_agg(" + c[1]
                            + " ORDER BY " + c[1] + ") FROM " + c[0] + "_hx"), c[0] + " history order");
                }
                assertEquals("0,0,0", db.value("SELECT concat_ws(',', "
                        + "(SELECT count(*) FROM meta_station_hx WHERE meta_network_hx_id IS NULL), "
                        + "(SELECT count(*) FROM meta_history_hx WHERE meta_station_hx_id IS NULL), "
                        + "(SELECT count(*) FROM meta_vars_hx WHERE meta_network_hx_id IS NULL))"));
                // The foreign history row is the referenced item's own, and its latest.
                assertEquals("0", db.value("SELECT count(*) FROM meta_station_hx s "
                        + "JOIN meta_network_hx n ON n.meta_network_hx_id = s.meta_network_hx_id WHERE n.network_id <> s.network_id"));
                for (String[] f : new String[][] {{"meta_station_hx", "meta_network", "network_id"},
                        {"meta_history_hx", "meta_station", "station_id"}, {"meta_vars_hx", "meta_network", "network_id"}}) {
                    assertEquals("0", db.value("SELECT count(*) FROM " + f[0] + " x WHERE x." + f[1] + "_hx_id IS DISTINCT FROM "
                            + "(SELECT max(" + f[1] + "_hx_id) FROM " + f[1] + "_hx r WHERE r." + f[2] + " = x." + f[2] + ")"),
                            f[0] + "." + f[1] + "_hx_id is the latest history row of its " + f[1]);
                }
            }
        }

        @Test
        void givesNoInitialHistoryToRowsWhoseForeignKeyIsNull() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'n');"
                        + "INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, 'with', 1), (2, 'without', NULL)");
                REVISION.upgrade(db);
                assertEquals(List.of("1"), db.column("SELECT station_id FROM crmp.meta_station_hx"));
            }
        }
    }

    /** The triggers the upgrade puts on the four tables. */
    @Nested
    class Triggers {

        @Test
        void insertUpdateAndDeleteOfANetworkEachAppendOneHistoryRow() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                db.execute("INSERT INTO meta_network (network_name, publish) VALUES ('test network', true)");
                db.execute("UPDATE meta_network SET network_name = 'test network 2', description = 'foo' "
                        + "WHERE network_name = 'test network'");
                db.execute("DELETE FROM meta_network WHERE network_name = 'test network 2'");
                assertEquals(List.of("test network,,f,tester", "test network 2,foo,f,tester", "test network 2,foo,t,tester"),
                        db.column("SELECT concat_ws(',', network_name, coalesce(description, ''), deleted, mod_user) "
                                + "FROM meta_network_hx WHERE meta_network_hx_id > 8 ORDER BY meta_network_hx_id"));
            }
        }

        @Test
        void aNewStationRecordsTheLatestHistoryIdOfItsNetwork() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                db.execute("UPDATE meta_network SET description = 'changed' WHERE network_id = 1");
                db.execute("INSERT INTO meta_station (native_id, network_id) VALUES ('WOWZA', 1)");
                db.execute("UPDATE meta_station SET native_id = 'WOWZA SECRET', publish = false WHERE native_id = 'WOWZA'");
                assertEquals(List.of("WOWZA,t,f", "WOWZA SECRET,f,f"), db.column(
                        "SELECT concat_ws(',', native_id, publish, deleted) FROM meta_station_hx "
                                + "WHERE native_id LIKE 'WOWZA%' ORDER BY meta_station_hx_id"));
                assertEquals("t", db.value("SELECT bool_and(meta_network_hx_id = (SELECT max(meta_network_hx_id) "
                        + "FROM meta_network_hx WHERE network_id = 1)) FROM meta_station_hx WHERE native_id LIKE 'WOWZA%'"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void removesTheHistoryTablesTheModColumnsAndTheTriggers() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                REVISION.rollBack(db);
                assertEquals("0", db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'crmp'"
                        + " AND tablename LIKE '%\\_hx'"));
                assertEquals("0", db.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'crmp' "
                        + "AND table_name LIKE 'meta\\_%' AND column_name IN ('mod_time', 'mod_user')"));
                assertEquals("0", db.value("SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = 'crmp'"));
            }
        }

        @Test
        void keepsEveryRowOfTheFourTables() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                REVISION.rollBack(db);
                assertEquals("8,50,50,103", db.value("SELECT concat_ws(',', (SELECT count(*) FROM meta_network), "
                        + "(SELECT count(*) FROM meta_station), (SELECT count(*) FROM meta_history),"
                        + " (SELECT count(*) FROM meta_vars))"));
            }
        }
    }
}
