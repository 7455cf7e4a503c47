package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.SubsetData;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.WeatherAnomalyFixture;

/**
 * Revision 4, {@code 8fd8f556c548} "Add weather anomaly matviews"
 * ({@code changelog/revisions/004-8fd8f556c548-add-weather-anomaly-matviews.yaml}): creates the five weather-anomaly
 * "manual matviews" (version v1, bodies {@code changelog/objects/matviews/<name>/8fd8f556c548.sql}) as plain tables
 * filled by {@code CREATE TABLE AS} from the data present at upgrade time: daily maximum and minimum air temperature,
 * their monthly averages, and monthly total precipitation. Nothing maintains them afterwards; a client "refreshes" one
 * by {@code TRUNCATE} plus {@code INSERT} of its query, which {@link #refresh} does here with the query of the object
 * file the changeset runs. The behaviour tests build their own rows on the metadata of {@link WeatherAnomalyFixture};
 * the summary values on PyCDS's test data set ({@code fixtures/crmp_subset_data.sql}) are recorded ones, from the v1
 * queries.
 */
class Rev004_8fd8f556c548_AddWeatherAnomalyMatviewsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("8fd8f556c548");

    private static final String DAILY_MAX = "daily_max_temperature_mv";
    private static final String DAILY_MIN = "daily_min_temperature_mv";
    private static final String MONTHLY_MAX = "monthly_average_of_daily_max_temperature_mv";
    private static final String MONTHLY_MIN = "monthly_average_of_daily_min_temperature_mv";
    private static final String MONTHLY_PRECIPITATION = "monthly_total_precipitation_mv";
    private static final List<String> TABLES = List.of(DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN,
            MONTHLY_PRECIPITATION);

    /**
     * Coverage weight of one hourly observation, exactly as the numeric literal of the v1 queries (e.g.
     * {@code changelog/objects/matviews/daily_max_temperature_mv/8fd8f556c548.sql}: daily 1.0, 12-hourly 0.5,
     * 1-hourly 0.041666666666666664).
     */
    private static final BigDecimal HOURLY = new BigDecimal("0.041666666666666664");

    private static final String ROWS = "SELECT history_id, vars_id, obs_day, statistic, data_coverage FROM crmp.%s"
            + " ORDER BY history_id, vars_id, obs_day";
    private static final String MONTHLY_ROWS = "SELECT history_id, vars_id, obs_month, statistic,"
            + " round(data_coverage::numeric, 12) FROM crmp.%s ORDER BY history_id, vars_id, obs_month";

    /**
     * Which flags {@code observationsWithADiscardFlagAreLeftOut} attaches to the 24 hourly observations of
     * 2000-01-01 (obs_raw_id = hour = datum).
     */
    enum Flags {
        /** native discard on 0–4, native non-discard on 3–7: 0–4 dropped. */
        NATIVE(19, "5", "INSERT INTO crmp.obs_raw_native_flags SELECT id, 1 FROM generate_series(0, 4) id;"
                + "INSERT INTO crmp.obs_raw_native_flags SELECT id, 2 FROM generate_series(3, 7) id;"),
        /** PCIC discard on 12–16, PCIC non-discard on 15–19: 12–16 dropped. */
        PCIC(19, "0", "INSERT INTO crmp.obs_raw_pcic_flags SELECT id, 1 FROM generate_series(12, 16) id;"
                + "INSERT INTO crmp.obs_raw_pcic_flags SELECT id, 2 FROM generate_series(15, 19) id;"),
        /** both of the above together (PyCDS's own "both" case only applied the native flags): 10 dropped. */
        NATIVE_AND_PCIC(14, "5", NATIVE.sql + PCIC.sql),
        /** a native flag whose discard is NULL on 0–4: counts as not discarded, nothing dropped. */
        NULL_DISCARD(24, "0", "INSERT INTO crmp.obs_raw_native_flags SELECT id, 3 FROM generate_series(0, 4) id;");

        final int good;
        final String min;
        final String sql;

        Flags(int good, String min, String sql) {
            this.good = good;
            this.min = min;
            this.sql = sql;
        }
    }

    @Nested
    class Upgrade {

        @Test
        void upgradeCreatesTheFiveWeatherAnomalyObjectsAsPlainTables() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), relationKinds(db));
                REVISION.upgrade(db);
                assertEquals(List.of(
                        List.of(DAILY_MAX, "r"),
                        List.of(DAILY_MIN, "r"),
                        List.of(MONTHLY_MAX, "r"),
                        List.of(MONTHLY_MIN, "r"),
                        List.of(MONTHLY_PRECIPITATION, "r")), relationKinds(db));
            }
        }

        @Test
        void upgradeFillsTheTablesFromTheObservationsAlreadyPresent() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 13:00", 1, 2, 3);
                REVISION.upgrade(db);
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "3", hourlyCoverage(3))), rows(db, DAILY_MAX));
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "1", hourlyCoverage(3))), rows(db, DAILY_MIN));
            }
        }

        /** Summaries of the daily tables that the upgrade fills from PyCDS's test data set. */
        @Test
        void dailyExtremesOfTheTestDataMatchTheFingerprints() throws Exception {
            try (TestDatabase db = withTestDataUpgraded()) {
                String summary = "SELECT count(*), round(sum(statistic)::numeric, 7), sum(data_coverage), min(obs_day),"
                        + " max(obs_day), count(DISTINCT history_id), count(DISTINCT vars_id) FROM crmp.";
                assertEquals(List.of(List.of("279", "3640.3597024", "274.833333333333333088", "1957-10-01 00:00:00",
                        "2015-09-24 00:00:00", "18", "7")), db.rows(summary + DAILY_MAX));
                assertEquals(List.of(List.of("318", "2228.5099939", "315.624999999999999832", "1972-01-28 00:00:00",
                        "2015-09-24 00:00:00", "13", "6")), db.rows(summary + DAILY_MIN));
            }
        }

        /** Summaries of the monthly tables that the upgrade fills from PyCDS's test data set. */
        @Test
        void monthlyObjectsOfTheTestDataMatchTheFingerprints() throws Exception {
            try (TestDatabase db = withTestDataUpgraded()) {
                String summary = "SELECT count(*), round(sum(statistic)::numeric, 6), round(sum(data_coverage)::numeric, 12)"
                        + " FROM crmp.";
                assertEquals(List.of(List.of("27", "325.385047", "9.008544546851")), db.rows(summary + MONTHLY_MAX));
                assertEquals(List.of(List.of("26", "176.232990", "10.373252688172")), db.rows(summary + MONTHLY_MIN));
                assertEquals(List.of(List.of("17", "261.899998", "7.743746799795")),
                        db.rows(summary + MONTHLY_PRECIPITATION));
            }
        }
    }

    /**
     * Nothing maintains the tables: they change only when a client refreshes them, each from the others as they are.
     */
    @Nested
    class Refresh {

        @Test
        void tablesIgnoreLaterObservationsUntilRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 01:00", 5);
                db.execute(obs(1, 7, "2000-01-01 01:00", "2"));
                for (String table : TABLES) {
                    assertEquals("0", db.value("SELECT count(*) FROM crmp." + table), table + " before refresh");
                }
                refresh(db, DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN, MONTHLY_PRECIPITATION);
                for (String table : TABLES) {
                    assertEquals("1", db.value("SELECT count(*) FROM crmp." + table), table + " after refresh");
                }
            }
        }

        @Test
        void monthlyAveragesReadTheDailyTablesAsLastRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 01:00", 5);
                refresh(db, MONTHLY_MAX);
                assertEquals(List.of(), monthlyRows(db, MONTHLY_MAX));
                refresh(db, DAILY_MAX, MONTHLY_MAX);
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "5", round12(HOURLY.doubleValue() / 31))),
                        monthlyRows(db, MONTHLY_MAX));
            }
        }
    }

    /**
     * daily_max_temperature_mv and daily_min_temperature_mv, v1: the extreme air temperature per (history, variable,
     * effective day) of the observations without a discard flag, with the coverage weights of the history's frequency.
     */
    @Nested
    class DailyExtremes {

        @Test
        void hourlyObservationsOfOneDayGiveOneRowWithTheExtremeAndHourlyCoverage() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 13:00", 1, 2, 3);
                refresh(db, DAILY_MAX, DAILY_MIN);
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "3", hourlyCoverage(3))), rows(db, DAILY_MAX));
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "1", hourlyCoverage(3))), rows(db, DAILY_MIN));
            }
        }

        @Test
        void hourlyObservationsOnTwoDaysGiveOneRowPerDay() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 12:00", 0, 1, 2);
                insertHourly(db, 1, 1, "2000-01-02 08:00", 4, 5, 6, 7);
                refresh(db, DAILY_MAX, DAILY_MIN);
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", "2", hourlyCoverage(3)),
                        row(1, 1, "2000-01-02 00:00:00", "7", hourlyCoverage(4))), rows(db, DAILY_MAX));
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", "0", hourlyCoverage(3)),
                        row(1, 1, "2000-01-02 00:00:00", "4", hourlyCoverage(4))), rows(db, DAILY_MIN));
            }
        }

        @ParameterizedTest
        @EnumSource(Flags.class)
        void observationsWithADiscardFlagAreLeftOut(Flags flags) throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id)"
                        + " SELECT h, '2000-01-01'::timestamp + h * interval '1 hour', now(), h, 1, 1"
                        + " FROM generate_series(0, 23) h");
                db.execute(flags.sql);
                refresh(db, DAILY_MAX, DAILY_MIN);
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "23", hourlyCoverage(flags.good))),
                        rows(db, DAILY_MAX));
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", flags.min, hourlyCoverage(flags.good))),
                        rows(db, DAILY_MIN));
            }
        }

        @Test
        void onlyAirTemperatureWithAMatchingCellMethodIsUsed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                for (int vars = 1; vars <= 5; vars++) {
                    insertHourly(db, 1, vars, "2000-01-01 11:00", vars * 10 + 1, vars * 10 + 2);
                }
                refresh(db, DAILY_MAX, DAILY_MIN);
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", "12", hourlyCoverage(2)),
                        row(1, 2, "2000-01-01 00:00:00", "22", hourlyCoverage(2)),
                        row(1, 4, "2000-01-01 00:00:00", "42", hourlyCoverage(2))), rows(db, DAILY_MAX));
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", "11", hourlyCoverage(2)),
                        row(1, 3, "2000-01-01 00:00:00", "31", hourlyCoverage(2)),
                        row(1, 4, "2000-01-01 00:00:00", "41", hourlyCoverage(2))), rows(db, DAILY_MIN));
            }
        }

        @Test
        void eachDailyObservationCoversAWholeDay() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute(obs(3, 1, "2000-01-10 12:00", "10") + obs(3, 1, "2000-01-11 12:00", "11")
                        + obs(3, 1, "2000-01-12 12:00", "12"));
                refresh(db, DAILY_MAX, DAILY_MIN);
                List<List<String>> expected = List.of(
                        row(3, 1, "2000-01-10 00:00:00", "10", "1.0"),
                        row(3, 1, "2000-01-11 00:00:00", "11", "1.0"),
                        row(3, 1, "2000-01-12 00:00:00", "12", "1.0"));
                assertEquals(expected, rows(db, DAILY_MAX));
                assertEquals(expected, rows(db, DAILY_MIN));
            }
        }

        @Test
        void hourlyAndDailyHistoriesOfOneStationGiveSeparateRows() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertHourly(db, 1, 1, "2000-01-01 12:00", 1, 2, 3, 4);
                db.execute(obs(3, 1, "2000-01-02 12:00", "9"));
                refresh(db, DAILY_MAX);
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", "4", hourlyCoverage(4)),
                        row(3, 1, "2000-01-02 00:00:00", "9", "1.0")), rows(db, DAILY_MAX));
            }
        }

        @Test
        void twelveHourlyMaximaFromNoonCountTowardsTheNextDay() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute(obs(2, 2, "2000-01-11 07:00", "0") + obs(2, 2, "2000-01-11 16:00", "5")
                        + obs(2, 2, "2000-01-12 07:00", "10") + obs(2, 2, "2000-01-12 16:00", "15")
                        + obs(2, 2, "2000-01-13 07:00", "11") + obs(2, 2, "2000-01-13 16:00", "20")
                        + obs(2, 3, "2000-01-11 07:00", "-5") + obs(2, 3, "2000-01-11 16:00", "0")
                        + obs(2, 3, "2000-01-12 07:00", "0") + obs(2, 3, "2000-01-12 16:00", "10")
                        + obs(2, 3, "2000-01-13 07:00", "4") + obs(2, 3, "2000-01-13 16:00", "-10"));
                refresh(db, DAILY_MAX, DAILY_MIN);
                assertEquals(List.of(
                        row(2, 2, "2000-01-11 00:00:00", "0", "0.5"),
                        row(2, 2, "2000-01-12 00:00:00", "10", "1.0"),
                        row(2, 2, "2000-01-13 00:00:00", "15", "1.0"),
                        row(2, 2, "2000-01-14 00:00:00", "20", "0.5")), rows(db, DAILY_MAX));
                assertEquals(List.of(
                        row(2, 3, "2000-01-11 00:00:00", "-5", "1.0"),
                        row(2, 3, "2000-01-12 00:00:00", "0", "1.0"),
                        row(2, 3, "2000-01-13 00:00:00", "-10", "1.0")), rows(db, DAILY_MIN));
            }
        }

        @Test
        void historiesOfTwoNetworksGiveOneRowPerHistoryVariableAndDay() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                for (String day : List.of("2000-01-01", "2000-01-02", "2000-01-03")) {
                    insertHourly(db, 1, 1, day + " 12:00", 1, 2, 3, 4);
                    insertHourly(db, 4, 6, day + " 12:00", 5, 6, 7, 8);
                }
                refresh(db, DAILY_MAX, DAILY_MIN);
                List<List<String>> expected = List.of(
                        List.of("1", "1", "2000-01-01 00:00:00"),
                        List.of("1", "1", "2000-01-02 00:00:00"),
                        List.of("1", "1", "2000-01-03 00:00:00"),
                        List.of("4", "6", "2000-01-01 00:00:00"),
                        List.of("4", "6", "2000-01-02 00:00:00"),
                        List.of("4", "6", "2000-01-03 00:00:00"));
                for (String table : List.of(DAILY_MAX, DAILY_MIN)) {
                    assertEquals(expected, db.rows("SELECT history_id, vars_id, obs_day FROM crmp." + table
                            + " ORDER BY history_id, vars_id, obs_day"), table);
                }
            }
        }

        @Test
        void observationsWithoutADatumCountTowardsCoverageButNotTheStatistic() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute(obs(1, 1, "2000-01-01 01:00", "NULL") + obs(1, 1, "2000-01-01 02:00", "5")
                        + obs(1, 1, "2000-01-01 03:00", "NULL"));
                refresh(db, DAILY_MAX);
                assertEquals(List.of(row(1, 1, "2000-01-01 00:00:00", "5", hourlyCoverage(3))), rows(db, DAILY_MAX));
            }
        }

        @Test
        void historiesOfOtherFrequenciesAreIgnored() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute("INSERT INTO crmp.meta_history (history_id, station_id, freq) VALUES"
                        + " (5, 1, 'irregular'), (6, 1, NULL), (7, 1, 'Daily')");
                for (int history = 5; history <= 7; history++) {
                    db.execute(obs(history, 1, "2000-01-01 12:00", "1") + obs(history, 7, "2000-01-01 12:00", "1"));
                }
                refresh(db, DAILY_MAX, DAILY_MIN, MONTHLY_PRECIPITATION);
                for (String table : List.of(DAILY_MAX, DAILY_MIN, MONTHLY_PRECIPITATION)) {
                    assertEquals("0", db.value("SELECT count(*) FROM crmp." + table), table);
                }
            }
        }
    }

    /**
     * The monthly averages of the daily extremes and monthly_total_precipitation_mv, v1: coverage is divided by the
     * number of days of the month.
     */
    @Nested
    class MonthlyObjects {

        @Test
        void simpleCalendarGivesOneDailyRowPerObservedDay() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertSimpleCalendar(db, 1, "h");
                refresh(db, DAILY_MAX, DAILY_MIN);
                String summary = "SELECT count(*), count(DISTINCT obs_day), min(vars_id), max(vars_id), min(statistic),"
                        + " max(statistic), min(data_coverage), max(data_coverage) FROM crmp.";
                String coverage = hourlyCoverage(12);
                assertEquals(List.of(List.of("56", "56", "1", "1", "23", "23", coverage, coverage)),
                        db.rows(summary + DAILY_MAX));
                assertEquals(List.of(List.of("56", "56", "1", "1", "1", "1", coverage, coverage)),
                        db.rows(summary + DAILY_MIN));
            }
        }

        @Test
        void monthlyAveragesAverageTheDailyExtremesAndDivideCoverageByTheDaysOfTheMonth() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                // on the 1st of each month the data are 14 higher, so that the daily extremes differ from day to day
                insertSimpleCalendar(db, 1, "CASE WHEN d = 1 THEN h + 14 ELSE h END");
                refresh(db, DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN);
                // 14 days of 12 hourly observations; daily max 23 except 37 on the 1st, daily min 1 except 15 on the 1st
                double coverageDays = new BigDecimal(hourlyCoverage(12)).multiply(BigDecimal.valueOf(14)).doubleValue();
                String maxAverage = "24";   // (13 * 23 + 37) / 14
                String minAverage = "2";    // (13 * 1 + 15) / 14
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", maxAverage, round12(coverageDays / 31)),
                        row(1, 1, "2000-06-01 00:00:00", maxAverage, round12(coverageDays / 30)),
                        row(1, 1, "2000-08-01 00:00:00", maxAverage, round12(coverageDays / 31)),
                        row(1, 1, "2000-12-01 00:00:00", maxAverage, round12(coverageDays / 31))),
                        monthlyRows(db, MONTHLY_MAX));
                assertEquals(List.of(
                        row(1, 1, "2000-01-01 00:00:00", minAverage, round12(coverageDays / 31)),
                        row(1, 1, "2000-06-01 00:00:00", minAverage, round12(coverageDays / 30)),
                        row(1, 1, "2000-08-01 00:00:00", minAverage, round12(coverageDays / 31)),
                        row(1, 1, "2000-12-01 00:00:00", minAverage, round12(coverageDays / 31))),
                        monthlyRows(db, MONTHLY_MIN));
            }
        }

        @Test
        void monthlyPrecipitationSumsTheGoodObservationsOfEachMonth() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                insertSimpleCalendar(db, 7, "1.0");
                // a discarded observation at an even hour is left out of sum and coverage
                db.execute(obs(1, 7, "2000-06-02 02:00", "1000") + "INSERT INTO crmp.obs_raw_native_flags"
                        + " SELECT obs_raw_id, 1 FROM crmp.obs_raw WHERE datum = 1000;");
                refresh(db, MONTHLY_PRECIPITATION);
                double coverageDays = new BigDecimal(hourlyCoverage(168)).doubleValue();
                assertEquals(List.of(
                        row(1, 7, "2000-01-01 00:00:00", "168", round12(coverageDays / 31)),
                        row(1, 7, "2000-06-01 00:00:00", "168", round12(coverageDays / 30)),
                        row(1, 7, "2000-08-01 00:00:00", "168", round12(coverageDays / 31)),
                        row(1, 7, "2000-12-01 00:00:00", "168", round12(coverageDays / 31))),
                        monthlyRows(db, MONTHLY_PRECIPITATION));
            }
        }

        @Test
        void monthlyPrecipitationOnlyUsesSummedPrecipitationOfHourlyAndDailyHistories() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute("INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method)"
                        + " VALUES (10, 1, 'snow', 'thickness_of_snowfall_amount', 'time: sum'),"
                        + " (11, 1, 'lwe', 'lwe_thickness_of_precipitation_amount', 'time: sum'),"
                        + " (12, 1, 'rain_mean', 'thickness_of_rainfall_amount', 'time: mean'),"
                        + " (13, 1, 'rain_upper', 'Thickness_of_rainfall_amount', 'time: sum')");
                db.execute(obs(1, 7, "2000-02-03 01:00", "2") + obs(1, 7, "2000-02-03 02:00", "3")
                        + obs(2, 7, "2000-02-03 01:00", "100")
                        + obs(3, 8, "2000-02-05 12:00", "5")
                        + obs(3, 10, "2000-02-05 12:00", "6")
                        + obs(3, 11, "2000-02-05 12:00", "7")
                        + obs(3, 12, "2000-02-05 12:00", "100")
                        + obs(3, 13, "2000-02-05 12:00", "100")
                        + obs(3, 1, "2000-02-05 12:00", "100"));
                refresh(db, MONTHLY_PRECIPITATION);
                assertEquals(List.of(
                        row(1, 7, "2000-02-01 00:00:00", "5", round12(HOURLY.doubleValue() * 2 / 29)),
                        row(3, 8, "2000-02-01 00:00:00", "5", round12(1.0 / 29)),
                        row(3, 10, "2000-02-01 00:00:00", "6", round12(1.0 / 29)),
                        row(3, 11, "2000-02-01 00:00:00", "7", round12(1.0 / 29))),
                        monthlyRows(db, MONTHLY_PRECIPITATION));
            }
        }

        /** v1 differs from v2 (081f17262852) here: cumulative precipitation is not excluded. */
        @Test
        void monthlyPrecipitationIncludesVariablesNamedCumPcpnAmt() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(WeatherAnomalyFixture.METADATA);
                db.execute("INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method)"
                        + " VALUES (10, 1, 'cum_pcpn_amt', 'thickness_of_rainfall_amount', 'time: sum')");
                db.execute(obs(3, 10, "2000-03-05 12:00", "7"));
                refresh(db, MONTHLY_PRECIPITATION);
                assertEquals(List.of(row(3, 10, "2000-03-01 00:00:00", "7", round12(1.0 / 31))),
                        monthlyRows(db, MONTHLY_PRECIPITATION));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackDropsTheFiveTables() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(List.of(), relationKinds(db));
            }
        }
    }

    /** PyCDS's test data loaded at the previous revision, then the upgrade (which fills the tables). */
    private static TestDatabase withTestDataUpgraded() throws Exception {
        TestDatabase db = REVISION.databaseBefore();
        try {
            SubsetData.loadBeforePublishColumn(db, "crmp");
            REVISION.upgrade(db);
            return db;
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    /**
     * Refreshes manual matviews as a client does: {@code TRUNCATE} then {@code INSERT} of the table's query, taken
     * from the object file the revision runs ({@code CREATE TABLE IF NOT EXISTS <table> AS <query>}).
     */
    static void refresh(TestDatabase db, String... tables) throws SQLException {
        Pattern create = Pattern.compile("CREATE TABLE IF NOT EXISTS crmp\\.(\\w+) AS");
        for (String table : tables) {
            String sql = objectFile(table).replace("${schemaName}", "crmp");
            Matcher m = create.matcher(sql);
            if (!m.find() || !m.group(1).equals(table)) {
                throw new IllegalStateException("object file of " + table + " has no CREATE TABLE ... AS");
            }
            db.execute(m.replaceFirst("TRUNCATE crmp.$1; INSERT INTO crmp.$1"));
        }
    }

    private static String objectFile(String table) {
        String resource = "/changelog/objects/matviews/" + table + "/" + REVISION.id() + ".sql";
        try (InputStream in = Rev004_8fd8f556c548_AddWeatherAnomalyMatviewsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> relationKinds(TestDatabase db) throws SQLException {
        return db.rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'crmp' AND c.relname IN ('" + String.join("', '", TABLES) + "')"
                + " ORDER BY c.relname COLLATE \"C\"");
    }

    private static List<List<String>> rows(TestDatabase db, String table) throws SQLException {
        return db.rows(String.format(ROWS, table));
    }

    private static List<List<String>> monthlyRows(TestDatabase db, String table) throws SQLException {
        return db.rows(String.format(MONTHLY_ROWS, table));
    }

    private static String obs(int history, int vars, String time, String datum) {
        return "INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES ('" + time
                + "', now(), " + datum + ", " + vars + ", " + history + ");";
    }

    /** One observation per hour from {@code start}, with the given data. */
    private static void insertHourly(TestDatabase db, int history, int vars, String start, int... data)
            throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < data.length; i++) {
            sql.append("INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES ('")
                    .append(start).append("'::timestamp + interval '").append(i).append(" hours', now(), ")
                    .append(data[i]).append(", ").append(vars).append(", ").append(history).append(");");
        }
        db.execute(sql.toString());
    }

    /**
     * A simple calendar in history 1: months 1, 6, 8, 12 of 2000, odd days 1–27, odd hours 1–23,
     * datum given as an SQL expression of month {@code m}, day {@code d} and hour {@code h}.
     */
    private static void insertSimpleCalendar(TestDatabase db, int vars, String datum) throws SQLException {
        db.execute("INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id)"
                + " SELECT make_timestamp(2000, m, d, h, 0, 0), now(), " + datum + ", " + vars + ", 1"
                + " FROM unnest(ARRAY[1, 6, 8, 12]) m, generate_series(1, 27, 2) d, generate_series(1, 23, 2) h");
    }

    /** Coverage of {@code n} hourly observations: n times the numeric weight, exactly. */
    private static String hourlyCoverage(int n) {
        return HOURLY.multiply(BigDecimal.valueOf(n)).toPlainString();
    }

    private static String round12(double value) {
        return new BigDecimal(value).setScale(12, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static List<String> row(int history, int vars, String day, String statistic, String coverage) {
        return List.of(String.valueOf(history), String.valueOf(vars), day, statistic, coverage);
    }
}
