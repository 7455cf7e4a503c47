package org.pacificclimate.crmp.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.WeatherAnomalyFixture;

/**
 * The five weather-anomaly native materialized views, version v2, created by revision {@code 081f17262852}
 * "convert monthly_total_precipitation_mv to native matview" ({@code changelog/objects/matviews/<name>/081f17262852.sql},
 * which document the rules): daily maximum and minimum air temperature, their monthly averages, and monthly total
 * precipitation. Rule by rule on rows each test builds (good observations, coverage weight, daily extremes with the
 * effective day, monthly averages, monthly precipitation with the {@code cum_pcpn_amt} exclusion), then ten
 * scenarios on {@link WeatherAnomalyFixture#METADATA}, then fingerprints on PyCDS's test data set. Where the rules
 * reproduce PyCDS's oddities they are listed in {@code docs/known-defects.md}. Data is inserted after the migration,
 * so a matview shows it only once refreshed, each after the ones it reads ({@link #refreshAll}).
 */
class WeatherAnomalyMatviewsTest {

    private static final String REVISION = "081f17262852";

    private static final String DAILY_MAX = "daily_max_temperature_mv";
    private static final String DAILY_MIN = "daily_min_temperature_mv";
    private static final String MONTHLY_MAX = "monthly_average_of_daily_max_temperature_mv";
    private static final String MONTHLY_MIN = "monthly_average_of_daily_min_temperature_mv";
    private static final String MONTHLY_PRECIPITATION = "monthly_total_precipitation_mv";
    private static final List<String> WEATHER_ANOMALY = List.of(DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN,
            MONTHLY_PRECIPITATION);

    /**
     * Every native matview of the chain, each after the ones it reads (collapsed_vars_mv after vars_per_history_mv,
     * the weather-anomaly matviews after discarded_obs_raw_mv, the monthly averages after the daily matviews); those
     * absent at this revision are skipped.
     */
    private static final List<String> REFRESH_ORDER = List.of("vars_per_history_mv", "climo_obs_count_mv",
            "collapsed_vars_mv", "station_obs_stats_mv", "obs_count_per_month_history_mv", "discarded_obs_raw_mv",
            DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN, MONTHLY_PRECIPITATION);

    /** Coverage weight of one hourly observation, exactly the numeric literal of the matviews' queries. */
    private static final BigDecimal HOURLY = new BigDecimal("0.041666666666666664");


    private static final String DAILY_ROWS = "SELECT history_id, vars_id, obs_day, statistic, data_coverage"
            + " FROM crmp.%s ORDER BY history_id, vars_id, obs_day";
    private static final String MONTHLY_ROWS = "SELECT history_id, vars_id, obs_month, statistic, data_coverage"
            + " FROM crmp.%s ORDER BY history_id, vars_id, obs_month";

    // ------------------------------------------------------------------------------------------ good observations

    @Test
    void observationsWithADiscardingNativeOrPcicFlagAreLeftOutAndOthersCountOnce() throws Exception {
        try (TestDatabase db = fixture()) {
            // Daily history 3, point temperature, one observation per day 2000-01-0N with datum N.
            obs(db, 1, 3, 1, "2000-01-01 12:00", "1");                     // no flag: good
            obs(db, 2, 3, 1, "2000-01-02 12:00", "2", native_(1));          // native discard
            obs(db, 3, 3, 1, "2000-01-03 12:00", "3", native_(2));          // native keep: good
            obs(db, 4, 3, 1, "2000-01-04 12:00", "4", native_(3));          // native discard NULL: good
            obs(db, 5, 3, 1, "2000-01-05 12:00", "5", pcic(1));             // PCIC discard
            obs(db, 6, 3, 1, "2000-01-06 12:00", "6", pcic(2));             // PCIC keep: good
            obs(db, 7, 3, 1, "2000-01-07 12:00", "7", native_(2), pcic(1)); // keep + PCIC discard
            obs(db, 8, 3, 1, "2000-01-08 12:00", "8", native_(1), native_(2)); // discard + keep
            obs(db, 9, 3, 1, "2000-01-09 12:00", "9", native_(2), native_(3), pcic(2)); // three non-discards: good
            obs(db, 10, 3, 1, "2000-01-10 12:00", "10", pcic(3));           // PCIC discard NULL: good
            obs(db, 11, 3, 1, "2000-01-11 12:00", "11", native_(3), pcic(1)); // NULL + PCIC discard
            refreshAll(db);
            List<List<String>> expected = List.of(
                    row(3, 1, "2000-01-01 00:00:00", "1", "1.0"),
                    row(3, 1, "2000-01-03 00:00:00", "3", "1.0"),
                    row(3, 1, "2000-01-04 00:00:00", "4", "1.0"),
                    row(3, 1, "2000-01-06 00:00:00", "6", "1.0"),
                    row(3, 1, "2000-01-09 00:00:00", "9", "1.0"),
                    row(3, 1, "2000-01-10 00:00:00", "10", "1.0"));
            assertEquals(expected, daily(db, DAILY_MAX));
            assertEquals(expected, daily(db, DAILY_MIN));
        }
    }

    // ------------------------------------------------------------------------------------------ coverage weight

    @Test
    void eachObservationCoversItsHistorysShareOfADay() throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq) VALUES"
                    + " (5, 1, 'Station 1', 'irregular'), (6, 1, 'Station 1', NULL), (7, 1, 'Station 1', '1-Hourly')");
            for (int history = 1; history <= 7; history++) {
                obs(db, history, history, 1, "2000-01-01 06:00", "5");
            }
            refreshAll(db);
            // History 4 (1-hourly, station 2 of network 2) counts too: nothing ties the variable's network to
            // the station's. Other frequencies (irregular, NULL, a different spelling) are not used at all.
            List<List<String>> expected = List.of(
                    row(1, 1, "2000-01-01 00:00:00", "5", "0.041666666666666664"),
                    row(2, 1, "2000-01-01 00:00:00", "5", "0.5"),
                    row(3, 1, "2000-01-01 00:00:00", "5", "1.0"),
                    row(4, 1, "2000-01-01 00:00:00", "5", "0.041666666666666664"));
            assertEquals(expected, daily(db, DAILY_MAX));
            assertEquals(expected, daily(db, DAILY_MIN));
        }
    }

    @Test
    void observationsWithoutADatumCountTowardsCoverageButNotTheStatistic() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 1, 1, "2000-01-01 01:00", "5");
            obs(db, 2, 1, 1, "2000-01-01 02:00", null);
            obs(db, 3, 1, 1, "2000-01-01 03:00", "-2");
            obs(db, 4, 1, 1, "2000-01-02 03:00", null);
            refreshAll(db);
            // A day whose only observation has no datum still has a row: statistic NULL, its coverage.
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "5", hourly(3)),
                    Arrays.asList("1", "1", "2000-01-02 00:00:00", null, hourly(1))), daily(db, DAILY_MAX));
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "-2", hourly(3)),
                    Arrays.asList("1", "1", "2000-01-02 00:00:00", null, hourly(1))), daily(db, DAILY_MIN));
        }
    }

    @Test
    void aDaysCoverageIsTheSumOfItsObservationsAndCanExceedOne() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 3, 1, "2000-01-05 06:00", "3");
            obs(db, 2, 3, 1, "2000-01-05 18:00", "8");
            obs(db, 3, 3, 1, "2000-01-05 23:59:59", "5");
            refreshAll(db);
            assertEquals(List.of(row(3, 1, "2000-01-05 00:00:00", "8", "3.0")), daily(db, DAILY_MAX));
            assertEquals(List.of(row(3, 1, "2000-01-05 00:00:00", "3", "3.0")), daily(db, DAILY_MIN));
        }
    }

    @Test
    void observationsWithoutAHistoryAreNotUsed() throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                    + " (1, '2000-01-01 06:00', now(), 1, 1, NULL), (2, '2000-01-01 06:00', now(), 1, 7, NULL)");
            refreshAll(db);
            assertEquals(List.of(0, 0, 0, 0, 0), counts(db));
        }
    }

    // ------------------------------------------------------------------------------------------ daily extremes

    @Test
    void dailyExtremesUseAirTemperatureWithExactlyMatchingNameAndCellMethod() throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("""
                    INSERT INTO crmp.meta_vars (vars_id, network_id, standard_name, cell_method, display_name) VALUES
                        (20, 1, 'Air_Temperature', 'time: point', 'x'),
                        (21, 1, 'air_temperature', 'Time: point', 'x'),
                        (22, 1, 'air_temperature', 'time: maximum within days', 'x'),
                        (23, 1, 'air_temperature', 'time: sum', 'x')""");
            int id = 0;
            for (int vars : new int[] {1, 2, 3, 4, 5, 20, 21, 22, 23}) {
                obs(db, ++id, 1, vars, "2000-01-01 10:00", "10");
            }
            refreshAll(db);
            assertEquals(List.of("1", "2", "4"), db.column("SELECT vars_id FROM crmp." + DAILY_MAX + " ORDER BY 1"));
            assertEquals(List.of("1", "3", "4"), db.column("SELECT vars_id FROM crmp." + DAILY_MIN + " ORDER BY 1"));
        }
    }

    @Test
    void dailyExtremeDaysAreCalendarDaysExceptTwelveHourlyMaximaFromNoon() throws Exception {
        try (TestDatabase db = fixture()) {
            // Point temperature, in the hourly and in the 12-hourly history, at 11:59:59 and 12:00.
            obs(db, 1, 1, 1, "2000-01-01 11:59:59", "1");
            obs(db, 2, 1, 1, "2000-01-01 12:00", "2");
            obs(db, 3, 2, 1, "2000-01-01 11:59:59", "3");
            obs(db, 4, 2, 1, "2000-01-01 12:00", "4");
            obs(db, 5, 2, 1, "2000-12-31 23:00", "5");
            refreshAll(db);
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "2", hourly(2)),
                    row(2, 1, "2000-01-01 00:00:00", "3", "0.5"),
                    row(2, 1, "2000-01-02 00:00:00", "4", "0.5"),
                    row(2, 1, "2001-01-01 00:00:00", "5", "0.5")), daily(db, DAILY_MAX));
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "1", hourly(2)),
                    row(2, 1, "2000-01-01 00:00:00", "3", "1.0"),
                    row(2, 1, "2000-12-31 00:00:00", "5", "0.5")), daily(db, DAILY_MIN));
        }
    }

    // ------------------------------------------------------------------------------------------ monthly averages

    @Test
    void monthlyAveragesAverageTheDailyExtremesAndDivideTheirCoverageByTheDaysOfTheMonth() throws Exception {
        try (TestDatabase db = fixture()) {
            // Daily history: February 2000 (29 days) maxima 10 and 21, March 2000 one day 7.
            obs(db, 1, 3, 2, "2000-02-01 12:00", "10");
            obs(db, 2, 3, 2, "2000-02-02 12:00", "21");
            obs(db, 3, 3, 2, "2000-03-31 12:00", "7");
            // Hourly history: three observations on one day of January, minima -1, -3 and -2.
            obs(db, 4, 1, 3, "2000-01-15 01:00", "-1");
            obs(db, 5, 1, 3, "2000-01-15 02:00", "-3");
            obs(db, 6, 1, 3, "2000-01-15 03:00", "-2");
            // Two days of minima in the 12-hourly history: April 2000 (30 days).
            obs(db, 7, 2, 3, "2000-04-01 07:00", "2");
            obs(db, 8, 2, 3, "2000-04-02 07:00", "3");
            obs(db, 9, 2, 3, "2000-04-02 19:00", "4");
            refreshAll(db);
            assertEquals(List.of(
                    monthly(3, 2, "2000-02-01 00:00:00", 15.5, 2.0 / 29),
                    monthly(3, 2, "2000-03-01 00:00:00", 7, 1.0 / 31)), monthlyRows(db, MONTHLY_MAX));
            assertEquals(List.of(
                    monthly(1, 3, "2000-01-01 00:00:00", -3, HOURLY.multiply(BigDecimal.valueOf(3)).doubleValue() / 31),
                    monthly(2, 3, "2000-04-01 00:00:00", 2.5, 1.5 / 30)), monthlyRows(db, MONTHLY_MIN));
            assertEquals(List.of("double precision"), db.column("SELECT DISTINCT pg_typeof(data_coverage)::text FROM crmp."
                    + MONTHLY_MAX));
        }
    }

    @Test
    void monthlyAveragesReadTheDailyMatviewAsLastRefreshed() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 3, 1, "2000-02-01 12:00", "10");
            refresh(db, MONTHLY_MAX, MONTHLY_MIN);
            assertEquals(List.of(), monthlyRows(db, MONTHLY_MAX));
            refresh(db, DAILY_MAX, MONTHLY_MAX);
            assertEquals(List.of(monthly(3, 1, "2000-02-01 00:00:00", 10, 1.0 / 29)), monthlyRows(db, MONTHLY_MAX));
            assertEquals(List.of(), monthlyRows(db, MONTHLY_MIN));
        }
    }

    @Test
    void monthlyAveragesTakeTheMonthOfTheEffectiveDay() throws Exception {
        try (TestDatabase db = fixture()) {
            // 12-hourly history: a maximum on the last afternoon of January counts for 1 February, a minimum at
            // the same time stays in January.
            obs(db, 1, 2, 2, "2000-01-31 16:00", "5");
            obs(db, 2, 2, 3, "2000-01-31 16:00", "-5");
            refreshAll(db);
            assertEquals(List.of(row(2, 2, "2000-02-01 00:00:00", "5", "0.5")), daily(db, DAILY_MAX));
            assertEquals(List.of(monthly(2, 2, "2000-02-01 00:00:00", 5, 0.5 / 29)), monthlyRows(db, MONTHLY_MAX));
            assertEquals(List.of(monthly(2, 3, "2000-01-01 00:00:00", -5, 0.5 / 31)), monthlyRows(db, MONTHLY_MIN));
        }
    }

    @Test
    void monthlyAveragesLeaveDaysWithoutAStatisticOutOfTheAverageButNotOutOfTheCoverage() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 3, 2, "2000-03-01 12:00", "10");
            obs(db, 2, 3, 2, "2000-03-02 12:00", null);
            obs(db, 3, 3, 2, "2000-03-03 12:00", "4");
            refreshAll(db);
            assertEquals(List.of(monthly(3, 2, "2000-03-01 00:00:00", 7, 3.0 / 31)), monthlyRows(db, MONTHLY_MAX));
        }
    }

    // ------------------------------------------------------------------------------------------ monthly precipitation

    @Test
    void monthlyPrecipitationComparesNamesAndFrequenciesExactlyAndCountsObservationsWithoutADatum() throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq) VALUES"
                    + " (5, 1, 'Station 1', 'irregular'), (6, 1, 'Station 1', 'Daily');"
                    + "INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method,"
                    + " display_name) VALUES"
                    + " (40, 1, 'rain_caps', 'Thickness_of_rainfall_amount', 'time: sum', 'x'),"
                    + " (41, 1, 'rain_time', 'thickness_of_rainfall_amount', 'Time: sum', 'x')");
            obs(db, 1, 1, 7, "2000-05-01 01:00", "2");
            obs(db, 2, 1, 7, "2000-05-01 02:00", null);
            obs(db, 3, 1, 40, "2000-05-01 01:00", "100");
            obs(db, 4, 1, 41, "2000-05-01 01:00", "100");
            obs(db, 5, 5, 7, "2000-05-01 01:00", "100");
            obs(db, 6, 6, 7, "2000-05-01 01:00", "100");
            refreshAll(db);
            assertEquals(List.of(monthly(1, 7, "2000-05-01 00:00:00", 2,
                    HOURLY.multiply(BigDecimal.valueOf(2)).doubleValue() / 31)), monthlyRows(db, MONTHLY_PRECIPITATION));
        }
    }

    @Test
    void monthlyPrecipitationSumsTimeSumPrecipitationOfHourlyAndDailyHistories() throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("""
                    INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
                    VALUES
                        (13, 1, 'snow', 'thickness_of_snowfall_amount', 'time: sum', 'x'),
                        (14, 1, 'lwe', 'lwe_thickness_of_precipitation_amount', 'time: sum', 'x'),
                        (15, 1, 'rain_mean', 'thickness_of_rainfall_amount', 'time: mean', 'x'),
                        (16, 1, 'flux', 'precipitation_flux', 'time: sum', 'x')""");
            int id = 0;
            for (int vars : new int[] {7, 13, 14, 15, 16}) {
                obs(db, ++id, 1, vars, "2000-01-10 01:00", "1.5");
                obs(db, ++id, 1, vars, "2000-01-20 02:00", "2.5");
                obs(db, ++id, 1, vars, "2000-02-01 00:00", "1");
            }
            obs(db, ++id, 3, 7, "2000-01-05 00:00", "3");    // daily history: counts
            obs(db, ++id, 2, 7, "2000-01-05 00:00", "100");  // 12-hourly history: not used
            obs(db, ++id, 1, 8, "2000-01-11 00:00", "1", native_(1)); // discarded
            refreshAll(db);
            double twoHours = HOURLY.multiply(BigDecimal.valueOf(2)).doubleValue() / 31;
            double oneHour = HOURLY.doubleValue() / 29;
            assertEquals(List.of(
                    monthly(1, 7, "2000-01-01 00:00:00", 4, twoHours),
                    monthly(1, 7, "2000-02-01 00:00:00", 1, oneHour),
                    monthly(1, 13, "2000-01-01 00:00:00", 4, twoHours),
                    monthly(1, 13, "2000-02-01 00:00:00", 1, oneHour),
                    monthly(1, 14, "2000-01-01 00:00:00", 4, twoHours),
                    monthly(1, 14, "2000-02-01 00:00:00", 1, oneHour),
                    monthly(3, 7, "2000-01-01 00:00:00", 3, 1.0 / 31)), monthlyRows(db, MONTHLY_PRECIPITATION));
        }
    }

    @Test
    void monthlyPrecipitationLeavesOutCumPcpnAmtInAnyCaseAndUnnamedVariables() throws Exception {
        try (TestDatabase db = fixture()) {
            // Names are unique per network (case-insensitively), so the two spellings live in two networks.
            db.execute("""
                    INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
                    VALUES
                        (30, 1, 'cum_pcpn_amt', 'lwe_thickness_of_precipitation_amount', 'time: sum', 'x'),
                        (31, 2, 'CUM_PCPN_AMT', 'thickness_of_rainfall_amount', 'time: sum', 'x'),
                        (32, 1, NULL, 'thickness_of_rainfall_amount', 'time: sum', 'x'),
                        (33, 1, 'cum_pcpn_amt_2', 'thickness_of_rainfall_amount', 'time: sum', 'x')""");
            obs(db, 1, 1, 30, "2000-01-01 01:00", "1");
            obs(db, 2, 4, 31, "2000-01-01 01:00", "1");
            obs(db, 3, 1, 32, "2000-01-01 01:00", "1");
            obs(db, 4, 1, 33, "2000-01-01 01:00", "1");
            obs(db, 5, 4, 9, "2000-01-01 01:00", "1");
            refreshAll(db);
            assertEquals(List.of(
                    monthly(1, 33, "2000-01-01 00:00:00", 1, HOURLY.doubleValue() / 31),
                    monthly(4, 9, "2000-01-01 00:00:00", 1, HOURLY.doubleValue() / 31)),
                    monthlyRows(db, MONTHLY_PRECIPITATION));
        }
    }

    // ------------------------------------------------------------------------------------------ scenarios

    @Test
    void scenario1HourlyObservationsOfOneDayGiveOneRow() throws Exception {
        try (TestDatabase db = fixture()) {
            hourlySeries(db, 1, 1, 1, "2000-01-01 13:00", 1, 2, 3);
            refreshAll(db);
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "3", hourly(3))), daily(db, DAILY_MAX));
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "1", hourly(3))), daily(db, DAILY_MIN));
        }
    }

    @Test
    void scenario2HourlyObservationsOfTwoDaysGiveOneRowPerDay() throws Exception {
        try (TestDatabase db = fixture()) {
            hourlySeries(db, 1, 1, 1, "2000-01-01 12:00", 0, 1, 2);
            hourlySeries(db, 11, 1, 1, "2000-01-02 08:00", 4, 5, 6, 7);
            refreshAll(db);
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "2", hourly(3)),
                    row(1, 1, "2000-01-02 00:00:00", "7", hourly(4))), daily(db, DAILY_MAX));
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "0", hourly(3)),
                    row(1, 1, "2000-01-02 00:00:00", "4", hourly(4))), daily(db, DAILY_MIN));
        }
    }

    @Test
    void scenario3NativeDiscardFlagsOnFiveOfTwentyFourHours() throws Exception {
        assertFlaggedDay("native", 0, 3, -1, -1, hourly(19), "23", "5");
    }

    @Test
    void scenario3PcicDiscardFlagsOnFiveOfTwentyFourHours() throws Exception {
        assertFlaggedDay("pcic", -1, -1, 12, 15, hourly(19), "23", "0");
    }

    /** The combination PyCDS's "both" parameter never reaches: native and PCIC flags on one day. */
    @Test
    void scenario3NativeAndPcicDiscardFlagsTogether() throws Exception {
        assertFlaggedDay("both", 0, 3, 12, 15, hourly(14), "23", "5");
    }

    /**
     * 24 hourly observations on 2000-01-01 (id = hour = datum); native discard on ids from {@code nativeFrom}
     * (5 of them) and native keep on the 5 from {@code nativeKeepFrom}, the same for PCIC; -1 = none.
     */
    private static void assertFlaggedDay(String label, int nativeFrom, int nativeKeepFrom, int pcicFrom,
            int pcicKeepFrom, String coverage, String max, String min) throws Exception {
        try (TestDatabase db = fixture()) {
            db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id)"
                    + " SELECT h, timestamp '2000-01-01' + h * interval '1 hour', now(), h, 1, 1"
                    + " FROM generate_series(0, 23) AS h");
            flagRange(db, "native", nativeFrom, 1);
            flagRange(db, "native", nativeKeepFrom, 2);
            flagRange(db, "pcic", pcicFrom, 1);
            flagRange(db, "pcic", pcicKeepFrom, 2);
            refreshAll(db);
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", max, coverage)), daily(db, DAILY_MAX), label);
            assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", min, coverage)), daily(db, DAILY_MIN), label);
        }
    }

    private static void flagRange(TestDatabase db, String kind, int from, int flag) throws SQLException {
        if (from < 0) {
            return;
        }
        db.execute("INSERT INTO crmp.obs_raw_" + kind + "_flags (obs_raw_id, " + kind + "_flag_id)"
                + " SELECT id, " + flag + " FROM generate_series(" + from + ", " + (from + 4) + ") AS id");
    }

    @Test
    void scenario4OnlyTheMatchingCellMethodsOfAirTemperatureAreUsed() throws Exception {
        try (TestDatabase db = fixture()) {
            int id = 0;
            for (int vars = 1; vars <= 5; vars++) {
                obs(db, ++id, 1, vars, "2000-01-01 11:00", "1");
                obs(db, ++id, 1, vars, "2000-01-01 13:00", "2");
            }
            refreshAll(db);
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "2", hourly(2)),
                    row(1, 2, "2000-01-01 00:00:00", "2", hourly(2)),
                    row(1, 4, "2000-01-01 00:00:00", "2", hourly(2))), daily(db, DAILY_MAX));
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "1", hourly(2)),
                    row(1, 3, "2000-01-01 00:00:00", "1", hourly(2)),
                    row(1, 4, "2000-01-01 00:00:00", "1", hourly(2))), daily(db, DAILY_MIN));
        }
    }

    @Test
    void scenario5EachDailyObservationCoversAWholeDay() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 3, 1, "2000-01-10 12:00", "1");
            obs(db, 2, 3, 1, "2000-01-11 12:00", "2");
            obs(db, 3, 3, 1, "2000-01-12 12:00", "3");
            refreshAll(db);
            List<List<String>> expected = List.of(
                    row(3, 1, "2000-01-10 00:00:00", "1", "1.0"),
                    row(3, 1, "2000-01-11 00:00:00", "2", "1.0"),
                    row(3, 1, "2000-01-12 00:00:00", "3", "1.0"));
            assertEquals(expected, daily(db, DAILY_MAX));
            assertEquals(expected, daily(db, DAILY_MIN));
        }
    }

    @Test
    void scenario6HourlyAndDailyHistoriesOfOneStationGiveOneRowEach() throws Exception {
        try (TestDatabase db = fixture()) {
            hourlySeries(db, 1, 1, 1, "2000-01-01 12:00", 1, 2, 3, 4);
            obs(db, 10, 3, 1, "2000-01-02 12:00", "5");
            refreshAll(db);
            assertEquals(List.of(
                    row(1, 1, "2000-01-01 00:00:00", "4", hourly(4)),
                    row(3, 1, "2000-01-02 00:00:00", "5", "1.0")), daily(db, DAILY_MAX));
            assertEquals(List.of(hourly(4), "1.0"),
                    db.column("SELECT data_coverage FROM crmp." + DAILY_MIN + " ORDER BY obs_day"));
        }
    }

    @Test
    void scenario7TwelveHourlyMaximaFromNoonCountTowardsTheNextDay() throws Exception {
        try (TestDatabase db = fixture()) {
            String[][] maxima = {{"11", "0", "5"}, {"12", "10", "15"}, {"13", "11", "20"}};
            String[][] minima = {{"11", "-5", "0"}, {"12", "0", "10"}, {"13", "4", "-10"}};
            int id = 0;
            for (String[] day : maxima) {
                obs(db, ++id, 2, 2, "2000-01-" + day[0] + " 07:00", day[1]);
                obs(db, ++id, 2, 2, "2000-01-" + day[0] + " 16:00", day[2]);
            }
            for (String[] day : minima) {
                obs(db, ++id, 2, 3, "2000-01-" + day[0] + " 07:00", day[1]);
                obs(db, ++id, 2, 3, "2000-01-" + day[0] + " 16:00", day[2]);
            }
            refreshAll(db);
            assertEquals(List.of(
                    List.of("2000-01-11 00:00:00", "0", "0.5"),
                    List.of("2000-01-12 00:00:00", "10", "1.0"),
                    List.of("2000-01-13 00:00:00", "15", "1.0"),
                    List.of("2000-01-14 00:00:00", "20", "0.5")),
                    db.rows("SELECT obs_day, statistic, data_coverage FROM crmp." + DAILY_MAX + " ORDER BY obs_day"));
            assertEquals(List.of(
                    List.of("2000-01-11 00:00:00", "-5", "1.0"),
                    List.of("2000-01-12 00:00:00", "0", "1.0"),
                    List.of("2000-01-13 00:00:00", "-10", "1.0")),
                    db.rows("SELECT obs_day, statistic, data_coverage FROM crmp." + DAILY_MIN + " ORDER BY obs_day"));
        }
    }

    @Test
    void scenario8HistoriesOfTwoNetworksGiveOneRowPerHistoryVariableAndDay() throws Exception {
        try (TestDatabase db = fixture()) {
            for (int day = 1; day <= 3; day++) {
                hourlySeries(db, 100 * day, 1, 1, "2000-01-0" + day + " 12:00", 1, 2, 3, 4);
                hourlySeries(db, 100 * day + 50, 4, 6, "2000-01-0" + day + " 12:00", 1, 2, 3, 4);
            }
            refreshAll(db);
            List<List<String>> expected = List.of(
                    List.of("1", "1", "2000-01-01 00:00:00"), List.of("1", "1", "2000-01-02 00:00:00"),
                    List.of("1", "1", "2000-01-03 00:00:00"), List.of("4", "6", "2000-01-01 00:00:00"),
                    List.of("4", "6", "2000-01-02 00:00:00"), List.of("4", "6", "2000-01-03 00:00:00"));
            for (String matview : List.of(DAILY_MAX, DAILY_MIN)) {
                assertEquals(expected, db.rows("SELECT history_id, vars_id, obs_day FROM crmp." + matview
                        + " ORDER BY 1, 2, 3"), matview);
            }
        }
    }

    @Test
    void scenario9SimpleCalendarOfOddDaysAndOddHours() throws Exception {
        try (TestDatabase db = fixture()) {
            // Months 1, 6, 8, 12 of 2000, odd days 1-27, odd hours 1-23: point temperature (datum = hour) and
            // rainfall (datum 1.0), 672 observations each.
            db.execute("""
                    INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id)
                    SELECT make_timestamp(2000, m, d, h, 0, 0), now(), v.datum, v.vars_id, 1
                    FROM unnest(ARRAY[1, 6, 8, 12]) AS m,
                         generate_series(1, 27, 2) AS d,
                         generate_series(1, 23, 2) AS h,
                         LATERAL (VALUES (1, h::double precision), (7, 1.0::double precision)) AS v(vars_id, datum)""");
            refreshAll(db);
            String twelveHours = hourly(12);
            for (String[] spec : new String[][] {{DAILY_MAX, "23"}, {DAILY_MIN, "1"}}) {
                assertEquals(List.of(List.of("56", "1", "1", spec[1], spec[1], twelveHours, twelveHours)),
                        db.rows("SELECT count(*), min(vars_id), max(vars_id), min(statistic), max(statistic),"
                                + " min(data_coverage), max(data_coverage) FROM crmp." + spec[0]), spec[0]);
                assertEquals(List.of("01", "06", "08", "12"), db.column("SELECT DISTINCT to_char(obs_day, 'MM') FROM crmp."
                        + spec[0] + " ORDER BY 1"), spec[0]);
                assertEquals(List.of("01", "03", "05", "07", "09", "11", "13", "15", "17", "19", "21", "23", "25", "27"),
                        db.column("SELECT DISTINCT to_char(obs_day, 'DD') FROM crmp." + spec[0] + " ORDER BY 1"), spec[0]);
            }
            double fourteenDays = HOURLY.multiply(BigDecimal.valueOf(12 * 14)).doubleValue();
            assertEquals(List.of(
                    monthly(1, 1, "2000-01-01 00:00:00", 23, fourteenDays / 31),
                    monthly(1, 1, "2000-06-01 00:00:00", 23, fourteenDays / 30),
                    monthly(1, 1, "2000-08-01 00:00:00", 23, fourteenDays / 31),
                    monthly(1, 1, "2000-12-01 00:00:00", 23, fourteenDays / 31)), monthlyRows(db, MONTHLY_MAX));
            assertEquals(List.of(
                    monthly(1, 1, "2000-01-01 00:00:00", 1, fourteenDays / 31),
                    monthly(1, 1, "2000-06-01 00:00:00", 1, fourteenDays / 30),
                    monthly(1, 1, "2000-08-01 00:00:00", 1, fourteenDays / 31),
                    monthly(1, 1, "2000-12-01 00:00:00", 1, fourteenDays / 31)), monthlyRows(db, MONTHLY_MIN));
            assertEquals(List.of(
                    monthly(1, 7, "2000-01-01 00:00:00", 168, fourteenDays / 31),
                    monthly(1, 7, "2000-06-01 00:00:00", 168, fourteenDays / 30),
                    monthly(1, 7, "2000-08-01 00:00:00", 168, fourteenDays / 31),
                    monthly(1, 7, "2000-12-01 00:00:00", 168, fourteenDays / 31)),
                    monthlyRows(db, MONTHLY_PRECIPITATION));
            // Nothing is flagged, so every observation is good: the daily coverages add up to all of them.
            assertEquals(hourly(672), db.value("SELECT sum(data_coverage) FROM crmp." + DAILY_MAX));
        }
    }

    @Test
    void scenario10MatviewsAreEmptyUntilRefreshedDailyThenAll() throws Exception {
        try (TestDatabase db = fixture()) {
            obs(db, 1, 1, 1, "2000-01-01 01:00", "1");
            obs(db, 2, 1, 7, "2000-01-01 01:00", "1");
            assertEquals(List.of(0, 0, 0, 0, 0), counts(db));
            refresh(db, DAILY_MAX, DAILY_MIN);
            assertEquals(List.of(1, 1, 0, 0, 0), counts(db));
            refresh(db, DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN);
            assertEquals(List.of(1, 1, 1, 1, 0), counts(db));
            refresh(db, MONTHLY_PRECIPITATION);
            assertEquals(List.of(1, 1, 1, 1, 1), counts(db));
        }
    }

    // ------------------------------------------------------------------------------------------ refresh

    /**
     * Version v2 has non-unique indexes only (on history_id, vars_id); the unique ones come with version v3 (revision
     * f6d5a4c2e901, head). See {@code docs/known-defects.md}.
     */
    @Test
    void noneOfTheFiveCanBeRefreshedConcurrently() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            for (String matview : WEATHER_ANOMALY) {
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + matview), matview);
                assertEquals("55000", e.getSQLState(), matview);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ fingerprints

    @Test
    void fingerprintsOnTheTestDataSet() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.loadSubsetData("crmp");
            assertEquals(List.of(0, 0, 0, 0, 0), counts(db));
            refreshAll(db);
            assertEquals(List.of(List.of("279", "3640.3597024", "274.833333333333333088", "1957-10-01 00:00:00",
                    "2015-09-24 00:00:00", "18", "7")), db.rows(dailyFingerprint(DAILY_MAX)));
            assertEquals(List.of(List.of("318", "2228.5099939", "315.624999999999999832", "1972-01-28 00:00:00",
                    "2015-09-24 00:00:00", "13", "6")), db.rows(dailyFingerprint(DAILY_MIN)));
            assertEquals(List.of(List.of("27", "325.385047", "9.008544546851")), db.rows(monthlyFingerprint(MONTHLY_MAX)));
            assertEquals(List.of(List.of("26", "176.232990", "10.373252688172")),
                    db.rows(monthlyFingerprint(MONTHLY_MIN)));
            assertEquals(List.of(List.of("17", "261.899998", "7.743746799795")),
                    db.rows(monthlyFingerprint(MONTHLY_PRECIPITATION)));
        }
    }

    private static String dailyFingerprint(String matview) {
        return "SELECT count(*), round(sum(statistic)::numeric, 7), sum(data_coverage), min(obs_day), max(obs_day),"
                + " count(DISTINCT history_id), count(DISTINCT vars_id) FROM crmp." + matview;
    }

    private static String monthlyFingerprint(String matview) {
        return "SELECT count(*), round(sum(statistic)::numeric, 6), round(sum(data_coverage)::numeric, 12)"
                + " FROM crmp." + matview;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static TestDatabase fixture() throws SQLException {
        TestDatabase db = TestDatabases.at(REVISION);
        try {
            db.execute(WeatherAnomalyFixture.METADATA);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static String native_(int flag) {
        return "native:" + flag;
    }

    private static String pcic(int flag) {
        return "pcic:" + flag;
    }

    /** One observation (datum {@code null} = NULL) with the given flags ("native:N" / "pcic:N"). */
    private static void obs(TestDatabase db, long id, int history, int vars, String time, String datum,
            String... flags) throws SQLException {
        db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES ("
                + id + ", '" + time + "', now(), " + (datum == null ? "NULL" : datum) + ", " + vars + ", "
                + history + ")");
        for (String flag : flags) {
            String[] parts = flag.split(":");
            db.execute("INSERT INTO crmp.obs_raw_" + parts[0] + "_flags (obs_raw_id, " + parts[0] + "_flag_id)"
                    + " VALUES (" + id + ", " + parts[1] + ")");
        }
    }

    /** Observations one hour apart from {@code start}, ids from {@code firstId}. */
    private static void hourlySeries(TestDatabase db, long firstId, int history, int vars, String start,
            int... data) throws SQLException {
        for (int i = 0; i < data.length; i++) {
            db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES ("
                    + (firstId + i) + ", timestamp '" + start + "' + interval '" + i + " hours', now(), " + data[i]
                    + ", " + vars + ", " + history + ")");
        }
    }

    private static void refresh(TestDatabase db, String... matviews) throws SQLException {
        for (String matview : matviews) {
            db.execute("REFRESH MATERIALIZED VIEW crmp." + matview);
        }
    }

    /** Refreshes every native matview of the schema, each after the ones it reads ({@link #REFRESH_ORDER}). */
    private static void refreshAll(TestDatabase db) throws SQLException {
        List<String> present = db.column("SELECT matviewname FROM pg_matviews WHERE schemaname = 'crmp'");
        for (String matview : REFRESH_ORDER) {
            if (present.contains(matview)) {
                refresh(db, matview);
            }
        }
    }

    private static List<Integer> counts(TestDatabase db) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        for (String matview : WEATHER_ANOMALY) {
            counts.add(Integer.valueOf(db.value("SELECT count(*) FROM crmp." + matview)));
        }
        return counts;
    }

    private static List<List<String>> daily(TestDatabase db, String matview) throws SQLException {
        return db.rows(String.format(DAILY_ROWS, matview));
    }

    /** Monthly rows with statistic and data_coverage as doubles (the columns are double precision). */
    private static List<List<Object>> monthlyRows(TestDatabase db, String matview) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        for (List<String> r : db.rows(String.format(MONTHLY_ROWS, matview))) {
            out.add(List.of(r.get(0), r.get(1), r.get(2), Double.valueOf(r.get(3)), Double.valueOf(r.get(4))));
        }
        return out;
    }

    private static List<Object> monthly(int history, int vars, String month, double statistic, double coverage) {
        return List.of(String.valueOf(history), String.valueOf(vars), month, statistic, coverage);
    }

    private static List<String> row(int history, int vars, String day, String statistic, String coverage) {
        return List.of(String.valueOf(history), String.valueOf(vars), day, statistic, coverage);
    }

    /** The numeric sum of {@code n} hourly weights, as PostgreSQL prints it. */
    private static String hourly(int n) {
        return HOURLY.multiply(BigDecimal.valueOf(n)).toPlainString();
    }
}
