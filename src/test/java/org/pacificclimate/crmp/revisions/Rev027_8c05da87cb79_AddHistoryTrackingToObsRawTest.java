package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 8c05da87cb79, "Add history tracking to obs_raw"
 * ({@code changelog/revisions/027-8c05da87cb79-add-history-tracking-to-obs-raw.yaml}): obs_raw.mod_user, obs_raw_hx
 * ({@code changelog/objects/tables/obs_raw_hx/8c05da87cb79.sql}) filled with every observation (in id batches, keys
 * and indexes after the fill), and the triggers. A legacy trigger {@code update_mod_time} on obs_raw is dropped, and
 * re-created by the rollback only if the upgrade dropped it ({@code docs/known-defects.md}).
 */
class Rev027_8c05da87cb79_AddHistoryTrackingToObsRawTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("8c05da87cb79");

    /**
     * PyCDS's test data set loaded before the previous revision (a59d64cf16ca, history tracking of the metadata
     * tables), so that the initial history fills of both revisions run on it; then the upgrade to this revision.
     * Search path crmp, public.
     */
    private static TestDatabase subsetDataMigrated() throws Exception {
        Revision beforeMetadataTracking = REVISION.previous().flatMap(Revision::previous).orElseThrow();
        TestDatabase db = TestDatabases.at(beforeMetadataTracking.id());
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

    private static final String OBS_RAW_TRIGGERS = "SELECT tgname FROM pg_trigger"
            + " WHERE tgrelid = 'crmp.obs_raw'::regclass AND NOT tgisinternal ORDER BY 1";

    private static final String LEGACY_TRIGGER = "CREATE TRIGGER update_mod_time BEFORE UPDATE ON crmp.obs_raw"
            + " FOR EACH ROW EXECUTE FUNCTION public.moddatetime('mod_time')";

    @Nested
    class Upgrade {

        @Test
        void givesEveryObservationOneHistoryRowInIdOrderWithItsValues() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                assertEquals("1969,1969", db.value("SELECT concat_ws(',', (SELECT count(*) FROM obs_raw), (SELECT count(*) FROM obs_raw_hx))"));
                List<String> columns = Rev026_a59d64cf16ca_AddHistoryTrackingToFourMetadataTablesTest.columns(db, "obs_raw");
                assertTrue(columns.containsAll(List.of("mod_time", "mod_user")), columns.toString());
                assertEquals("0", db.value(Rev026_a59d64cf16ca_AddHistoryTrackingToFourMetadataTablesTest
                        .rowsUnlikeTheirHistory("obs_raw", "obs_raw_id", columns)), "rows whose history differs in any of "
                        + columns);
                assertEquals("t", db.value("SELECT array_agg(obs_raw_id ORDER BY obs_raw_hx_id) = array_agg(obs_raw_id ORDER BY obs_raw_id) "
                        + "FROM obs_raw_hx"));
            }
        }

        @Test
        void pointsEachHistoryRowAtTheLatestHistoryOfItsStationHistoryAndVariable() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                assertEquals("0", db.value("SELECT count(*) FROM obs_raw_hx o "
                        + "LEFT JOIN meta_history_hx h ON h.meta_history_hx_id = o.meta_history_hx_id "
                        + "LEFT JOIN meta_vars_hx v ON v.meta_vars_hx_id = o.meta_vars_hx_id "
                        + "WHERE h.history_id IS DISTINCT FROM o.history_id OR v.vars_id IS DISTINCT FROM o.vars_id"));
            }
        }

        /**
         * The metadata's history grows between revisions: an observation's history row takes the latest history row
         * of its station history and of its variable, where those have several.
         */
        @Test
        void takesTheLatestOfSeveralHistoryRowsOfItsStationHistoryAndVariable() throws Exception {
            Revision metadataTracking = REVISION.previous().orElseThrow();
            try (TestDatabase db = TestDatabases.at(metadataTracking.previous().orElseThrow().id())) {
                db.loadSubsetData("crmp");
                db.migrations().updateTo(metadataTracking.id());
                List<String> item = db.rows("SELECT history_id, vars_id FROM crmp.obs_raw ORDER BY obs_raw_id LIMIT 1").get(0);
                String history = item.get(0);
                String variable = item.get(1);
                db.execute("UPDATE crmp.meta_history SET station_name = station_name || ' (moved)' WHERE history_id = " + history);
                db.execute("UPDATE crmp.meta_history SET station_name = station_name || ' (again)' WHERE history_id = " + history);
                db.execute("UPDATE crmp.meta_vars SET long_description = 'changed' WHERE vars_id = " + variable);
                assertEquals("3,2", db.value("SELECT concat_ws(',', (SELECT count(*) FROM crmp.meta_history_hx WHERE history_id = "
                        + history + "), (SELECT count(*) FROM crmp.meta_vars_hx WHERE vars_id = " + variable + "))"));

                REVISION.upgrade(db);
                assertEquals(List.of(db.value("SELECT max(meta_history_hx_id) || ',' || (SELECT max(meta_vars_hx_id) "
                        + "FROM crmp.meta_vars_hx WHERE vars_id = " + variable + ") FROM crmp.meta_history_hx WHERE history_id = "
                        + history)), db.column("SELECT DISTINCT meta_history_hx_id || ',' || meta_vars_hx_id FROM crmp.obs_raw_hx "
                        + "WHERE history_id = " + history + " AND vars_id = " + variable));
                assertEquals("0", db.value("SELECT count(*) FROM crmp.obs_raw_hx o WHERE o.meta_history_hx_id IS DISTINCT FROM "
                        + "(SELECT max(meta_history_hx_id) FROM crmp.meta_history_hx h WHERE h.history_id = o.history_id) "
                        + "OR o.meta_vars_hx_id IS DISTINCT FROM "
                        + "(SELECT max(meta_vars_hx_id) FROM crmp.meta_vars_hx v WHERE v.vars_id = o.vars_id)"));
            }
        }

        @Test
        void givesNoInitialHistoryToObservationsWithoutHistoryOrVariable() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("SET search_path TO crmp, public;"
                        + "INSERT INTO meta_network (network_id, network_name) VALUES (1, 'n');"
                        + "INSERT INTO meta_station (station_id, native_id, network_id) VALUES (1, 's', 1);"
                        + "INSERT INTO meta_history (history_id, station_id) VALUES (1, 1);"
                        + "INSERT INTO meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) "
                        + "VALUES (1, 1, 'v', 's', 'c', 'd');"
                        + "INSERT INTO obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES "
                        + "(1, '2000-01-01', now(), 1, 1, 1), (2, '2000-01-02', now(), 2, NULL, 1), (3, '2000-01-03', now(), 3, 1, NULL)");
                REVISION.upgrade(db);
                assertEquals(List.of("1"), db.column("SELECT obs_raw_id FROM obs_raw_hx"));
            }
        }

        @Test
        void replacesALegacyUpdateModTimeTriggerByTheHistoryTriggers() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(LEGACY_TRIGGER);
                assertEquals(List.of("update_mod_time"), db.column(OBS_RAW_TRIGGERS));
                REVISION.upgrade(db);
                assertEquals(List.of("t100_primary_control_hx_cols", "t100_primary_ops_to_hx"), db.column(OBS_RAW_TRIGGERS));
            }
        }
    }

    /** The triggers the upgrade puts on obs_raw. */
    @Nested
    class Triggers {

        @Test
        void insertUpdateAndDeleteOfAnObservationEachAppendOneHistoryRow() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                db.execute("INSERT INTO obs_raw (obs_time, mod_time, datum, vars_id, history_id) "
                        + "VALUES ('2100-01-01', '2000-01-01', 999, 517, 13216)");
                db.execute("UPDATE obs_raw SET datum = 1000 WHERE obs_time = '2100-01-01'");
                db.execute("DELETE FROM obs_raw WHERE obs_time = '2100-01-01'");
                String latestHistory = db.value("SELECT max(meta_history_hx_id) FROM meta_history_hx WHERE history_id = 13216");
                String latestVars = db.value("SELECT max(meta_vars_hx_id) FROM meta_vars_hx WHERE vars_id = 517");
                String ids = latestHistory + "," + latestVars;
                assertEquals(List.of("999,f,t," + ids, "1000,f,t," + ids, "1000,t,t," + ids), db.column(
                        "SELECT concat_ws(',', datum, deleted, mod_time > '2000-01-02', meta_history_hx_id, meta_vars_hx_id) "
                                + "FROM obs_raw_hx WHERE obs_time = '2100-01-01' ORDER BY obs_raw_hx_id"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void bringsBackALegacyUpdateModTimeTriggerTheUpgradeDropped() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(LEGACY_TRIGGER);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of("update_mod_time"), db.column(OBS_RAW_TRIGGERS));
            }
        }

        @Test
        void leavesObsRawWithoutTriggersWhenThereWasNoLegacyTrigger() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column(OBS_RAW_TRIGGERS));
            }
        }

        @Test
        void dropsModUserAndKeepsEveryObservation() throws Exception {
            try (TestDatabase db = subsetDataMigrated()) {
                REVISION.rollBack(db);
                assertEquals("1969", db.value("SELECT count(*) FROM obs_raw"));
                assertEquals(List.of(), db.column("SELECT column_name FROM information_schema.columns "
                        + "WHERE table_schema = 'crmp' AND table_name = 'obs_raw' AND column_name = 'mod_user'"));
            }
        }
    }
}
