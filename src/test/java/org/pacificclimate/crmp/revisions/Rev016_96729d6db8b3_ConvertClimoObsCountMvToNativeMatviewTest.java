package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.revisions.MatviewChecks.STANDARD_GRANTS;
import static org.pacificclimate.crmp.revisions.MatviewChecks.grants;
import static org.pacificclimate.crmp.revisions.MatviewChecks.indexes;
import static org.pacificclimate.crmp.revisions.MatviewChecks.owner;
import static org.pacificclimate.crmp.revisions.MatviewChecks.populated;
import static org.pacificclimate.crmp.revisions.MatviewChecks.relkind;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 96729d6db8b3, "Convert climo_obs_count_mv to native matview"
 * ({@code changelog/revisions/016-96729d6db8b3-convert-climo-obs-count-mv-to-native-matview.yaml}): the "fake"
 * matview table {@code climo_obs_count_mv} and its companion view {@code climo_obs_count_v} are replaced by a
 * native matview ({@code changelog/objects/matviews/climo_obs_count_mv/96729d6db8b3.sql}) counting the
 * climatological observations per history, a variable being climatological when {@code variable_tags} says so
 * (its name, no longer its cell method), with index {@code climo_obs_count_idx} and the standard grants;
 * nothing happens if such a matview already exists. Our rollback restores the table with its index and
 * without grants, filled from its companion view, where PyCDS's comes back empty, with grants and without the
 * index ({@code docs/known-defects.md}).
 */
class Rev016_96729d6db8b3_ConvertClimoObsCountMvToNativeMatviewTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("96729d6db8b3");

    private static final String CONTENT = "SELECT count, history_id FROM crmp.climo_obs_count_mv ORDER BY history_id NULLS LAST, count";

    /** The whole matview on PyCDS's test data ({@code fixtures/crmp_subset_data.sql}), ordered by history_id. */
    private static final List<List<String>> SUBSET_CONTENT = List.of(
            List.of("12", "516"), List.of("48", "816"), List.of("48", "1016"), List.of("48", "1216"),
            List.of("48", "1316"), List.of("48", "1516"), List.of("48", "1616"), List.of("48", "1716"),
            List.of("36", "1816"), List.of("5", "2016"), List.of("2", "2516"), List.of("21", "3516"));

    /**
     * Network 1, station 10, histories 100 and 200. Variables: 1 {@code Tx_Climatology} (a climatology by its
     * name only), 2 {@code tmax} (by its cell method only, "within"), 3 {@code climatologyPrecip} (by both,
     * "over"), 4 without a name (neither). Observations of 1 (3 at history 100, 1 without history), 2 (1 at
     * 100, 2 at 200, 1 without history), 3 (2 at 100) and 4 (1 at 200).
     */
    private static void seedClimatologyCases(TestDatabase db) throws Exception {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'net');"
                + "INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a');"
                + "INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'A'), (200, 10, 'B');"
                + "INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES"
                + " (1, 1, 'Tx_Climatology', 'air_temperature', 'time: maximum', 'Tx'),"
                + " (2, 1, 'tmax', 'air_temperature', 't: maximum within days', 'Tmax'),"
                + " (3, 1, 'climatologyPrecip', 'precipitation', 't: sum over years', 'P'),"
                + " (4, 1, NULL, 'air_temperature', 'time: mean', 'Tmean');"
                + "INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                + " (1, '2000-01-01', '2000-02-01', 1, 1, 100), (2, '2000-01-02', '2000-02-01', 1, 1, 100),"
                + " (3, '2000-01-03', '2000-02-01', 1, 1, 100), (4, '2000-01-01', '2000-02-01', 1, 2, 100),"
                + " (5, '2000-01-01', '2000-02-01', 1, 3, 100), (6, '2000-01-02', '2000-02-01', 1, 3, 100),"
                + " (7, '2000-01-01', '2000-02-01', 1, 2, 200), (8, '2000-01-02', '2000-02-01', 1, 2, 200),"
                + " (9, '2000-01-01', '2000-02-01', 1, 4, 200),"
                + " (10, '2000-01-01', '2000-02-01', 1, 1, NULL), (11, '2000-01-01', '2000-02-01', 1, 2, NULL)");
    }

    @Nested
    class Upgrade {

        @Test
        void replacesTheTableByAMatviewComputedFromTheDataAtThatMoment() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                db.execute("INSERT INTO crmp.climo_obs_count_mv (count, history_id) VALUES (999, 416)");

                REVISION.upgrade(db);
                assertEquals(Optional.of("m"), relkind(db, "climo_obs_count_mv"));
                assertTrue(populated(db, "climo_obs_count_mv"));
                assertEquals(STANDARD_GRANTS, grants(db, "climo_obs_count_mv"));
                assertEquals("tester", owner(db, "climo_obs_count_mv"));
                assertEquals(SUBSET_CONTENT, db.rows(CONTENT));
                assertEquals(List.of("412", "19592"), db.rows("SELECT sum(count), sum(history_id) FROM crmp.climo_obs_count_mv").get(0));
                assertEquals(List.of("climo_obs_count_idx: CREATE INDEX climo_obs_count_idx ON crmp.climo_obs_count_mv USING btree (history_id)"),
                        indexes(db, "climo_obs_count_mv"));
                assertEquals(Optional.empty(), relkind(db, "climo_obs_count_v"));
            }
        }

        @Test
        void decidesClimatologyByTheVariableName() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedClimatologyCases(db);
                REVISION.upgrade(db);
                // Tx_Climatology (3 at history 100, 1 without history) and climatologyPrecip (2 at history 100).
                assertEquals(List.of(List.of("5", "100"), Arrays.asList("1", null)), db.rows(CONTENT));
            }
        }

        @Test
        void doesNothingWhenAMatviewOfThatNameAlreadyExists() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("DROP TABLE crmp.climo_obs_count_mv;"
                        + "CREATE MATERIALIZED VIEW crmp.climo_obs_count_mv AS SELECT 7::bigint AS count, 1 AS history_id");

                REVISION.upgrade(db);
                assertEquals(Optional.of(REVISION.id()), db.migrations().current());
                assertEquals(List.of(List.of("7", "1")), db.rows(CONTENT));
                assertEquals(List.of(), indexes(db, "climo_obs_count_mv"));
                assertEquals(List.of(), grants(db, "climo_obs_count_mv"));
                assertEquals(Optional.of("v"), relkind(db, "climo_obs_count_v"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void refillsTheTableFromItsViewWhichDecidesClimatologyByTheCellMethod() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedClimatologyCases(db);
                REVISION.upgrade(db);

                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, "climo_obs_count_mv"));
                // Refilled from climo_obs_count_v: cell methods with "within" or "over" (tmax, climatologyPrecip);
                // the group without a history cannot go into the table (history_id is its primary key).
                assertEquals(List.of(List.of("3", "100"), List.of("2", "200")), db.rows(CONTENT));
                assertEquals(List.of(List.of("3", "100"), List.of("2", "200"), Arrays.asList("1", null)),
                        db.rows("SELECT count, history_id FROM crmp.climo_obs_count_v ORDER BY history_id NULLS LAST"));
            }
        }

        @Test
        void givesBackTheTableWithItsIndexesAndNoGrants() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                assertEquals(STANDARD_GRANTS, grants(db, "climo_obs_count_mv"));
                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, "climo_obs_count_mv"));
                assertEquals(List.of(
                        "climo_obs_count_idx: CREATE INDEX climo_obs_count_idx ON crmp.climo_obs_count_mv USING btree (history_id)",
                        "climo_obs_count_mv_pkey: CREATE UNIQUE INDEX climo_obs_count_mv_pkey ON crmp.climo_obs_count_mv USING btree (history_id)"),
                        indexes(db, "climo_obs_count_mv"));
                assertEquals(List.of(), grants(db, "climo_obs_count_mv"));
                assertEquals("tester", owner(db, "climo_obs_count_mv"));
                assertEquals(List.of(), db.rows(CONTENT));
            }
        }
    }

    @Nested
    class Refreshing {

        @Test
        void theMatviewIsEmptyUntilRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals(List.of(), db.rows(CONTENT));
                db.execute("REFRESH MATERIALIZED VIEW crmp.climo_obs_count_mv");
                assertEquals(SUBSET_CONTENT, db.rows(CONTENT));
            }
        }
    }
}
