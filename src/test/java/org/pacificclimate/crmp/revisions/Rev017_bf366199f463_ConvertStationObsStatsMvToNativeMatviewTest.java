package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.revisions.MatviewChecks.STANDARD_GRANTS;
import static org.pacificclimate.crmp.revisions.MatviewChecks.columns;
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
 * Revision bf366199f463, "Convert station_obs_stats_mv to native matview"
 * ({@code changelog/revisions/017-bf366199f463-convert-station-obs-stats-mv-to-native-matview.yaml}): the "fake"
 * matview table {@code station_obs_stats_mv} and its companion view {@code station_obs_stats_v} are replaced by
 * a native matview ({@code changelog/objects/matviews/station_obs_stats_mv/bf366199f463.sql}) with the view's
 * query and column order (per history: station, last and first observation time, number of distinct
 * observation times), index {@code station_obs_stats_mv_idx} and the standard grants; {@code
 * crmp_network_geoserver} (22 columns, {@code changelog/objects/views/crmp_network_geoserver/84b7fc2596d5.sql})
 * is re-created on it. Nothing is converted if such a matview already exists. Our rollback restores the table
 * with its index, filled from its companion view ({@code docs/known-defects.md}).
 */
class Rev017_bf366199f463_ConvertStationObsStatsMvToNativeMatviewTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("bf366199f463");

    private static final String MATVIEW = "SELECT station_id, history_id, max_obs_time, min_obs_time, obs_count"
            + " FROM crmp.station_obs_stats_mv ORDER BY history_id";
    private static final String TABLE = "SELECT station_id, history_id, min_obs_time, max_obs_time, obs_count"
            + " FROM crmp.station_obs_stats_mv ORDER BY history_id";
    private static final String INDEX = "station_obs_stats_mv_idx: CREATE INDEX station_obs_stats_mv_idx ON"
            + " crmp.station_obs_stats_mv USING btree (min_obs_time, max_obs_time, obs_count, station_id, history_id)";

    /**
     * Stations 10 and 20; histories 100 (station 10: four observations at three distinct times, two variables
     * observed at one time), 200 (station 20: one observation) and 300 (station 20: none); two observations
     * without a history.
     */
    private static void seedObservationTimes(TestDatabase db) throws Exception {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'net');"
                + "INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a'), (20, 1, 'b');"
                + "INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES"
                + " (100, 10, 'A'), (200, 20, 'B'), (300, 20, 'no observations');"
                + "INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES"
                + " (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'Tmax'),"
                + " (2, 1, 'tmin', 'air_temperature', 'time: minimum', 'Tmin');"
                + "INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                + " (1, '2000-01-01 06:00', '2001-01-01', 1, 1, 100), (2, '2000-01-01 06:00', '2001-01-01', 1, 2, 100),"
                + " (3, '2000-03-01 18:30', '2001-01-01', 1, 1, 100), (4, '1999-12-31 23:59:59', '2001-01-01', 1, 2, 100),"
                + " (5, '2010-05-05', '2001-01-01', 1, 1, 200),"
                + " (6, '1950-01-01', '2001-01-01', 1, 1, NULL), (7, '2020-01-01', '2001-01-01', 1, 2, NULL)");
    }

    @Nested
    class Upgrade {

        @Test
        void replacesTheTableByAMatviewComputedFromTheDataAtThatMoment() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                db.execute("INSERT INTO crmp.station_obs_stats_mv (station_id, history_id, obs_count) VALUES (13, 416, 999)");

                REVISION.upgrade(db);
                assertEquals(Optional.of("m"), relkind(db, "station_obs_stats_mv"));
                assertTrue(populated(db, "station_obs_stats_mv"));
                assertEquals(List.of("station_id integer", "history_id integer", "max_obs_time timestamp without time zone",
                        "min_obs_time timestamp without time zone", "obs_count bigint"), columns(db, "station_obs_stats_mv"));
                assertEquals(List.of(INDEX), indexes(db, "station_obs_stats_mv"));
                assertEquals(STANDARD_GRANTS, grants(db, "station_obs_stats_mv"));
                assertEquals("tester", owner(db, "station_obs_stats_mv"));
                assertEquals(Optional.empty(), relkind(db, "station_obs_stats_v"));
                assertSubsetContent(db);
            }
        }

        @Test
        void countsDistinctObservationTimesAndLeavesOutObservationsWithoutHistory() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedObservationTimes(db);
                REVISION.upgrade(db);
                assertEquals(List.of(
                        List.of("10", "100", "2000-03-01 18:30:00", "1999-12-31 23:59:59", "3"),
                        List.of("20", "200", "2010-05-05 00:00:00", "2010-05-05 00:00:00", "1")), db.rows(MATVIEW));
            }
        }

        @Test
        void doesNotConvertWhenAMatviewOfThatNameAlreadyExists() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("DROP VIEW crmp.crmp_network_geoserver; DROP TABLE crmp.station_obs_stats_mv;"
                        + "CREATE MATERIALIZED VIEW crmp.station_obs_stats_mv AS SELECT 1 AS station_id, 2 AS history_id,"
                        + " '2000-01-02'::timestamp AS max_obs_time, '2000-01-01'::timestamp AS min_obs_time, 3::bigint AS obs_count");

                REVISION.upgrade(db);
                assertEquals(Optional.of(REVISION.id()), db.migrations().current());
                assertEquals(List.of(List.of("1", "2", "2000-01-02 00:00:00", "2000-01-01 00:00:00", "3")), db.rows(MATVIEW));
                assertEquals(List.of(), indexes(db, "station_obs_stats_mv"));
                assertEquals(List.of(), grants(db, "station_obs_stats_mv"));
                assertEquals(Optional.of("v"), relkind(db, "station_obs_stats_v"));
                // Unlike PyCDS, which does nothing at all here, crmp_network_geoserver is created (or replaced) in
                // its 22-column version: its object file runs unconditionally (docs/known-defects.md).
                assertEquals(Optional.of("v"), relkind(db, "crmp_network_geoserver"));
                assertEquals(List.of(), grants(db, "crmp_network_geoserver"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void refillsTheTableFromItsViewInTheTablesColumnOrder() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedObservationTimes(db);
                REVISION.upgrade(db);

                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, "station_obs_stats_mv"));
                assertEquals(List.of(
                        List.of("10", "100", "1999-12-31 23:59:59", "2000-03-01 18:30:00", "3"),
                        List.of("20", "200", "2010-05-05 00:00:00", "2010-05-05 00:00:00", "1")), db.rows(TABLE));
            }
        }

        @Test
        void givesBackTheTableWithItsIndexAndNoGrantsFilledFromItsView() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                REVISION.upgrade(db);
                List<List<String>> stats = db.rows(TABLE);
                assertEquals(47, stats.size());

                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, "station_obs_stats_mv"));
                assertEquals(List.of(INDEX), indexes(db, "station_obs_stats_mv"));
                assertEquals(List.of(), grants(db, "station_obs_stats_mv"));
                assertEquals("tester", owner(db, "station_obs_stats_mv"));
                assertEquals(STANDARD_GRANTS, grants(db, "station_obs_stats_v"));
                assertEquals(stats, db.rows(TABLE));
                assertEquals(List.of("50", "47", "47"), db.rows("SELECT count(*), count(min_obs_time), count(max_obs_time)"
                        + " FROM crmp.crmp_network_geoserver").get(0));
            }
        }
    }

    @Nested
    class Refreshing {

        @Test
        void theMatviewIsEmptyUntilRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals(List.of(), db.rows(MATVIEW));
                db.execute("REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv");
                assertSubsetContent(db);
            }
        }

        @Test
        void crmpNetworkGeoserverShowsTheMatviewsTimesOnceItIsRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals(List.of("50", "0"), db.rows("SELECT count(*), count(min_obs_time) FROM crmp.crmp_network_geoserver").get(0));
                db.execute("REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv");
                assertEquals(List.of(), db.rows("SELECT g.history_id FROM crmp.crmp_network_geoserver AS g"
                        + " LEFT JOIN crmp.station_obs_stats_mv AS s ON s.history_id = g.history_id"
                        + " WHERE g.min_obs_time IS DISTINCT FROM s.min_obs_time OR g.max_obs_time IS DISTINCT FROM s.max_obs_time"));
                assertEquals(List.of("50", "47"), db.rows("SELECT count(*), count(min_obs_time) FROM crmp.crmp_network_geoserver").get(0));
                assertEquals(STANDARD_GRANTS, grants(db, "crmp_network_geoserver"));
            }
        }
    }

    /**
     * The matview on PyCDS's test data ({@code fixtures/crmp_subset_data.sql}): some known rows, a fingerprint
     * of the whole, and every row as computed in Java by {@link ExpectedContent#stationObsStats}.
     */
    private static void assertSubsetContent(TestDatabase db) throws Exception {
        List<List<String>> rows = db.rows(MATVIEW);
        for (List<String> expected : List.of(
                Arrays.asList("13", "416", "1959-08-21 00:00:00", "1959-07-02 00:00:00"),
                Arrays.asList("113", "516", "2000-12-31 23:59:59", "1974-07-17 00:00:00"),
                Arrays.asList("613", "1016", "2005-02-23 00:00:00", "2000-01-31 23:59:59"),
                Arrays.asList("713", "1116", "2015-03-31 00:00:00", "2015-01-01 00:00:00"),
                Arrays.asList("2313", "2716", "2006-02-12 14:00:00", "2006-02-10 13:00:00"),
                Arrays.asList("2673", "3416", "2015-09-24 16:00:00", "2015-09-24 10:00:00"),
                Arrays.asList("6332", "8016", "1983-05-16 09:57:00", "1981-06-24 00:00:00"),
                Arrays.asList("6628", "8516", "2012-09-16 06:00:00", "2012-09-16 06:00:00"))) {
            assertTrue(rows.stream().anyMatch(r -> r.subList(0, 4).equals(expected)), "row " + expected);
        }
        assertEquals(List.of("47", "1434", "1957-10-01 00:00:00", "2015-09-24 16:00:00", "155034"),
                db.rows("SELECT count(*), sum(obs_count), min(min_obs_time), max(max_obs_time), sum(station_id)"
                        + " FROM crmp.station_obs_stats_mv").get(0));
        assertEquals(ExpectedContent.stationObsStats(db), rows);
    }
}
