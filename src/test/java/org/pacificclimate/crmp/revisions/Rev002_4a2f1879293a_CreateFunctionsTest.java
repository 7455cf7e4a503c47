package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.SubsetData;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision {@code 4a2f1879293a} "Create functions"
 * ({@code changelog/revisions/002-4a2f1879293a-create-functions.yaml}): the 12 legacy functions, created under the
 * elevated role (bodies {@code changelog/objects/functions/<name>/4a2f1879293a.sql}), and their behaviour as of this
 * revision: {@code getstationvariabletable} is its original version (variables classified by cell method,
 * {@code S.obs_raw} qualified), {@code effective_day} its original VOLATILE version. PyCDS's defects are reproduced
 * (docs/known-defects.md): {@code daily_ts}/{@code monthly_ts} always fail, {@code season} maps December to January of
 * the same year, {@code closest_stns_within_threshold} filters by a bounding box only.
 */
class Rev002_4a2f1879293a_CreateFunctionsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("4a2f1879293a");

    private static final List<String> FUNCTIONS = List.of("closest_stns_within_threshold", "daily_ts", "daysinmonth",
            "do_query_one_station", "effective_day", "getstationvariabletable", "lastdateofmonth", "monthly_ts",
            "query_one_station", "query_one_station_climo", "season", "updatesdateedate");

    /** The six stations of PyCDS's getstationvariabletable test. */
    private static final String SUBSET_STATIONS = "4137, 1213, 2313, 1313, 5136, 5634";

    /** Read-only: an empty schema at this revision, for functions that read no tables. */
    private static TestDatabase empty;

    /** Read-only: PyCDS's test data set loaded at this revision. */
    private static TestDatabase subset;

    @BeforeAll
    static void createSharedDatabases() throws SQLException {
        empty = REVISION.databaseAt();
        subset = REVISION.databaseAt();
        SubsetData.loadBeforePublishColumn(subset, "crmp");
    }

    @AfterAll
    static void dropSharedDatabases() {
        empty.close();
        subset.close();
    }

    @Nested
    class Upgrade {

        @Test
        void theTwelveFunctionsBecomeRoutinesOfTheSchema() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), routines(db));
                REVISION.upgrade(db);
                assertEquals(FUNCTIONS, routines(db));
            }
        }
    }

    /**
     * The functions that run on a database without data, and those that fail there as PyCDS's do
     * (docs/known-defects.md).
     */
    @Nested
    class OnAnEmptyDatabase {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM crmp.closest_stns_within_threshold(-120.0, 50.0, 1)",
                "SELECT crmp.daysinmonth('2000-03-04')",
                "SELECT crmp.effective_day('2000-01-01 07:39', 'max', '1-hourly')",
                "SELECT crmp.getstationvariabletable(999, false)",
                "SELECT crmp.lastdateofmonth('2000-03-04')",
                "SELECT crmp.query_one_station(999)",
                "SELECT crmp.query_one_station_climo(999)",
                "SELECT crmp.season('2000-03-04')"})
        void aLegacyFunctionRunsOnAnEmptyDatabase(String call) throws Exception {
            empty.rows(call);
        }

        @Test
        void updatesdateedateRunsWithoutHistoriesAndLeavesStationsAlone() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_station (station_id, min_obs_time) VALUES (1, '2000-01-01')");
                db.execute("SELECT crmp.updatesdateedate()");
                assertEquals("2000-01-01 00:00:00", db.value("SELECT min_obs_time FROM crmp.meta_station"));
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                SELECT * FROM crmp.daily_ts(1, 1, 50.0)       | 42703
                SELECT * FROM crmp.monthly_ts(1, 1, 50.0)     | 42703
                SELECT crmp.do_query_one_station(999)         | 42601
                """)
        void theExpectedFailuresOnAnEmptyDatabaseFail(String call, String sqlState) {
            SQLException e = assertThrows(SQLException.class, () -> empty.rows(call));
            assertEquals(sqlState, e.getSQLState(), e.getMessage());
        }
    }

    /**
     * effective_day, original version ({@code changelog/objects/functions/effective_day/4a2f1879293a.sql}): midnight of
     * obs_time, moved to the next day only for a 12-hourly maximum observed at or after noon (exact, case-sensitive
     * comparisons).
     */
    @Nested
    class EffectiveDay {

        @ParameterizedTest(name = "{0} {1} {2} -> {3}")
        @CsvSource({
                "2000-01-01 07:23, 1-hourly, max, 2000-01-01 00:00:00",
                "2000-01-01 07:23, 1-hourly, min, 2000-01-01 00:00:00",
                "2000-01-01 07:23, 12-hourly, max, 2000-01-01 00:00:00",
                "2000-01-01 07:23, 12-hourly, min, 2000-01-01 00:00:00",
                "2000-01-01 16:18, 1-hourly, max, 2000-01-01 00:00:00",
                "2000-01-01 16:18, 1-hourly, min, 2000-01-01 00:00:00",
                "2000-01-01 16:18, 12-hourly, max, 2000-01-02 00:00:00",
                "2000-01-01 16:18, 12-hourly, min, 2000-01-01 00:00:00"})
        void effectiveDayMovesOnlyA12HourlyAfternoonMaximumToTheNextDay(String obsTime, String freq, String extremum,
                String expected) throws Exception {
            assertEquals(expected, empty.value("SELECT crmp.effective_day('" + obsTime + "', '" + extremum + "', '"
                    + freq + "')"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2000-01-01 12:00:00, 2000-01-02 00:00:00",
                "2000-01-01 11:59:59, 2000-01-01 00:00:00",
                "2000-12-31 23:00:00, 2001-01-01 00:00:00",
                "2000-02-28 12:00:00, 2000-02-29 00:00:00"})
        void effectiveDayShiftsA12HourlyMaximumFromNoonOnIncludingAcrossMonthAndYearEnds(String obsTime, String expected)
                throws Exception {
            assertEquals(expected, empty.value("SELECT crmp.effective_day('" + obsTime + "', 'max', '12-hourly')"));
        }

        @ParameterizedTest(name = "{0}, {1}")
        @CsvSource(nullValues = "NULL", value = {"MAX, 12-hourly", "Max, 12-hourly", "max, 12-Hourly",
                "max, '12-hourly '", "'max ', 12-hourly", "NULL, 12-hourly", "max, NULL"})
        void effectiveDayDoesNotShiftUnlessExtremumAndFreqMatchExactly(String extremum, String freq) throws Exception {
            assertEquals("2000-01-01 00:00:00", empty.value("SELECT crmp.effective_day('2000-01-01 16:18', "
                    + literal(extremum) + ", " + literal(freq) + ")"));
        }

        @Test
        void effectiveDayWithoutFreqDoesNotShift() throws Exception {
            assertEquals("2000-01-01 00:00:00", empty.value("SELECT crmp.effective_day('2000-01-01 16:18', 'max')"));
        }

        @Test
        void effectiveDayOfANullTimeIsNull() throws Exception {
            assertEquals(Arrays.asList((String) null),
                    empty.column("SELECT crmp.effective_day(NULL, 'max', '12-hourly')"));
        }
    }

    /** daysinmonth ({@code changelog/objects/functions/daysinmonth/4a2f1879293a.sql}). */
    @Nested
    class DaysInMonth {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"2000-02-10, 29", "2001-02-10, 28", "2000-03-04, 31", "2000-04-30 23:59:59, 30",
                "2000-12-31 12:00, 31", "1900-02-01, 28"})
        void daysInMonthIsTheNumberOfDaysOfTheMonthContainingTheTime(String time, String days) throws Exception {
            assertEquals(days, empty.value("SELECT crmp.daysinmonth('" + time + "')"));
        }

        @Test
        void daysInMonthOfNullIsNull() throws Exception {
            assertEquals(Arrays.asList((String) null), empty.column("SELECT crmp.daysinmonth(NULL)"));
        }
    }

    /** lastdateofmonth ({@code changelog/objects/functions/lastdateofmonth/4a2f1879293a.sql}). */
    @Nested
    class LastDateOfMonth {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"2000-02-10, 2000-02-29", "2000-12-15, 2000-12-31", "2001-02-01, 2001-02-28",
                "2000-04-30, 2000-04-30", "2000-03-04, 2000-03-31"})
        void lastDateOfMonthIsTheLastDayOfTheArgumentsMonth(String date, String expected) throws Exception {
            assertEquals(expected, empty.value("SELECT crmp.lastdateofmonth('" + date + "')"));
        }

        @Test
        void lastDateOfMonthOfNullIsNull() throws Exception {
            assertEquals(Arrays.asList((String) null), empty.column("SELECT crmp.lastdateofmonth(NULL)"));
        }
    }

    /**
     * season ({@code changelog/objects/functions/season/4a2f1879293a.sql}): the middle of the meteorological season in
     * the date's own calendar year, so December maps to January 15 of the same year; NULL raises "case not found"
     * (docs/known-defects.md).
     */
    @Nested
    class Season {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2000-01-31 23:59, 2000-01-15", "2000-02-29, 2000-01-15", "2000-03-01, 2000-04-15",
                "2000-04-15, 2000-04-15", "2000-05-31, 2000-04-15", "2000-06-01, 2000-07-15",
                "2000-07-04, 2000-07-15", "2000-08-31, 2000-07-15", "2000-09-01, 2000-10-15",
                "2000-10-31, 2000-10-15", "2000-11-30, 2000-10-15", "2000-12-05, 2000-01-15",
                "2000-12-31 23:59, 2000-01-15"})
        void seasonIsTheMiddleOfTheMeteorologicalSeasonInTheSameCalendarYear(String time, String expected)
                throws Exception {
            assertEquals(expected, empty.value("SELECT crmp.season('" + time + "')"));
        }

        @Test
        void seasonOfNullRaisesCaseNotFound() {
            SQLException e = assertThrows(SQLException.class, () -> empty.rows("SELECT crmp.season(NULL)"));
            assertEquals("20000", e.getSQLState(), e.getMessage());
        }
    }

    /**
     * closest_stns_within_threshold
     * ({@code changelog/objects/functions/closest_stns_within_threshold/4a2f1879293a.sql}): the threshold only builds a
     * bounding box, there is no distance filter (docs/known-defects.md); dist is the geodesic distance in metres.
     */
    @Nested
    class ClosestStationsWithinThreshold {

        private static final String NEAR_THE_ORIGIN = """
                INSERT INTO crmp.meta_history (history_id, station_name, lat, lon, the_geom) VALUES
                    (1, 'near',    45,    -100,  public.ST_GeomFromText('POINT(0.001 0)', 4326)),
                    (2, 'middle',  0,     0.005, public.ST_GeomFromText('POINT(0 0.005)', 4326)),
                    (3, 'corner',  0.008, 0.008, public.ST_GeomFromText('POINT(0.008 0.008)', 4326)),
                    (4, 'outside', 0,     0.02,  public.ST_GeomFromText('POINT(0.02 0)', 4326)),
                    (5, 'no geometry', 0, 0,     NULL);
                """;

        @Test
        void closestStationsAreOrderedByGeodesicDistanceInMetresWithTheHistorysOwnLatAndLon() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(NEAR_THE_ORIGIN);
                assertEquals(List.of(
                        List.of("1", "45", "-100", "111.3"),
                        List.of("2", "0", "0.005", "552.9"),
                        List.of("3", "0.008", "0.008", "1255.2")),
                        db.rows("SELECT history_id, lat, lon, round(dist::numeric, 1) "
                                + "FROM crmp.closest_stns_within_threshold(0, 0, 1000)"));
            }
        }

        @Test
        void closestStationsComeFromTheThresholdsBoundingBoxSoTheyMayLieBeyondTheThreshold() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(NEAR_THE_ORIGIN);
                // History 3 is about 1255 m away but inside the box around the 1000 m circle; history 4 is outside it.
                assertEquals(List.of(List.of("3", "t")),
                        db.rows("SELECT history_id, dist > 1000 FROM crmp.closest_stns_within_threshold(0, 0, 1000) "
                                + "WHERE dist > 1000"));
                assertEquals(List.of("1", "2", "3", "4"),
                        db.column("SELECT history_id FROM crmp.closest_stns_within_threshold(0, 0, 3000)"));
            }
        }

        @Test
        void closestStationsNeverIncludeAHistoryWithoutGeometry() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(NEAR_THE_ORIGIN);
                db.execute("UPDATE crmp.meta_history SET lat = 0.0, lon = 0.0 WHERE history_id = 5");
                assertEquals(List.of("1", "2", "3", "4"),
                        db.column("SELECT history_id FROM crmp.closest_stns_within_threshold(0, 0, 100000)"));
            }
        }

        @Test
        void onTheTestDataTheClosestStationsToAPointInWestVancouverAreHistories1316And8516() throws Exception {
            assertEquals(List.of(
                    List.of("1316", "49.33028", "-123.2647", "343.045"),
                    List.of("8516", "49.33027777777778", "-123.26472222222222", "344.631")),
                    subset.rows("SELECT history_id, lat, lon, round(dist::numeric, 3) "
                            + "FROM crmp.closest_stns_within_threshold(-123.26, 49.33, 5000)"));
        }
    }

    /**
     * daily_ts and monthly_ts ({@code changelog/objects/functions/daily_ts/4a2f1879293a.sql},
     * {@code changelog/objects/functions/monthly_ts/4a2f1879293a.sql}): their generated query filters obs_raw on a
     * column station_id it does not have, so every call fails with 42703, a PyCDS defect reproduced
     * (docs/known-defects.md).
     */
    @Nested
    class TimeSeriesFunctions {

        @ParameterizedTest
        @ValueSource(strings = {"daily_ts", "monthly_ts"})
        void aTimeSeriesFunctionFailsEvenForAStationWithObservationsBecauseObsRawHasNoStationId(String function) {
            // Station 1213 (history 1616) has observations of variable 428 in the test data.
            SQLException e = assertThrows(SQLException.class,
                    () -> subset.rows("SELECT * FROM crmp." + function + "(1213, 428, 0.0)"));
            assertEquals("42703", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("column \"station_id\" does not exist"), e.getMessage());
        }
    }

    /**
     * getstationvariabletable, original version
     * ({@code changelog/objects/functions/getstationvariabletable/4a2f1879293a.sql}): returns, without running it, the
     * text of a query pivoting a station's observations into one row per obs_time and one column per variable of the
     * station's network whose cell_method matches '(within|over)' (climo) or not, ordered by net_var_name.
     */
    @Nested
    class GetStationVariableTable {

        /**
         * Network 1 with stations 10 (histories 101, 102) and 20 (history 201); network 2 with station 30. Network 1
         * has three observation variables (ids not in name order, one mixed-case name, one cell method with an
         * upper-case WITHIN) and two climatologies; network 2 has one variable.
         */
        private static final String TWO_NETWORKS = """
                INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one'), (2, 'two');
                INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (10, 'a', 1), (20, 'b', 1), (30, 'c', 2);
                INSERT INTO crmp.meta_history (history_id, station_id) VALUES (101, 10), (102, 10), (201, 20), (301, 30);
                INSERT INTO crmp.meta_vars (vars_id, net_var_name, cell_method, network_id) VALUES
                    (11, 'precip', 'time: sum', 1),
                    (12, 'AirTMax', 'time: maximum', 1),
                    (13, 'txclimatology', 't: maximum within days t: mean over years', 1),
                    (14, 'tnclimatology', 't: minimum within days t: mean over years', 1),
                    (15, 'shouting', 'time: mean WITHIN days', 1),
                    (21, 'elsewhere', 'time: point', 2);
                INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES
                    ('2000-01-01', now(), 5.0, 12, 101), ('2000-01-01', now(), 1.5, 11, 101),
                    ('2000-01-02', now(), 6.0, 12, 101),
                    ('2000-01-03', now(), 2.0, 11, 102), ('2000-01-03', now(), 7.0, 15, 102),
                    ('2000-01-01', now(), 9.0, 13, 101), ('2000-01-05', now(), 9.0, 14, 102),
                    ('2000-01-04', now(), 8.0, 12, 201), ('2000-01-06', now(), 8.0, 21, 301);
                """;

        @Test
        void theQueryTextListsTheNetworksObservationVariablesByNameAndEveryHistoryOfTheStation() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(TWO_NETWORKS);
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=12 THEN datum END) as AirTMax,"
                        + "MAX(CASE WHEN vars_id=11 THEN datum END) as precip,"
                        + "MAX(CASE WHEN vars_id=15 THEN datum END) as shouting "
                        + "from crmp.obs_raw WHERE (history_id = 101 OR history_id = 102) AND vars_id IN (12,11,15) "
                        + "GROUP BY obs_time ORDER BY obs_time",
                        db.value("SELECT crmp.getstationvariabletable(10, false)"));
            }
        }

        @Test
        void theClimoQueryTextListsTheVariablesWhoseCellMethodSaysWithinOrOver() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(TWO_NETWORKS);
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=14 THEN datum END) as tnclimatology,"
                        + "MAX(CASE WHEN vars_id=13 THEN datum END) as txclimatology "
                        + "from crmp.obs_raw WHERE (history_id = 101 OR history_id = 102) AND vars_id IN (14,13) "
                        + "GROUP BY obs_time ORDER BY obs_time",
                        db.value("SELECT crmp.getstationvariabletable(10, true)"));
            }
        }

        @Test
        void theQueryTextOfAStationWithoutDataStillListsEveryVariableOfItsNetwork() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(TWO_NETWORKS);
                db.execute("DELETE FROM crmp.obs_raw WHERE history_id = 201");
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=12 THEN datum END) as AirTMax,"
                        + "MAX(CASE WHEN vars_id=11 THEN datum END) as precip,"
                        + "MAX(CASE WHEN vars_id=15 THEN datum END) as shouting "
                        + "from crmp.obs_raw WHERE (history_id = 201) AND vars_id IN (12,11,15) "
                        + "GROUP BY obs_time ORDER BY obs_time",
                        db.value("SELECT crmp.getstationvariabletable(20, false)"));
            }
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void theQueryTextOfAnUnknownStationIsReturnedButInvalid(boolean climo) throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(TWO_NETWORKS);
                String sql = db.value("SELECT crmp.getstationvariabletable(999, " + climo + ")");
                assertEquals("SELECT obs_time from crmp.obs_raw WHERE () AND vars_id IN () GROUP BY obs_time "
                        + "ORDER BY obs_time", sql);
                SQLException e = assertThrows(SQLException.class, () -> db.rows(sql));
                assertEquals("42601", e.getSQLState(), e.getMessage());
            }
        }

        @Test
        void theQueryPivotsTheStationsObservationsIntoOneRowPerTimeWithALowerCaseColumnPerVariable() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(TWO_NETWORKS);
                Table table = query(db.connection(), db.value("SELECT crmp.getstationvariabletable(10, false)"));
                assertEquals(List.of("obs_time", "airtmax", "precip", "shouting"), table.labels);
                assertEquals(List.of(
                        Arrays.asList("2000-01-01 00:00:00", "5", "1.5", null),
                        Arrays.asList("2000-01-02 00:00:00", "6", null, null),
                        Arrays.asList("2000-01-03 00:00:00", null, "2", "7")),
                        table.rows);
            }
        }

        @Test
        void onTheTestDataTheClimoQueryTextOfStation1213IsPyCDSs() throws Exception {
            assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=559 THEN datum END) as Precip_Climatology,"
                    + "MAX(CASE WHEN vars_id=558 THEN datum END) as T_mean_Climatology,"
                    + "MAX(CASE WHEN vars_id=557 THEN datum END) as Tn_Climatology,"
                    + "MAX(CASE WHEN vars_id=556 THEN datum END) as Tx_Climatology "
                    + "from crmp.obs_raw WHERE (history_id = 1616) AND vars_id IN (559,558,557,556) "
                    + "GROUP BY obs_time ORDER BY obs_time",
                    subset.value("SELECT crmp.getstationvariabletable(1213, true)"));
        }

        @ParameterizedTest(name = "station {0}, climo {1}")
        @CsvSource({"4137, false", "4137, true", "1213, false", "1213, true", "2313, false", "2313, true",
                "1313, false", "1313, true", "5136, false", "5136, true", "5634, false", "5634, true"})
        void onTheTestDataTheQueryGivesEachQualifyingVariableOfTheNetworkAndTheStationsSeriesOfEach(int station,
                boolean climo) throws Exception {
            String classified = "(v.cell_method ~ '(within|over)') = " + climo;
            Table table = query(subset.connection(),
                    subset.value("SELECT crmp.getstationvariabletable(" + station + ", " + climo + ")"));

            List<String> columns = new ArrayList<>(List.of("obs_time"));
            columns.addAll(subset.column("SELECT lower(v.net_var_name) FROM crmp.meta_vars v "
                    + "JOIN crmp.meta_station s ON s.network_id = v.network_id WHERE s.station_id = " + station
                    + " AND " + classified + " ORDER BY v.net_var_name"));
            assertEquals(columns, table.labels);

            List<List<String>> observed = subset.rows("SELECT DISTINCT lower(v.net_var_name), v.vars_id "
                    + "FROM crmp.obs_raw o JOIN crmp.meta_history h ON h.history_id = o.history_id "
                    + "JOIN crmp.meta_vars v ON v.vars_id = o.vars_id WHERE h.station_id = " + station
                    + " AND " + classified);
            for (List<String> variable : observed) {
                int column = table.labels.indexOf(variable.get(0));
                List<String> actual = new ArrayList<>();
                for (List<String> row : table.rows) {
                    if (row.get(column) != null) {
                        actual.add(row.get(0) + " " + row.get(column));
                    }
                }
                List<String> expected = new ArrayList<>();
                for (List<String> obs : subset.rows("SELECT o.obs_time, o.datum FROM crmp.obs_raw o "
                        + "JOIN crmp.meta_history h ON h.history_id = o.history_id WHERE h.station_id = " + station
                        + " AND o.vars_id = " + variable.get(1) + " ORDER BY o.obs_time")) {
                    expected.add(obs.get(0) + " " + obs.get(1));
                }
                assertFalse(expected.isEmpty());
                assertEquals(expected, actual, "variable " + variable);
            }
        }
    }

    /**
     * query_one_station, query_one_station_climo and do_query_one_station
     * ({@code changelog/objects/functions/query_one_station/4a2f1879293a.sql},
     * {@code changelog/objects/functions/query_one_station_climo/4a2f1879293a.sql},
     * {@code changelog/objects/functions/do_query_one_station/4a2f1879293a.sql}): the text of getstationvariabletable,
     * and a cursor named "result" opened on it.
     */
    @Nested
    class QueryOneStation {

        @ParameterizedTest
        @CsvSource({"query_one_station, false", "query_one_station_climo, true"})
        void queryOneStationReturnsTheTextOfGetStationVariableTable(String function, boolean climo) throws Exception {
            List<List<String>> pairs = subset.rows("SELECT crmp." + function + "(s), crmp.getstationvariabletable(s, "
                    + climo + ") FROM unnest(ARRAY[" + SUBSET_STATIONS + ", 999]) AS s");
            assertEquals(7, pairs.size());
            for (List<String> pair : pairs) {
                assertEquals(pair.get(1), pair.get(0));
            }
        }

        @Test
        void doQueryOneStationOpensTheCursorResultOnTheStationsObservationQuery() throws Exception {
            Table expected = query(subset.connection(), subset.value("SELECT crmp.query_one_station(4137)"));
            try (Connection c = subset.newConnection(TestDatabases.MIGRATION_USER)) {
                c.setAutoCommit(false);
                assertEquals("result", query(c, "SELECT crmp.do_query_one_station(4137)").rows.get(0).get(0));
                Table fetched = query(c, "FETCH ALL FROM result");
                c.rollback();
                assertEquals(expected.labels, fetched.labels);
                assertEquals(expected.rows, fetched.rows);
                assertEquals(50, fetched.rows.size());
            }
        }

        @Test
        void doQueryOneStationFailsWhenCalledTwiceInOneTransaction() throws Exception {
            try (Connection c = subset.newConnection(TestDatabases.MIGRATION_USER)) {
                c.setAutoCommit(false);
                query(c, "SELECT crmp.do_query_one_station(4137)");
                SQLException e = assertThrows(SQLException.class, () -> query(c, "SELECT crmp.do_query_one_station(1213)"));
                c.rollback();
                assertEquals("42P03", e.getSQLState(), e.getMessage()); // duplicate cursor
            }
        }

        @Test
        void doQueryOneStationFailsForAStationWithoutHistories() {
            SQLException e = assertThrows(SQLException.class, () -> subset.rows("SELECT crmp.do_query_one_station(999)"));
            assertEquals("42601", e.getSQLState(), e.getMessage()); // syntax error in "WHERE () AND vars_id IN ()"
        }
    }

    /**
     * updatesdateedate ({@code changelog/objects/functions/updatesdateedate/4a2f1879293a.sql}): sets each station's
     * min_obs_time and max_obs_time to the earliest and latest observation of its histories.
     */
    @Nested
    class Updatesdateedate {

        @Test
        void updatesdateedateSetsEachStationsObservationRangeFromAllItsHistories() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_station (station_id, min_obs_time, max_obs_time) VALUES
                            (1, NULL, NULL),
                            (2, '1999-01-01', '1999-12-31'),
                            (3, '1998-01-01', '1998-12-31'),
                            (4, '1997-01-01', '1997-12-31');
                        INSERT INTO crmp.meta_history (history_id, station_id) VALUES (11, 1), (12, 1), (21, 2), (41, 4), (99, NULL);
                        INSERT INTO crmp.obs_raw (obs_time, mod_time, history_id) VALUES
                            ('2000-01-05', now(), 11), ('2000-01-01 10:00', now(), 11), ('2001-06-30', now(), 12),
                            ('1990-01-01', now(), 41), ('1900-01-01', now(), NULL), ('1800-01-01', now(), 99);
                        SELECT crmp.updatesdateedate();
                        """);
                assertEquals(List.of(
                        Arrays.asList("1", "2000-01-01 10:00:00", "2001-06-30 00:00:00"),
                        Arrays.asList("2", null, null), // a history without observations: the range becomes NULL
                        Arrays.asList("3", "1998-01-01 00:00:00", "1998-12-31 00:00:00"), // no history: untouched
                        Arrays.asList("4", "1990-01-01 00:00:00", "1990-01-01 00:00:00")),
                        db.rows("SELECT station_id, min_obs_time, max_obs_time FROM crmp.meta_station ORDER BY 1"));
            }
        }

        @Test
        void onTheTestDataUpdatesdateedateGivesEveryStationWithObservationsItsObservationRange() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SubsetData.loadBeforePublishColumn(db, "crmp");
                db.execute("UPDATE crmp.meta_station SET min_obs_time = NULL, max_obs_time = NULL");
                db.execute("SELECT crmp.updatesdateedate()");
                assertEquals(List.of(List.of("50", "47", "0")), db.rows("""
                        SELECT count(*),
                               count(s.min_obs_time),
                               count(*) FILTER (WHERE (s.min_obs_time, s.max_obs_time) IS DISTINCT FROM (r.first, r.last))
                          FROM crmp.meta_station s
                          LEFT JOIN (SELECT h.station_id, min(o.obs_time) AS first, max(o.obs_time) AS last
                                       FROM crmp.obs_raw o JOIN crmp.meta_history h ON h.history_id = o.history_id
                                      GROUP BY h.station_id) r ON r.station_id = s.station_id"""));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackRemovesAllTwelveFunctions() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(List.of(), routines(db));
            }
        }
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    private static List<String> routines(TestDatabase db) throws SQLException {
        return db.column("SELECT DISTINCT routine_name::text FROM information_schema.routines "
                + "WHERE routine_schema = 'crmp' ORDER BY 1");
    }

    /** Column labels and rows (as text) of a query. */
    private record Table(List<String> labels, List<List<String>> rows) {
    }

    private static Table query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int count = rs.getMetaData().getColumnCount();
            List<String> labels = new ArrayList<>();
            for (int c = 1; c <= count; c++) {
                labels.add(rs.getMetaData().getColumnLabel(c));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= count; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return new Table(labels, rows);
        }
    }
}
