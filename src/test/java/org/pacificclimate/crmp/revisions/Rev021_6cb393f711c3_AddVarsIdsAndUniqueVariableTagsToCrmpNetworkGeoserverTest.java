package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.revisions.MatviewChecks.STANDARD_GRANTS;
import static org.pacificclimate.crmp.revisions.MatviewChecks.columns;
import static org.pacificclimate.crmp.revisions.MatviewChecks.grants;
import static org.pacificclimate.crmp.revisions.MatviewChecks.owner;
import static org.pacificclimate.crmp.revisions.MatviewChecks.relkind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 6cb393f711c3, "Add columns vars_ids and unique_variable_tags to crmp_network_geoserver"
 * ({@code changelog/revisions/021-6cb393f711c3-add-vars-ids-and-unique-variable-tags-to-crmp-network-geoserver.yaml}):
 * the view {@code crmp_network_geoserver} is re-created in its 24-column version
 * ({@code changelog/objects/views/crmp_network_geoserver/6cb393f711c3.sql}), which shows {@code collapsed_vars_mv}'s
 * {@code vars_ids} and {@code unique_variable_tags} before {@code vars} and {@code display_names}, with the
 * standard grants. The rollback re-creates the 22-column version
 * ({@code changelog/objects/views/crmp_network_geoserver/84b7fc2596d5.sql}). PyCDS has no test for this revision.
 */
class Rev021_6cb393f711c3_AddVarsIdsAndUniqueVariableTagsToCrmpNetworkGeoserverTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("6cb393f711c3");

    private static final String VIEW = "crmp_network_geoserver";

    /** Version 2 ({@code changelog/objects/views/crmp_network_geoserver/6cb393f711c3.sql}), in order. */
    private static final List<String> V2_COLUMNS = List.of("network_name character varying",
            "native_id character varying", "station_name character varying", "lon numeric", "lat numeric",
            "elev double precision", "min_obs_time timestamp without time zone",
            "max_obs_time timestamp without time zone", "freq character varying", "tz_offset interval",
            "province character varying", "station_id integer", "history_id integer", "country character varying",
            "comments character varying(255)", "the_geom bytea", "sensor_id integer", "description character varying",
            "network_id integer", "col_hex character varying", "vars_ids integer[]", "unique_variable_tags text[]",
            "vars text", "display_names text");

    /** Version 1: the same without vars_ids and unique_variable_tags. */
    private static final List<String> V1_COLUMNS;

    static {
        List<String> v1 = new ArrayList<>(V2_COLUMNS);
        v1.removeAll(List.of("vars_ids integer[]", "unique_variable_tags text[]"));
        V1_COLUMNS = List.copyOf(v1);
    }

    /**
     * Networks 1 and 2; station 10 of network 1, 20 of network 2, 30 without a network; history 100 of station
     * 10 with every column set and observations of a climatology (5) and an observation variable (1); history
     * 200 of station 20 without observations; history 300 of station 30 and 400 without a station (both with
     * observations, neither shown). The matviews are refreshed before the upgrade.
     */
    private static final String SEED = """
            INSERT INTO crmp.meta_network (network_id, network_name, description, col_hex) VALUES
                (1, 'Network 1', 'First network', '#FF0000'), (2, 'Network 2', NULL, NULL);
            INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES
                (10, 1, 'n10'), (20, 2, 'n20'), (30, NULL, 'n30');
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, lon, lat, elev, sdate, edate, tz_offset,
                    province, country, comments, freq, the_geom) VALUES
                (100, 10, 'Station A', -123.11806, 50.05417, 652.5, '1990-01-01', NULL, '-08:00', 'BC', 'CA',
                    'a comment', 'daily', public.ST_GeomFromEWKT('SRID=4326;POINT(-123.11806 50.05417)')),
                (200, 20, 'Station B', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (300, 30, 'Station C', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'daily', NULL),
                (400, NULL, 'Station D', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'daily', NULL);
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES
                (5, 1, 'Tx_Climatology', 'air_temperature', 't: maximum within days t: mean over years', 'Tx clim'),
                (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'Tmax');
            INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                (1, '1990-01-01', '2001-01-01', 1, 5, 100), (2, '2000-06-30 12:00', '2001-01-01', 1, 1, 100),
                (3, '1995-03-01', '2001-01-01', 1, 1, 100), (4, '2000-01-01', '2001-01-01', 1, 1, 300),
                (5, '2000-01-01', '2001-01-01', 1, 1, 400);
            REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv;
            REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv;
            REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv;
            """;

    private static final String ALL_COLUMNS = "SELECT network_name, native_id, station_name, lon, lat, elev,"
            + " min_obs_time, max_obs_time, freq, tz_offset, province, station_id, history_id, country, comments,"
            + " public.ST_AsEWKT(public.ST_GeomFromEWKB(the_geom)), sensor_id, description, network_id, col_hex,"
            + " vars_ids, unique_variable_tags, vars, display_names FROM crmp.crmp_network_geoserver ORDER BY history_id";

    @Nested
    class Upgrade {

        @Test
        void insertsVarsIdsAndUniqueVariableTagsBeforeVarsAndDisplayNames() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(V1_COLUMNS, columns(db, VIEW));
                REVISION.upgrade(db);
                assertEquals(Optional.of("v"), relkind(db, VIEW));
                assertEquals(V2_COLUMNS, columns(db, VIEW));
            }
        }

        @Test
        void givesTheViewTheStandardGrantsAndLeavesItToTheMigrationUser() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(STANDARD_GRANTS, grants(db, VIEW));
                assertEquals("tester", owner(db, VIEW));
            }
        }
    }

    /** What the 24-column view shows. */
    @Nested
    class TheView {

        @Test
        void showsOneRowPerHistoryOfAStationWithANetworkWithItsVariablesAndObservationTimes() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                assertEquals(List.of(
                        Arrays.asList("Network 1", "n10", "Station A", "-123.11806", "50.05417", "652.5",
                                "1990-01-01 00:00:00", "2000-06-30 12:00:00", "daily", "-08:00:00", "BC", "10", "100",
                                "CA", "a comment", "SRID=4326;POINT(-123.11806 50.05417)", null, "First network", "1",
                                "#FF0000", "{1,5}", "{climatology,observation}",
                                "air_temperature_maximum, air_temperaturet: maximum within days t: mean over years",
                                "Tmax|Tx clim"),
                        Arrays.asList("Network 2", "n20", "Station B", null, null, null, null, null, null, null, null,
                                "20", "200", null, null, null, null, null, "2", null, null, null, null, null)),
                        db.rows(ALL_COLUMNS));
                // the_geom is the history's geometry as EWKB.
                assertEquals("t", db.value("SELECT g.the_geom = public.ST_AsEWKB(h.the_geom)"
                        + " FROM crmp.crmp_network_geoserver g JOIN crmp.meta_history h USING (history_id)"
                        + " WHERE history_id = 100"));
            }
        }

        @Test
        void showsTheMatviewsAsLastRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id)"
                        + " VALUES (6, '2010-01-01', '2001-01-01', 1, 1, 200)");
                String history200 = "SELECT max_obs_time, vars_ids, vars FROM crmp.crmp_network_geoserver"
                        + " WHERE history_id = 200";
                assertEquals(List.of(Arrays.asList(null, null, null)), db.rows(history200));
                db.execute("REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv;"
                        + " REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
                // collapsed_vars_mv reads vars_per_history_mv, which was not refreshed.
                assertEquals(List.of(Arrays.asList("2010-01-01 00:00:00", null, null)), db.rows(history200));
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv;"
                        + " REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
                assertEquals(List.of(List.of("2010-01-01 00:00:00", "{1}", "air_temperature_maximum")),
                        db.rows(history200));
            }
        }

        /**
         * On PyCDS's test data set, matviews refreshed: 50 rows (one per history of a station with a network), 47
         * of them with variables and observation times (the histories with observations), all 50 with a geometry.
         */
        @Test
        void agreesWithTheMatviewsAndFiltersOnTheTestData() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv;"
                        + " REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv;"
                        + " REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv");
                assertEquals(List.of("50", "47", "47", "47", "50"), db.rows("SELECT count(*), count(vars),"
                        + " count(vars_ids), count(min_obs_time), count(the_geom) FROM crmp.crmp_network_geoserver")
                        .get(0));
                // The four collapsed columns are collapsed_vars_mv's (a left join on history_id) for every
                // joined row.
                assertEquals("47", db.value("SELECT count(*) FROM crmp.crmp_network_geoserver g"
                        + " JOIN crmp.collapsed_vars_mv c ON c.history_id = g.history_id"));
                assertEquals(List.of(), db.rows("SELECT g.history_id FROM crmp.crmp_network_geoserver g"
                        + " JOIN crmp.collapsed_vars_mv c ON c.history_id = g.history_id"
                        + " WHERE (g.vars_ids, g.unique_variable_tags, g.vars, g.display_names)"
                        + " IS DISTINCT FROM (c.vars_ids, c.unique_variable_tags, c.vars, c.display_names)"));
                int all = Integer.parseInt(db.value("SELECT count(*) FROM crmp.crmp_network_geoserver"));
                int flnro = Integer.parseInt(db.value("SELECT count(*) FROM crmp.crmp_network_geoserver"
                        + " WHERE network_name = 'FLNRO-WMB'"));
                int early = Integer.parseInt(db.value("SELECT count(*) FROM crmp.crmp_network_geoserver"
                        + " WHERE network_name = 'FLNRO-WMB' AND max_obs_time < '2005-01-01'"));
                assertTrue(0 < early && early < flnro && flnro < all, early + " < " + flnro + " < " + all);
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void recreatesThe22ColumnViewWithTheStandardGrantsAndTheMigrationUserAsOwner() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(Optional.of("v"), relkind(db, VIEW));
                assertEquals(V1_COLUMNS, columns(db, VIEW));
                assertEquals(STANDARD_GRANTS, grants(db, VIEW));
                assertEquals("tester", owner(db, VIEW));
            }
        }

        @Test
        void showsTheSameRowsWithoutTheTwoColumns() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                List<List<String>> rows = db.rows(ALL_COLUMNS);
                assertEquals(2, rows.size());
                REVISION.rollBack(db);
                List<List<String>> withoutNewColumns = new ArrayList<>();
                for (List<String> row : rows) {
                    List<String> r = new ArrayList<>(row);
                    r.subList(20, 22).clear();
                    withoutNewColumns.add(r);
                }
                assertEquals(withoutNewColumns, db.rows(ALL_COLUMNS.replace(" vars_ids, unique_variable_tags,", "")));
            }
        }
    }
}
