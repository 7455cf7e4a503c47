package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.SubsetData;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision {@code 84b7fc2596d5} "Add utility views"
 * ({@code changelog/revisions/003-84b7fc2596d5-add-utility-views.yaml}): views {@code crmp_network_geoserver} (version
 * 1, 22 columns, reading the fake matview tables {@code collapsed_vars_mv} and {@code station_obs_stats_mv}),
 * {@code history_join_station_network}, {@code obs_count_per_day_history_v} and {@code obs_with_flags} (bodies
 * {@code changelog/objects/views/<name>/84b7fc2596d5.sql}), without grants. As in PyCDS, the views expose
 * {@code meta_history.the_geom} as EWKB ({@code bytea}) and {@code obs_with_flags} carries no flag information
 * (docs/known-defects.md). Rolling back drops the four views.
 */
class Rev003_84b7fc2596d5_AddUtilityViewsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("84b7fc2596d5");

    /** The companion views of the fake matview tables, there before the upgrade. */
    private static final List<String> COMPANION_VIEWS = List.of("climo_obs_count_v", "collapsed_vars_v",
            "obs_count_per_month_history_v", "station_obs_stats_v");

    /** EWKB of SRID=4326;POINT(-123.5 49.25), as the views expose the_geom. */
    private static final String POINT_EWKB = "\\x0101000020e61000000000000000e05ec00000000000a04840";

    /**
     * Network 1; station 10 in it, station 20 without a network; history 100 (every column set) and 101 of
     * station 10, history 200 of station 20, history 300 without a station.
     */
    private static final String METADATA = """
            INSERT INTO crmp.meta_contact (contact_id, name) VALUES (1, 'Someone');
            INSERT INTO crmp.meta_sensor (sensor_id, name) VALUES (5, 'thermometer');
            INSERT INTO crmp.meta_network (network_id, network_name, description, virtual, publish, col_hex, contact_id)
                VALUES (1, 'net one', 'the first network', 'v', true, '#FF0000', 1);
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (10, 'N10', 1), (20, 'N20', NULL);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, lon, lat, elev, sdate, edate, tz_offset,
                                           province, country, comments, freq, sensor_id, the_geom) VALUES
                (100, 10, 'Station Ten', -123.5, 49.25, 100.5, '2000-01-01', '2010-12-31', '-08:00', 'BC', 'Canada',
                 'a comment', 'daily', 5, public.ST_GeomFromText('POINT(-123.5 49.25)', 4326)),
                (101, 10, 'Station Ten again', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (200, 20, 'No network', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (300, NULL, 'No station', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """;

    /** Read-only: PyCDS's test data set loaded at this revision, with the fake matview tables filled. */
    private static TestDatabase subset;

    @BeforeAll
    static void loadTheTestData() throws SQLException {
        subset = REVISION.databaseAt();
        SubsetData.loadBeforePublishColumn(subset, "crmp");
        // What the external process did for the fake matview tables: fill them from their defining queries.
        subset.execute("""
                INSERT INTO crmp.vars_per_history_mv (history_id, vars_id)
                    SELECT DISTINCT history_id, vars_id FROM crmp.obs_raw;
                INSERT INTO crmp.collapsed_vars_mv (history_id, vars, display_names)
                    SELECT history_id, vars, display_names FROM crmp.collapsed_vars_v;
                INSERT INTO crmp.station_obs_stats_mv (station_id, history_id, min_obs_time, max_obs_time, obs_count)
                    SELECT station_id, history_id, min_obs_time, max_obs_time, obs_count FROM crmp.station_obs_stats_v;
                """);
    }

    @AfterAll
    static void dropTheTestData() {
        subset.close();
    }

    @Nested
    class Upgrade {

        @Test
        void theFourViewsAreAddedToTheCompanionViews() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(COMPANION_VIEWS, views(db));
                REVISION.upgrade(db);
                assertEquals(List.of("climo_obs_count_v", "collapsed_vars_v", "crmp_network_geoserver",
                        "history_join_station_network", "obs_count_per_day_history_v", "obs_count_per_month_history_v",
                        "obs_with_flags", "station_obs_stats_v"), views(db));
            }
        }

        @Test
        void theFourViewsHaveNoGrantsUnlikeTheCompanionViews() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of(
                        "collapsed_vars_v false true true true",
                        "crmp_network_geoserver false false false false",
                        "history_join_station_network false false false false",
                        "obs_count_per_day_history_v false false false false",
                        "obs_with_flags false false false false"), db.column("""
                        SELECT v || ' ' || has_table_privilege('inspector', 'crmp.' || v, 'INSERT')
                                  || ' ' || has_table_privilege('inspector', 'crmp.' || v, 'SELECT')
                                  || ' ' || has_table_privilege('viewer', 'crmp.' || v, 'SELECT')
                                  || ' ' || has_table_privilege('steward', 'crmp.' || v, 'SELECT')
                          FROM unnest(ARRAY['collapsed_vars_v', 'crmp_network_geoserver', 'history_join_station_network',
                                            'obs_count_per_day_history_v', 'obs_with_flags']) AS v
                         ORDER BY v"""));
            }
        }
    }

    /**
     * history_join_station_network ({@code changelog/objects/views/history_join_station_network/84b7fc2596d5.sql}):
     * every history with its station and network (inner joins).
     */
    @Nested
    class HistoryJoinStationNetwork {

        @Test
        void historyJoinStationNetworkHasOneRowPerHistoryWhoseStationHasANetwork() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                assertEquals(List.of("network_id", "station_id", "history_id", "station_name", "lon", "lat", "elev",
                        "sdate", "edate", "tz_offset", "province", "country", "comments", "the_geom", "sensor_id",
                        "native_id", "network_name", "description", "virtual"), columns(db, "history_join_station_network"));
                assertEquals(List.of(
                        Arrays.asList("1", "10", "100", "Station Ten", "-123.5", "49.25", "100.5", "2000-01-01",
                                "2010-12-31", "-08:00:00", "BC", "Canada", "a comment", POINT_EWKB, "5", "N10", "net one",
                                "the first network", "v"),
                        Arrays.asList("1", "10", "101", "Station Ten again", null, null, null, null, null, null, null,
                                null, null, null, null, "N10", "net one", "the first network", "v")),
                        db.rows("SELECT * FROM crmp.history_join_station_network ORDER BY history_id"));
            }
        }

        @Test
        void onTheTestDataHistoryJoinStationNetworkGivesEveryHistoryWithItsStationAndNetwork() throws Exception {
            List<List<String>> expected = subset.rows("SELECT s.network_id, h.station_id, h.history_id "
                    + "FROM crmp.meta_history h JOIN crmp.meta_station s ON s.station_id = h.station_id "
                    + "ORDER BY h.history_id");
            assertEquals(50, expected.size());
            assertEquals(expected, subset.rows("SELECT network_id, station_id, history_id "
                    + "FROM crmp.history_join_station_network ORDER BY history_id"));
        }
    }

    /**
     * obs_count_per_day_history_v ({@code changelog/objects/views/obs_count_per_day_history_v/84b7fc2596d5.sql}): the
     * number of observations per (day, history).
     */
    @Nested
    class ObsCountPerDayHistory {

        @Test
        void obsCountPerDayHistoryCountsObservationsPerDayAndHistoryWithNullsAsTheirOwnGroups() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_history (history_id) VALUES (1), (2);
                        INSERT INTO crmp.meta_vars (vars_id) VALUES (1), (2);
                        INSERT INTO crmp.obs_raw (obs_time, mod_time, vars_id, history_id) VALUES
                            ('2000-01-01 00:00', now(), 1, 1), ('2000-01-01 23:59:59', now(), 1, 1),
                            ('2000-01-01 12:00', now(), 2, 1), ('2000-01-02 00:00', now(), 1, 1),
                            ('2000-01-01 05:00', now(), 1, 2),
                            (NULL, now(), 1, 1), (NULL, now(), 2, 1),
                            ('2000-01-01 06:00', now(), 1, NULL);
                        """);
                assertEquals(List.of("count", "date_trunc", "history_id"), columns(db, "obs_count_per_day_history_v"));
                assertEquals(List.of(
                        Arrays.asList("3", "2000-01-01 00:00:00", "1"),
                        Arrays.asList("1", "2000-01-02 00:00:00", "1"),
                        Arrays.asList("2", null, "1"),
                        Arrays.asList("1", "2000-01-01 00:00:00", "2"),
                        Arrays.asList("1", "2000-01-01 00:00:00", null)),
                        db.rows("SELECT * FROM crmp.obs_count_per_day_history_v "
                                + "ORDER BY history_id NULLS LAST, date_trunc NULLS LAST"));
            }
        }

        @Test
        void onTheTestDataObsCountPerDayHistorySumsToEachHistorysObservationCount() throws Exception {
            assertEquals(List.of(List.of("1254", "1969")),
                    subset.rows("SELECT count(*), sum(count) FROM crmp.obs_count_per_day_history_v"));
            List<List<String>> expected = subset.rows(
                    "SELECT history_id, count(*) FROM crmp.obs_raw GROUP BY history_id ORDER BY history_id");
            assertEquals(47, expected.size());
            assertEquals(expected, subset.rows("SELECT history_id, sum(count) FROM crmp.obs_count_per_day_history_v "
                    + "GROUP BY history_id ORDER BY history_id"));
        }
    }

    /**
     * obs_with_flags ({@code changelog/objects/views/obs_with_flags/84b7fc2596d5.sql}): observations with their
     * variable and the history's station; despite its name, no flags.
     */
    @Nested
    class ObsWithFlags {

        @Test
        void obsWithFlagsGivesEachObservationWithItsVariableAndStationButNoFlags() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one'), (2, 'two');
                        INSERT INTO crmp.meta_station (station_id, network_id) VALUES (10, 1);
                        INSERT INTO crmp.meta_history (history_id, station_id) VALUES (100, 10), (101, NULL);
                        INSERT INTO crmp.meta_vars (vars_id, net_var_name, unit, standard_name, cell_method, network_id) VALUES
                            (1, 'tmax', 'celsius', 'air_temperature', 'time: maximum', 1),
                            (2, 'pcp', 'mm', 'lwe_thickness_of_precipitation_amount', 'time: sum', 2);
                        INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                            (1, '2000-01-01 00:00', '2020-01-01 01:00', 1.5, 1, 100),
                            (2, '2000-01-02 00:00', '2020-01-02 01:00', 2.5, 2, 101),
                            (3, '2000-01-03 00:00', '2020-01-03 01:00', 3.5, NULL, 100),
                            (4, '2000-01-04 00:00', '2020-01-04 01:00', 4.5, 1, NULL);
                        INSERT INTO crmp.meta_native_flag (native_flag_id, flag_name, network_id, value, discard) VALUES
                            (1, 'bad', 1, 'B', true), (2, 'odd', 1, 'O', false);
                        INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (1, 1), (1, 2);
                        """);
                assertEquals(List.of("vars_id", "network_id", "unit", "standard_name", "cell_method", "net_var_name",
                        "station_id", "obs_raw_id", "obs_time", "mod_time", "datum"), columns(db, "obs_with_flags"));
                assertEquals(List.of(
                        Arrays.asList("1", "1", "celsius", "air_temperature", "time: maximum", "tmax", "10", "1",
                                "2000-01-01 00:00:00", "2020-01-01 01:00:00", "1.5"),
                        Arrays.asList("2", "2", "mm", "lwe_thickness_of_precipitation_amount", "time: sum", "pcp", null,
                                "2", "2000-01-02 00:00:00", "2020-01-02 01:00:00", "2.5")),
                        db.rows("SELECT * FROM crmp.obs_with_flags ORDER BY obs_raw_id"));
            }
        }

        @Test
        void onTheTestDataObsWithFlagsHasOneRowPerObservationWithItsVariableNetworkAndStation() throws Exception {
            List<List<String>> expected = subset.rows("SELECT o.obs_raw_id, o.vars_id, v.network_id, h.station_id "
                    + "FROM crmp.obs_raw o JOIN crmp.meta_vars v ON v.vars_id = o.vars_id "
                    + "JOIN crmp.meta_history h ON h.history_id = o.history_id ORDER BY o.obs_raw_id");
            assertEquals(1969, expected.size());
            assertEquals(expected, subset.rows("SELECT obs_raw_id, vars_id, network_id, station_id "
                    + "FROM crmp.obs_with_flags ORDER BY obs_raw_id"));
        }
    }

    /**
     * crmp_network_geoserver, version 1 ({@code changelog/objects/views/crmp_network_geoserver/84b7fc2596d5.sql}): one
     * row per history whose station belongs to a network, with the collapsed variables and the observation statistics
     * of the fake matview tables (left joins, so NULL when absent).
     */
    @Nested
    class CrmpNetworkGeoserver {

        @Test
        void crmpNetworkGeoserverGivesEachNetworkedHistoryWithItsStatisticsAndCollapsedVariables() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                db.execute("""
                        INSERT INTO crmp.station_obs_stats_mv (station_id, history_id, min_obs_time, max_obs_time, obs_count)
                            VALUES (10, 100, '2000-01-01', '2001-01-01 12:00', 5);
                        INSERT INTO crmp.collapsed_vars_mv (history_id, vars, display_names)
                            VALUES (100, 'air_temperature_maximum, air_temperature_minimum', 'Tmax|Tmin');
                        """);
                assertEquals(List.of("network_name", "native_id", "station_name", "lon", "lat", "elev", "min_obs_time",
                        "max_obs_time", "freq", "tz_offset", "province", "station_id", "history_id", "country", "comments",
                        "the_geom", "sensor_id", "description", "network_id", "col_hex", "vars", "display_names"),
                        columns(db, "crmp_network_geoserver"));
                assertEquals(List.of(
                        Arrays.asList("net one", "N10", "Station Ten", "-123.5", "49.25", "100.5", "2000-01-01 00:00:00",
                                "2001-01-01 12:00:00", "daily", "-08:00:00", "BC", "10", "100", "Canada", "a comment",
                                POINT_EWKB, "5", "the first network", "1", "#FF0000",
                                "air_temperature_maximum, air_temperature_minimum", "Tmax|Tmin"),
                        Arrays.asList("net one", "N10", "Station Ten again", null, null, null, null, null, null, null, null,
                                "10", "101", null, null, null, null, "the first network", "1", "#FF0000", null, null)),
                        db.rows("SELECT * FROM crmp.crmp_network_geoserver ORDER BY history_id"));
            }
        }

        @Test
        void onTheTestDataCrmpNetworkGeoserverHasEveryHistoryAndTheStatisticsOfThoseWithObservations()
                throws Exception {
            assertEquals(List.of(List.of("50", "47", "47", "50")), subset.rows("SELECT count(*), count(vars), "
                    + "count(min_obs_time), count(the_geom) FROM crmp.crmp_network_geoserver"));
        }

        @Test
        void onTheTestDataCrmpNetworkGeoserverFiltersByNetworkAndByLastObservation() throws Exception {
            assertEquals("3", subset.value(
                    "SELECT count(*) FROM crmp.crmp_network_geoserver WHERE network_name = 'FLNRO-WMB'"));
            assertEquals("2", subset.value("SELECT count(*) FROM crmp.crmp_network_geoserver "
                    + "WHERE network_name = 'FLNRO-WMB' AND max_obs_time < '2005-01-01'"));
        }

        @Test
        void onTheTestDataCrmpNetworkGeoserverShowsTheCollapsedVariablesOfEachHistory() throws Exception {
            List<List<String>> expected = subset.rows(
                    "SELECT history_id, vars, display_names FROM crmp.collapsed_vars_mv ORDER BY history_id");
            assertEquals(47, expected.size());
            assertEquals(expected, subset.rows("SELECT g.history_id, g.vars, g.display_names "
                    + "FROM crmp.crmp_network_geoserver g JOIN crmp.collapsed_vars_mv c ON c.history_id = g.history_id "
                    + "ORDER BY g.history_id"));
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackDropsTheFourViews() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(COMPANION_VIEWS, views(db));
            }
        }
    }

    private static List<String> views(TestDatabase db) throws SQLException {
        return db.column("SELECT relname FROM pg_class WHERE relnamespace = 'crmp'::regnamespace AND relkind = 'v' "
                + "ORDER BY relname");
    }

    private static List<String> columns(TestDatabase db, String view) throws SQLException {
        return db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'crmp' "
                + "AND table_name = '" + view + "' ORDER BY ordinal_position");
    }
}
