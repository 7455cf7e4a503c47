package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 29, {@code f6d5a4c2e901} "Optimize weather-anomaly native materialized views." (head;
 * {@code changelog/revisions/029-f6d5a4c2e901-optimize-weather-anomaly-native-matviews.yaml}): {@code effective_day}
 * becomes IMMUTABLE PARALLEL SAFE with the same logic ({@code changelog/objects/functions/effective_day/f6d5a4c2e901.sql});
 * the new matview {@code discarded_obs_raw_mv} lists the observations carrying a discarding flag
 * ({@code changelog/objects/matviews/discarded_obs_raw_mv/f6d5a4c2e901.sql}); the five weather-anomaly matviews become
 * version v3 ({@code changelog/objects/matviews/<name>/f6d5a4c2e901.sql} for the daily ones and monthly precipitation;
 * the monthly averages keep their v2 query), which take their "good" observations as those absent from
 * {@code discarded_obs_raw_mv} and otherwise give the rows of v2, each with a unique index so that
 * {@code REFRESH ... CONCURRENTLY} works; index {@code obs_raw_history_obs_time_idx} is created unless one of that
 * name exists. The rollback restores the v2 matviews with their two-column indexes, the VOLATILE
 * {@code effective_day}, and drops the obs_raw index only if the upgrade created it (unlike PyCDS, which drops an
 * index of that name that existed before the upgrade too; {@code docs/known-defects.md}).
 */
class Rev029_f6d5a4c2e901_OptimizeWeatherAnomalyNativeMatviewsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("f6d5a4c2e901");

    private static final String DISCARDED = "discarded_obs_raw_mv";
    private static final String DAILY_MAX = "daily_max_temperature_mv";
    private static final String DAILY_MIN = "daily_min_temperature_mv";
    private static final String MONTHLY_PRECIPITATION = "monthly_total_precipitation_mv";
    private static final String MONTHLY_MAX = "monthly_average_of_daily_max_temperature_mv";
    private static final String MONTHLY_MIN = "monthly_average_of_daily_min_temperature_mv";
    /** The five weather-anomaly matviews, daily ones before the monthly averages that read them. */
    private static final List<String> WEATHER_ANOMALY = List.of(DAILY_MAX, DAILY_MIN, MONTHLY_MAX, MONTHLY_MIN,
            MONTHLY_PRECIPITATION);

    private static final String OBS_RAW_INDEX = "obs_raw_history_obs_time_idx";

    /**
     * Network 1, station 1 with an hourly history 1 and a daily history 2; variables 1 point air temperature and
     * 2 rainfall sum; native flags 1 (discard true), 2 (discard false), 3 (discard NULL), PCIC flags 1 (discard
     * true), 2 (discard false). Observations: hourly temperatures on 2000-01-01 at 01:00 (4), 02:00 (6), 03:00
     * (50, native discard), 04:00 (-20, PCIC discard), 05:00 (5, native keep and discard NULL); a daily
     * temperature on 2000-01-02 (8); hourly rain on 2000-01-01 at 01:00 (1.5) and 02:00 (100, PCIC discard and
     * native discard).
     */
    private static final String SEED = """
            SET search_path TO crmp, public;
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, 's1', 1);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq) VALUES
                (1, 1, 'Station 1', '1-hourly'), (2, 1, 'Station 1', 'daily');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
            VALUES
                (1, 1, 'temp', 'air_temperature', 'time: point', 'x'),
                (2, 1, 'rain', 'thickness_of_rainfall_amount', 'time: sum', 'x');
            INSERT INTO crmp.meta_native_flag (native_flag_id, flag_name, network_id, value, discard) VALUES
                (1, 'native discard', 1, 'd', true), (2, 'native keep', 1, 'k', false), (3, 'native unknown', 1, 'u', NULL);
            INSERT INTO crmp.meta_pcic_flag (pcic_flag_id, flag_name, discard) VALUES
                (1, 'pcic discard', true), (2, 'pcic keep', false);
            INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                (1, '2000-01-01 01:00', now(), 4, 1, 1),
                (2, '2000-01-01 02:00', now(), 6, 1, 1),
                (3, '2000-01-01 03:00', now(), 50, 1, 1),
                (4, '2000-01-01 04:00', now(), -20, 1, 1),
                (5, '2000-01-01 05:00', now(), 5, 1, 1),
                (6, '2000-01-02 12:00', now(), 8, 1, 2),
                (7, '2000-01-01 01:00', now(), 1.5, 2, 1),
                (8, '2000-01-01 02:00', now(), 100, 2, 1);
            INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (3, 1), (5, 2), (5, 3), (8, 1);
            INSERT INTO crmp.obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (4, 1), (8, 1);
            """;

    /** Three good hourly observations of history 1 on 2000-01-01 (4, 6 and 5; 50 and -20 are discarded). */
    private static final String THREE_HOURS = "0.124999999999999992";

    /** Rows of the five matviews on {@link #SEED}, good observations only (the v2 rule). */
    private static final Map<String, List<List<String>>> SEED_ROWS = new LinkedHashMap<>();

    static {
        SEED_ROWS.put(DAILY_MAX, List.of(
                List.of("1", "1", "2000-01-01 00:00:00", "6", THREE_HOURS),
                List.of("2", "1", "2000-01-02 00:00:00", "8", "1.0")));
        SEED_ROWS.put(DAILY_MIN, List.of(
                List.of("1", "1", "2000-01-01 00:00:00", "4", THREE_HOURS),
                List.of("2", "1", "2000-01-02 00:00:00", "8", "1.0")));
        SEED_ROWS.put(MONTHLY_MAX, List.of(
                List.of("1", "1", "2000-01-01 00:00:00", "6", String.valueOf(0.124999999999999992 / 31)),
                List.of("2", "1", "2000-01-01 00:00:00", "8", String.valueOf(1.0 / 31))));
        SEED_ROWS.put(MONTHLY_MIN, List.of(
                List.of("1", "1", "2000-01-01 00:00:00", "4", String.valueOf(0.124999999999999992 / 31)),
                List.of("2", "1", "2000-01-01 00:00:00", "8", String.valueOf(1.0 / 31))));
        SEED_ROWS.put(MONTHLY_PRECIPITATION, List.of(
                List.of("1", "2", "2000-01-01 00:00:00", "1.5", String.valueOf(0.041666666666666664 / 31))));
    }

    private static final String EFFECTIVE_DAY_ATTRIBUTES = "SELECT concat_ws(',', provolatile, proparallel,"
            + " pg_get_userbyid(proowner), procost)"
            + " FROM pg_proc WHERE oid = 'crmp.effective_day(timestamp, varchar, varchar)'::regprocedure";

    /**
     * (obs_time, extremum, freq) → day: midnight of obs_time, moved to the next day only for a 12-hourly 'max'
     * observed at or after noon (exact, case-sensitive comparisons; NULL extremum or freq means no shift, NULL
     * obs_time gives NULL).
     */
    private static final String EFFECTIVE_DAY_CASES = """
            SELECT concat_ws(' → ', t, e, f, crmp.effective_day(t::timestamp, e, f)) FROM (VALUES
                (1, '2000-01-01 07:23', 'max', '1-hourly'), (2, '2000-01-01 07:23', 'max', '12-hourly'),
                (3, '2000-01-01 07:23', 'min', '1-hourly'), (4, '2000-01-01 07:23', 'min', '12-hourly'),
                (5, '2000-01-01 16:18', 'max', '1-hourly'), (6, '2000-01-01 16:18', 'max', '12-hourly'),
                (7, '2000-01-01 16:18', 'min', '1-hourly'), (8, '2000-01-01 16:18', 'min', '12-hourly'),
                (9, '2000-01-01 12:00', 'max', '12-hourly'), (10, '2000-01-01 11:59:59', 'max', '12-hourly'),
                (11, '2000-12-31 23:00', 'max', '12-hourly'), (12, '2000-01-01 16:18', 'MAX', '12-hourly'),
                (13, '2000-01-01 16:18', 'max', '12-Hourly'), (14, '2000-01-01 16:18', NULL, '12-hourly'),
                (15, '2000-01-01 16:18', 'max', NULL), (16, NULL, 'max', '12-hourly'))
                AS c(n, t, e, f) ORDER BY n""";
    private static final List<String> EFFECTIVE_DAYS = List.of(
            "2000-01-01 07:23 → max → 1-hourly → 2000-01-01 00:00:00",
            "2000-01-01 07:23 → max → 12-hourly → 2000-01-01 00:00:00",
            "2000-01-01 07:23 → min → 1-hourly → 2000-01-01 00:00:00",
            "2000-01-01 07:23 → min → 12-hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → max → 1-hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → max → 12-hourly → 2000-01-02 00:00:00",
            "2000-01-01 16:18 → min → 1-hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → min → 12-hourly → 2000-01-01 00:00:00",
            "2000-01-01 12:00 → max → 12-hourly → 2000-01-02 00:00:00",
            "2000-01-01 11:59:59 → max → 12-hourly → 2000-01-01 00:00:00",
            "2000-12-31 23:00 → max → 12-hourly → 2001-01-01 00:00:00",
            "2000-01-01 16:18 → MAX → 12-hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → max → 12-Hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → 12-hourly → 2000-01-01 00:00:00",
            "2000-01-01 16:18 → max → 2000-01-01 00:00:00",
            "max → 12-hourly");
    // The freq argument defaults to '' (no shift).
    /** The freq argument defaults to '' (no shift). */
    private static final String OMITTED_FREQ = "SELECT crmp.effective_day('2000-01-01 16:18', 'max')";

    @Nested
    class Upgrade {

        @Test
        void makesEffectiveDayImmutableAndParallelSafe() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals("v,u,pcicdba,100", db.value(EFFECTIVE_DAY_ATTRIBUTES));
                REVISION.upgrade(db);
                assertEquals("i,s,pcicdba,100", db.value(EFFECTIVE_DAY_ATTRIBUTES));
            }
        }

        @Test
        void keepsTheDaysEffectiveDayGives() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(EFFECTIVE_DAYS, db.column(EFFECTIVE_DAY_CASES));
                assertEquals("2000-01-01 00:00:00", db.value(OMITTED_FREQ));
                REVISION.upgrade(db);
                assertEquals(EFFECTIVE_DAYS, db.column(EFFECTIVE_DAY_CASES));
                assertEquals("2000-01-01 00:00:00", db.value(OMITTED_FREQ));
            }
        }

        @Test
        void createsV3MatviewsThatGiveTheV2RowsWithoutTheDiscardedObservations() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                refreshAll(db);
                assertEquals(SEED_ROWS, contents(db), "v2, on the seed");
                // The upgrade creates discarded_obs_raw_mv first, then the v3 matviews, all WITH DATA.
                REVISION.upgrade(db);
                assertEquals(List.of("3", "4", "8"),
                        db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv ORDER BY 1"));
                assertEquals(SEED_ROWS, contents(db), "v3, as created by the upgrade");
                refreshAll(db);
                assertEquals(SEED_ROWS, contents(db), "v3, refreshed");
            }
        }

        @Test
        void createsV3MatviewsThatGiveExactlyTheV2RowsOnTheTestDataSet() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                refreshAll(db);
                // Sums of double precision values may differ in the last digit with the aggregation order: compare
                // them rounded to 10 decimal places (every other column exactly).
                Map<String, List<List<String>>> v2 = roundedContents(db);
                assertEquals(List.of(279, 318, 27, 26, 17), v2.values().stream().map(List::size).toList());
                REVISION.upgrade(db);
                assertEquals(List.of("59493068", "59493084"),
                        db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv ORDER BY 1"));
                Map<String, List<List<String>>> v3 = roundedContents(db);
                for (String name : v2.keySet()) {
                    assertEquals(v2.get(name), v3.get(name), name + ", as created by the upgrade");
                }
                refreshAll(db);
                assertEquals(v3, roundedContents(db), "refreshed");
            }
        }

        @Test
        void givesDiscardedObsRawMvAUniqueIndexOnObsRawId() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of(DISCARDED + "_pkey: CREATE UNIQUE INDEX " + DISCARDED + "_pkey ON crmp." + DISCARDED
                        + " USING btree (obs_raw_id)"), MatviewChecks.indexes(db, DISCARDED));
                // An index, not a constraint.
                assertEquals("0", db.value("SELECT count(*) FROM pg_constraint WHERE conname = '" + DISCARDED + "_pkey'"));
            }
        }

        @Test
        void givesTheFiveWeatherAnomalyMatviewsUniqueIndexesOnTheirKeys() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                for (String name : WEATHER_ANOMALY) {
                    String period = name.startsWith("daily") ? "obs_day" : "obs_month";
                    assertEquals(List.of(name + "_idx: CREATE UNIQUE INDEX " + name + "_idx ON crmp." + name
                            + " USING btree (history_id, vars_id, " + period + ")"), MatviewChecks.indexes(db, name));
                }
            }
        }

        @Test
        void leavesTheSixMatviewsToTheElevatedRoleWithTheStandardGrants() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                for (String name : allSix()) {
                    assertEquals("m,pcicdba", kindAndOwner(db, name), name);
                    assertEquals(MatviewChecks.STANDARD_GRANTS, MatviewChecks.grants(db, name), name);
                }
            }
        }

        @Test
        void makesTheMatviewsRefreshableConcurrentlyWhichTheV2OnesWereNot() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + DAILY_MAX));
                assertEquals("55000", e.getSQLState(), e.getMessage());
                REVISION.upgrade(db);
                // Populated at creation from the seed; concurrent refreshes in dependency order keep the same rows.
                for (String name : allSix()) {
                    db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + name);
                }
                assertEquals(SEED_ROWS, contents(db));
            }
        }

        @Test
        void createsTheObsRawHistoryObsTimeIndexMarkedAsItsOwn() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), obsRawIndex(db));
                REVISION.upgrade(db);
                assertEquals(List.of("CREATE INDEX " + OBS_RAW_INDEX + " ON crmp.obs_raw USING btree (history_id, obs_time)"),
                        obsRawIndex(db));
                // The mark by which the rollback knows the index is the upgrade's own.
                assertEquals(List.of("Created by revision f6d5a4c2e901"), obsRawIndexComment(db));
            }
        }

        @ParameterizedTest(name = "an index on ({0})")
        @ValueSource(strings = {"history_id, obs_time", "obs_time"})
        void leavesAnObsRawIndexOfThatNameThatExistedAloneAndUnmarked(String columns) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("CREATE INDEX " + OBS_RAW_INDEX + " ON crmp.obs_raw (" + columns + ")");
                List<String> before = obsRawIndexOn(columns);
                assertEquals(before, obsRawIndex(db));
                REVISION.upgrade(db);
                assertEquals(before, obsRawIndex(db), columns);
                assertEquals(List.of(""), obsRawIndexComment(db), "not marked as the upgrade's");
            }
        }
    }

    /** discarded_obs_raw_mv at this revision. */
    @Nested
    class DiscardedObsRawMv {

        @Test
        void listsEachObservationWithAtLeastOneDiscardingNativeOrPcicFlagOnce() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                // Created WITH DATA on an empty schema: empty until refreshed.
                assertEquals(List.of(), db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv"));
                db.execute("REFRESH MATERIALIZED VIEW crmp.discarded_obs_raw_mv");
                // 3 native discard; 4 PCIC discard; 8 both (once); 5 has only non-discarding flags (false, NULL).
                assertEquals(List.of("3", "4", "8"),
                        db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv ORDER BY obs_raw_id"));
                assertEquals(List.of("obs_raw_id bigint"), MatviewChecks.columns(db, DISCARDED));
            }
        }

        @Test
        void combinesFlagsOfBothKindsWhateverTheirOrder() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                // Observation 1 gains a non-discarding native flag and a discarding PCIC flag; 2 a discarding native
                // flag next to a non-discarding PCIC flag; 6 a NULL-discard native flag and a non-discarding PCIC
                // flag.
                db.execute("INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (1, 2), (2, 1), (6, 3);"
                        + "INSERT INTO crmp.obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (1, 1), (2, 2), (6, 2)");
                db.execute("REFRESH MATERIALIZED VIEW crmp.discarded_obs_raw_mv");
                assertEquals(List.of("1", "2", "3", "4", "8"),
                        db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv ORDER BY obs_raw_id"));
                // Setting a flag's discard to true discards every observation carrying it, after a refresh.
                db.execute("UPDATE crmp.meta_native_flag SET discard = true WHERE native_flag_id = 3");
                db.execute("REFRESH MATERIALIZED VIEW crmp.discarded_obs_raw_mv");
                assertEquals(List.of("1", "2", "3", "4", "5", "6", "8"),
                        db.column("SELECT obs_raw_id FROM crmp.discarded_obs_raw_mv ORDER BY obs_raw_id"));
            }
        }
    }

    /** The v3 weather-anomaly matviews at this revision. */
    @Nested
    class V3Matviews {

        @Test
        void countADiscardFlagOnlyOnceDiscardedObsRawMvIsRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                refreshAll(db);
                assertEquals(SEED_ROWS.get(DAILY_MAX), rows(db, DAILY_MAX));
                // Observation 2 (6 at 02:00, the maximum of the day) gets a discarding flag.
                db.execute("INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (2, 1)");
                db.execute("REFRESH MATERIALIZED VIEW crmp.daily_max_temperature_mv");
                assertEquals(SEED_ROWS.get(DAILY_MAX), rows(db, DAILY_MAX), "discarded_obs_raw_mv is stale");
                db.execute("REFRESH MATERIALIZED VIEW crmp.discarded_obs_raw_mv");
                db.execute("REFRESH MATERIALIZED VIEW crmp.daily_max_temperature_mv");
                assertEquals(List.of(List.of("1", "1", "2000-01-01 00:00:00", "5", "0.083333333333333328"),
                        List.of("2", "1", "2000-01-02 00:00:00", "8", "1.0")), rows(db, DAILY_MAX));
            }
        }

        @Test
        void pickUpChangesOnAConcurrentRefresh() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                // A new daily maximum of 7 at 06:00.
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id)"
                        + " VALUES (9, '2000-01-01 06:00', now(), 7, 1, 1)");
                db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + DISCARDED);
                db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + DAILY_MAX);
                assertEquals(List.of(List.of("1", "1", "2000-01-01 00:00:00", "7", "0.166666666666666656"),
                        List.of("2", "1", "2000-01-02 00:00:00", "8", "1.0")), rows(db, DAILY_MAX));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void makesEffectiveDayVolatileAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals("v,u,pcicdba,100", db.value(EFFECTIVE_DAY_ATTRIBUTES));
            }
        }

        @Test
        void keepsTheDaysEffectiveDayGives() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(EFFECTIVE_DAYS, db.column(EFFECTIVE_DAY_CASES));
                assertEquals("2000-01-01 00:00:00", db.value(OMITTED_FREQ));
            }
        }

        @Test
        void dropsDiscardedObsRawMvAndItsIndex() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column("SELECT relname FROM pg_class WHERE relname LIKE 'discarded%'"));
            }
        }

        @Test
        void restoresTheTwoColumnIndexes() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                for (String name : WEATHER_ANOMALY) {
                    assertEquals(List.of(name + "_idx: CREATE INDEX " + name + "_idx ON crmp." + name
                            + " USING btree (history_id, vars_id)"), MatviewChecks.indexes(db, name));
                }
            }
        }

        @Test
        void leavesTheFiveMatviewsToTheElevatedRoleWithTheStandardGrants() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                for (String name : WEATHER_ANOMALY) {
                    assertEquals("m,pcicdba", kindAndOwner(db, name), name);
                    assertEquals(MatviewChecks.STANDARD_GRANTS, MatviewChecks.grants(db, name), name);
                }
            }
        }

        @Test
        void restoresTheV2MatviewsWithTheV2Rows() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                refreshAll(db);
                assertEquals(SEED_ROWS, contents(db));
                REVISION.rollBack(db);
                assertEquals(List.of(),
                        db.column("SELECT matviewname FROM pg_matviews WHERE matviewname = '" + DISCARDED + "'"));
                // Re-created WITH DATA, the monthly averages after the daily matviews they read.
                assertEquals(SEED_ROWS, contents(db), "as re-created by the rollback");
            }
        }

        @Test
        void restoresV2MatviewsThatReadTheFlagsThemselves() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                refreshAll(db);
                REVISION.rollBack(db);
                // v2 reads the flags itself: a new discard flag counts at the next refresh of the matview.
                db.execute("INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (2, 1)");
                refreshAll(db);
                assertEquals(List.of(List.of("1", "1", "2000-01-01 00:00:00", "5", "0.083333333333333328"),
                        List.of("2", "1", "2000-01-02 00:00:00", "8", "1.0")), rows(db, DAILY_MAX));
                db.execute("DELETE FROM crmp.obs_raw_native_flags WHERE (obs_raw_id, native_flag_id) = (2, 1)");
                refreshAll(db);
                assertEquals(SEED_ROWS, contents(db), "v2 refreshed after the rollback");
            }
        }

        @Test
        void dropsTheObsRawIndexTheUpgradeCreated() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(), obsRawIndex(db));
            }
        }

        @ParameterizedTest(name = "an index on ({0})")
        @ValueSource(strings = {"history_id, obs_time", "obs_time"})
        void keepsAnObsRawIndexOfThatNameThatExistedBeforeTheUpgrade(String columns) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("CREATE INDEX " + OBS_RAW_INDEX + " ON crmp.obs_raw (" + columns + ")");
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(obsRawIndexOn(columns), obsRawIndex(db), columns);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String kindAndOwner(TestDatabase db, String name) throws SQLException {
        return db.value("SELECT relkind::text || ',' || pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE oid = 'crmp." + name + "'::regclass");
    }

    /** The definition of an index {@link #OBS_RAW_INDEX} on {@code columns}, as pg_indexes gives it. */
    private static List<String> obsRawIndexOn(String columns) {
        return List.of("CREATE INDEX " + OBS_RAW_INDEX + " ON crmp.obs_raw USING btree (" + columns + ")");
    }

    private static List<String> allSix() {
        List<String> names = new ArrayList<>(List.of(DISCARDED));
        names.addAll(WEATHER_ANOMALY);
        return names;
    }

    private static List<String> obsRawIndex(TestDatabase db) throws SQLException {
        return db.column("SELECT indexdef FROM pg_indexes WHERE schemaname = 'crmp' AND indexname = '" + OBS_RAW_INDEX
                + "' AND tablename = 'obs_raw'");
    }

    private static List<String> obsRawIndexComment(TestDatabase db) throws SQLException {
        return db.column("SELECT coalesce(obj_description(to_regclass('crmp." + OBS_RAW_INDEX + "'), 'pg_class'), '')");
    }

    /**
     * Refreshes discarded_obs_raw_mv (if present) and the five matviews in dependency order: discarded_obs_raw_mv
     * first (v3 reads it), the daily matviews before the monthly averages (which read them).
     */
    private static void refreshAll(TestDatabase db) throws SQLException {
        List<String> present = db.column("SELECT matviewname FROM pg_matviews WHERE schemaname = 'crmp'");
        for (String name : allSix()) {
            if (present.contains(name)) {
                db.execute("REFRESH MATERIALIZED VIEW crmp." + name);
            }
        }
    }

    private static List<List<String>> rows(TestDatabase db, String matview) throws SQLException {
        String period = matview.startsWith("daily") ? "obs_day" : "obs_month";
        return db.rows("SELECT history_id, vars_id, " + period + ", statistic, data_coverage FROM crmp." + matview
                + " ORDER BY history_id, vars_id, " + period);
    }

    /** Every row of the five matviews, by matview, double precision columns rounded to 10 decimal places. */
    private static Map<String, List<List<String>>> roundedContents(TestDatabase db) throws SQLException {
        Map<String, List<List<String>>> contents = new LinkedHashMap<>();
        for (String name : SEED_ROWS.keySet()) {
            String period = name.startsWith("daily") ? "obs_day" : "obs_month";
            String coverage = name.startsWith("daily") ? "data_coverage" : "round(data_coverage::numeric, 10)";
            contents.put(name, db.rows("SELECT history_id, vars_id, " + period + ", round(statistic::numeric, 10), "
                    + coverage + " FROM crmp." + name + " ORDER BY history_id, vars_id, " + period));
        }
        return contents;
    }

    /** Every row of the five matviews, by matview. */
    private static Map<String, List<List<String>>> contents(TestDatabase db) throws SQLException {
        Map<String, List<List<String>>> contents = new LinkedHashMap<>();
        for (String name : SEED_ROWS.keySet()) {
            contents.put(name, rows(db, name));
        }
        return contents;
    }
}
