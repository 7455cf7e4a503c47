package org.pacificclimate.crmp.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Fingerprints (counts, sums, extremes) of every matview, view and history table at head: an empty database
 * migrated to head, PyCDS's test data set loaded (search path {@code crmp, public}), every matview refreshed in
 * dependency order; then one test per object. Counts and sums of integers or numerics are exact; sums of
 * double-precision values are compared with the precision of the expected value (within half a unit of its last
 * digit). One database is shared by the class.
 */
class HeadFingerprintsTest {

    /**
     * Every matview, each after the ones it reads: collapsed_vars_mv reads vars_per_history_mv, the weather-anomaly
     * matviews read discarded_obs_raw_mv, the monthly averages read the daily matviews.
     */
    private static final List<String> REFRESH_ORDER = List.of("vars_per_history_mv", "climo_obs_count_mv",
            "collapsed_vars_mv", "station_obs_stats_mv", "obs_count_per_month_history_mv", "discarded_obs_raw_mv",
            "daily_max_temperature_mv", "daily_min_temperature_mv", "monthly_average_of_daily_max_temperature_mv",
            "monthly_average_of_daily_min_temperature_mv", "monthly_total_precipitation_mv");

    private static TestDatabase db;
    /** Row count of each matview after the load, before any refresh. */
    private static final Map<String, String> countsBeforeRefresh = new LinkedHashMap<>();

    @BeforeAll
    static void migrateLoadAndRefresh() throws Exception {
        db = TestDatabases.empty();
        db.migrations().update();
        db.execute("SET search_path TO crmp, public");
        db.loadSubsetData("crmp");
        for (String matview : REFRESH_ORDER) {
            countsBeforeRefresh.put(matview, db.value("SELECT count(*) FROM " + matview));
        }
        for (String matview : REFRESH_ORDER) {
            db.execute("REFRESH MATERIALIZED VIEW " + matview);
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theDatabaseIsAtHeadAndEveryMatviewWasEmptyUntilRefreshed() throws Exception {
        assertEquals("f6d5a4c2e901", db.migrations().current().orElseThrow());
        Map<String, String> empty = new LinkedHashMap<>();
        REFRESH_ORDER.forEach(matview -> empty.put(matview, "0"));
        assertEquals(empty, countsBeforeRefresh);
        assertEquals(REFRESH_ORDER.stream().sorted().toList(),
                db.column("SELECT matviewname FROM pg_matviews WHERE schemaname = 'crmp' ORDER BY 1"));
    }

    // ------------------------------------------------------------------------------------------ matviews

    @Test
    void varsPerHistoryMv() throws Exception {
        assertEquals(List.of("136", "47", "70519", "1957-10-01 00:00:00", "2015-09-24 16:00:00"), row(
                "SELECT count(*), count(DISTINCT history_id), sum(vars_id), min(start_time), max(end_time)"
                        + " FROM vars_per_history_mv"));
    }

    @Test
    void climoObsCountMv() throws Exception {
        assertEquals(List.of("12", "412", "19592"), row(
                "SELECT count(*), sum(count), sum(history_id) FROM climo_obs_count_mv"));
    }

    @Test
    void collapsedVarsMv() throws Exception {
        assertEquals(List.of("47", "136", "5956", "3380", "12"), row(
                "SELECT count(*), sum(cardinality(vars_ids)), sum(length(vars)), sum(length(display_names)),"
                        + " count(*) FILTER (WHERE 'climatology' = ANY (unique_variable_tags)) FROM collapsed_vars_mv"));
    }

    @Test
    void stationObsStatsMv() throws Exception {
        assertEquals(List.of("47", "1434", "1957-10-01 00:00:00", "2015-09-24 16:00:00", "155034"), row(
                "SELECT count(*), sum(obs_count), min(min_obs_time), max(max_obs_time), sum(station_id)"
                        + " FROM station_obs_stats_mv"));
    }

    @Test
    void obsCountPerMonthHistoryMv() throws Exception {
        assertEquals(List.of("541", "1969", "1957-10-01 00:00:00", "2015-09-01 00:00:00"), row(
                "SELECT count(*), sum(count), min(date_trunc), max(date_trunc) FROM obs_count_per_month_history_mv"));
    }

    @Test
    void discardedObsRawMv() throws Exception {
        assertEquals(List.of("59493068", "59493084"), db.column("SELECT obs_raw_id FROM discarded_obs_raw_mv ORDER BY 1"));
    }

    @Test
    void dailyMaxTemperatureMv() throws Exception {
        List<String> r = row("SELECT count(*), sum(statistic), sum(data_coverage), min(obs_day), max(obs_day),"
                + " count(DISTINCT history_id), count(DISTINCT vars_id) FROM daily_max_temperature_mv");
        assertEquals(List.of("279", "274.833333333333333088", "1957-10-01 00:00:00", "2015-09-24 00:00:00", "18", "7"),
                without(r, 1));
        assertShownDigits("3640.3597024", r.get(1));
    }

    @Test
    void dailyMinTemperatureMv() throws Exception {
        List<String> r = row("SELECT count(*), sum(statistic), sum(data_coverage), min(obs_day), max(obs_day),"
                + " count(DISTINCT history_id), count(DISTINCT vars_id) FROM daily_min_temperature_mv");
        assertEquals(List.of("318", "315.624999999999999832", "1972-01-28 00:00:00", "2015-09-24 00:00:00", "13", "6"),
                without(r, 1));
        assertShownDigits("2228.5099939", r.get(1));
    }

    @Test
    void monthlyAverageOfDailyMaxTemperatureMv() throws Exception {
        assertMonthly("monthly_average_of_daily_max_temperature_mv", "27", "325.385047", "9.008544546851");
    }

    @Test
    void monthlyAverageOfDailyMinTemperatureMv() throws Exception {
        assertMonthly("monthly_average_of_daily_min_temperature_mv", "26", "176.232990", "10.373252688172");
    }

    @Test
    void monthlyTotalPrecipitationMv() throws Exception {
        assertMonthly("monthly_total_precipitation_mv", "17", "261.899998", "7.743746799795");
    }

    // ------------------------------------------------------------------------------------------ views

    @Test
    void crmpNetworkGeoserver() throws Exception {
        assertEquals(List.of("50", "47", "47", "50"), row("SELECT count(*), count(vars), count(min_obs_time),"
                + " count(the_geom) FROM crmp_network_geoserver"));
    }

    @Test
    void historyJoinStationNetwork() throws Exception {
        assertEquals(List.of("50"), row("SELECT count(*) FROM history_join_station_network"));
    }

    @Test
    void obsCountPerDayHistoryV() throws Exception {
        assertEquals(List.of("1254", "1969"), row("SELECT count(*), sum(count) FROM obs_count_per_day_history_v"));
    }

    @Test
    void obsWithFlags() throws Exception {
        assertEquals(List.of("1969"), row("SELECT count(*) FROM obs_with_flags"));
    }

    // ------------------------------------------------------------------------------------------ history tables

    @Test
    void metaNetworkHxHasOneRowPerLoadedNetworkWithIdsTwoToNine() throws Exception {
        assertEquals(List.of("8", "2", "9", "8"), row("SELECT count(*), min(meta_network_hx_id), max(meta_network_hx_id),"
                + " count(DISTINCT meta_network_hx_id) FROM meta_network_hx"));
        assertHistoryOfLoad("meta_network", "network_id", 8);
    }

    @Test
    void metaStationHxHasOneRowPerLoadedStation() throws Exception {
        assertHistoryOfLoad("meta_station", "station_id", 50);
    }

    @Test
    void metaHistoryHxHasOneRowPerLoadedHistory() throws Exception {
        assertHistoryOfLoad("meta_history", "history_id", 50);
    }

    @Test
    void metaVarsHxHasOneRowPerLoadedVariable() throws Exception {
        assertHistoryOfLoad("meta_vars", "vars_id", 103);
    }

    @Test
    void obsRawHxHasOneRowPerLoadedObservation() throws Exception {
        assertHistoryOfLoad("obs_raw", "obs_raw_id", 1969);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * {@code table_hx} has {@code rows} rows, one per main row, none deleted, each stamped like its main row
     * (the loading transaction's time and the loading user).
     */
    private static void assertHistoryOfLoad(String table, String key, int rows) throws SQLException {
        assertEquals(List.of(String.valueOf(rows), String.valueOf(rows), String.valueOf(rows), "0", "0", "tester"),
                row("SELECT (SELECT count(*) FROM " + table + "), count(*), count(DISTINCT h." + key + "),"
                        + " count(*) FILTER (WHERE h.deleted),"
                        + " count(*) FILTER (WHERE (h.mod_time, h.mod_user) IS DISTINCT FROM (m.mod_time, m.mod_user)),"
                        + " string_agg(DISTINCT h.mod_user, ',')"
                        + " FROM " + table + "_hx h LEFT JOIN " + table + " m USING (" + key + ")"));
    }

    private static void assertMonthly(String matview, String count, String statistic, String coverage)
            throws SQLException {
        List<String> r = row("SELECT count(*), sum(statistic), sum(data_coverage) FROM " + matview);
        assertEquals(count, r.get(0));
        assertShownDigits(statistic, r.get(1));
        assertShownDigits(coverage, r.get(2));
    }

    /** {@code actual} rounds to {@code shown}: it lies within half a unit of the last digit shown. */
    private static void assertShownDigits(String shown, String actual) {
        BigDecimal expected = new BigDecimal(shown);
        double tolerance = BigDecimal.ONE.movePointLeft(expected.scale()).doubleValue() / 2;
        assertEquals(expected.doubleValue(), Double.parseDouble(actual), tolerance, "≈ " + shown);
    }

    private static List<String> without(List<String> row, int index) {
        List<String> copy = new ArrayList<>(row);
        copy.remove(index);
        return copy;
    }

    private static List<String> row(String sql) throws SQLException {
        List<List<String>> rows = db.rows(sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }
}
