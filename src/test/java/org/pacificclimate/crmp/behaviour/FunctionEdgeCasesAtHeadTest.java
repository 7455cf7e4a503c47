package org.pacificclimate.crmp.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Edge cases of the legacy functions at head where PyCDS's observed behaviour is what the port must give (the
 * bodies under {@code changelog/objects/functions/} state each rule; docs/known-defects.md lists the defects), and
 * history tracking whatever the search path (a deliberate improvement on PyCDS, docs/known-defects.md). PyCDS's
 * test data set is loaded into one shared, read-only database; tests that write use their own copy.
 */
class FunctionEdgeCasesAtHeadTest {

    private static final String HEAD = "f6d5a4c2e901";

    private static TestDatabase subset;

    @BeforeAll
    static void loadTestData() throws SQLException {
        subset = TestDatabases.at(HEAD);
        subset.loadSubsetData("crmp");
    }

    @AfterAll
    static void dropDatabase() {
        subset.close();
    }

    // ---- closest_stns_within_threshold (revision 4a2f1879293a) ----

    /**
     * 250 km around (-121.5475, 50.07611): PostGIS's geodetic boxes take history 5116, which lies outside the
     * lon/lat box of the circle, and leave out 2016, 6116 and 13216, which lie inside it.
     */
    @Test
    void onTheTestDataClosestStationsCompareGeodeticBoxesSoHistory5116IsInAnd2016_6116_13216AreOut()
            throws Exception {
        assertEquals(List.of("3416", "5216", "7316", "1316", "8516", "8316", "8416", "1416", "1916", "6516", "5316",
                "2516", "1716", "2716", "1516", "6716", "416", "816", "5116"),
                subset.column("SELECT history_id FROM crmp.closest_stns_within_threshold(-121.5475, 50.07611, 250000)"));
    }

    /**
     * 250 km around (0, 60): history 1 lies inside both boxes; history 2 (4.25, 58.0) lies inside the lon/lat
     * box of the circle but outside its geodetic box; history 3 (4.5, 60.5) outside the lon/lat box but inside
     * the geodetic one. Only 1 and 3 are returned, 3 though it is more than 250 km away.
     */
    @Test
    void closestStationsAreThoseWhoseGeodeticBoxOverlapsTheCirclesNotThoseInItsLonLatBox() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.execute("""
                    INSERT INTO crmp.meta_history (history_id, station_name, lat, lon, the_geom) VALUES
                        (1, 'inside both',      60.5, 1.0,  public.ST_GeomFromText('POINT(1.0 60.5)', 4326)),
                        (2, 'lon/lat box only', 58.0, 4.25, public.ST_GeomFromText('POINT(4.25 58.0)', 4326)),
                        (3, 'geodetic box only', 60.5, 4.5, public.ST_GeomFromText('POINT(4.5 60.5)', 4326));
                    """);
            // The data set really separates the two box tests.
            assertEquals(List.of(List.of("1", "t", "t"), List.of("2", "f", "t"), List.of("3", "t", "f")), db.rows("""
                    SELECT history_id,
                           the_geom::geography && circle,
                           the_geom && circle::public.geometry
                      FROM crmp.meta_history,
                           public.ST_Buffer(public.ST_SetSRID(public.ST_MakePoint(0, 60), 4326)::geography, 250000) AS circle
                     ORDER BY history_id"""));
            assertEquals(List.of(List.of("1", "78549"), List.of("3", "255299")),
                    db.rows("SELECT history_id, round(dist) FROM crmp.closest_stns_within_threshold(0, 60, 250000)"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL, 50.0, 1000", "-121.0, NULL, 1000", "-121.0, 50.0, NULL"})
    void closestStationsWithANullArgumentFailWithANullQueryString(String arguments) {
        assertFails("22004", "query string argument of EXECUTE is null",
                "SELECT * FROM crmp.closest_stns_within_threshold(" + arguments + ")");
    }

    // ---- daily_ts, monthly_ts (revision 4a2f1879293a) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            daily_ts   | NULL, 428, 0.0
            daily_ts   | 1213, NULL, 0.0
            daily_ts   | NULL, NULL, NULL
            monthly_ts | NULL, 428, 0.0
            monthly_ts | 1213, NULL, 0.0
            monthly_ts | NULL, NULL, NULL""")
    void aTimeSeriesFunctionWithANullStationOrVariableFailsWithANullQueryString(String function, String arguments) {
        assertFails("22004", "query string argument of EXECUTE is null",
                "SELECT * FROM crmp." + function + "(" + arguments + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily_ts", "monthly_ts"})
    void aTimeSeriesFunctionWithOnlyANullPercentStillFailsOnTheMissingColumn(String function) {
        assertFails("42703", "column \"station_id\" does not exist",
                "SELECT * FROM crmp." + function + "(1213, 428, NULL)");
    }

    // ---- getstationvariabletable, head version (revision efde19ea4f52) ----

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "NULL"})
    void theQueryTextOfANullStationFailsBecauseNoneIsNotAColumn(String climo) {
        assertFails("42703", "spiexceptions.UndefinedColumn: column \"none\" does not exist",
                "SELECT crmp.getstationvariabletable(NULL, " + climo + ")");
    }

    @Test
    void aNullClimoGivesTheQueryTextOfTheObservationVariables() throws Exception {
        assertEquals(subset.value("SELECT crmp.getstationvariabletable(1213, false)"),
                subset.value("SELECT crmp.getstationvariabletable(1213, NULL)"));
    }

    @Test
    void aQualifyingVariableWithoutANameFailsWithPythonsTypeError() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.execute("""
                    INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one');
                    INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (10, 'a', 1);
                    INSERT INTO crmp.meta_history (history_id, station_id) VALUES (101, 10);
                    INSERT INTO crmp.meta_vars (vars_id, net_var_name, standard_name, cell_method, display_name,
                                                network_id)
                        VALUES (11, 'precip', 'p', 'time: sum', 'Precipitation', 1),
                               (12, NULL, 't', 'time: point', 'Temperature', 1);
                    """);
            SQLException e = assertThrows(SQLException.class,
                    () -> db.value("SELECT crmp.getstationvariabletable(10, false)"));
            assertError("38000", "TypeError: can only concatenate str (not \"NoneType\") to str", e);
            // The unnamed variable is an observation variable: the climatology list does not contain it.
            assertEquals("SELECT obs_time from obs_raw WHERE (history_id = 101) AND vars_id IN () "
                    + "GROUP BY obs_time ORDER BY obs_time",
                    db.value("SELECT crmp.getstationvariabletable(10, true)"));
        }
    }

    // ---- season (revision 4a2f1879293a) ----

    @ParameterizedTest(name = "{1} under {0} -> {2}")
    @CsvSource({
            "'ISO, MDY', 0001-01-20, 2015-01-01",
            "'ISO, MDY', 0001-03-04, 2015-01-04",
            "'ISO, DMY', 0001-03-04, 2015-04-01",
            "'ISO, MDY', 0012-07-01, 2015-12-07",
            "'ISO, MDY', 0999-12-31, 0999-01-15",
            "'ISO, DMY', 2000-12-05, 2000-01-15"})
    void theSeasonOfAYearBelow1000IsItsTextReadByTheSessionsDateStyle(String dateStyle, String time,
            String expected) throws Exception {
        try (Connection c = subset.newConnection(TestDatabases.MIGRATION_USER);
                Statement s = c.createStatement()) {
            s.execute("SET DateStyle = '" + dateStyle + "'");
            try (var rs = s.executeQuery("SELECT to_char(crmp.season('" + time + "'), 'YYYY-MM-DD')")) {
                rs.next();
                assertEquals(expected, rs.getString(1));
            }
        }
    }

    // ---- history tracking whatever the search path (docs/known-defects.md, deliberate improvement) ----

    @ParameterizedTest(name = "search_path = {0}")
    @ValueSource(strings = {"public", "''", "pg_catalog"})
    void historyTrackingWritesTheSchemasHistoryWhateverTheSearchPath(String searchPath) throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.execute("SET search_path TO " + searchPath);
            db.execute("""
                    INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one');
                    UPDATE crmp.meta_network SET description = 'changed';
                    INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (10, 'a', 1);
                    INSERT INTO crmp.meta_history (history_id, station_id) VALUES (101, 10);
                    INSERT INTO crmp.meta_vars (vars_id, net_var_name, standard_name, cell_method, display_name,
                                                network_id) VALUES (11, 'precip', 'p', 'time: sum', 'P', 1);
                    INSERT INTO crmp.obs_raw (obs_time, datum, vars_id, history_id) VALUES ('2000-01-01', 1.0, 11, 101);
                    DELETE FROM crmp.obs_raw;
                    """);
            assertEquals(List.of("2,one,,f", "3,one,changed,f"), db.column(
                    "SELECT concat_ws(',', meta_network_hx_id, network_name, coalesce(description, ''), deleted)"
                            + " FROM crmp.meta_network_hx ORDER BY 1"));
            assertEquals(List.of("10,3"), db.column(
                    "SELECT concat_ws(',', station_id, meta_network_hx_id) FROM crmp.meta_station_hx"));
            assertEquals(List.of("f,1,1", "t,1,1"), db.column(
                    "SELECT concat_ws(',', deleted, meta_history_hx_id, meta_vars_hx_id)"
                            + " FROM crmp.obs_raw_hx ORDER BY obs_raw_hx_id"));
        }
    }

    @Test
    void withTwoSchemasOnThePathEachTablesHistoryStaysInItsOwnSchema() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD)) {
            db.migrations("other").update();
            db.execute("SET search_path TO other, crmp, public");
            db.execute("INSERT INTO crmp.meta_network (network_name) VALUES ('in crmp')");
            db.execute("INSERT INTO other.meta_network (network_name) VALUES ('in other')");
            assertEquals(List.of("in crmp"), db.column("SELECT network_name FROM crmp.meta_network_hx"));
            assertEquals(List.of("in other"), db.column("SELECT network_name FROM other.meta_network_hx"));
        }
    }

    // ---- helpers ----

    private static void assertFails(String sqlState, String message, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> subset.rows(sql));
        assertError(sqlState, message, e);
    }

    /** The server's own SQLSTATE and primary message, exactly. */
    private static void assertError(String sqlState, String message, SQLException e) {
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        PSQLException server = (PSQLException) e;
        assertEquals(message, server.getServerErrorMessage().getMessage());
    }
}
