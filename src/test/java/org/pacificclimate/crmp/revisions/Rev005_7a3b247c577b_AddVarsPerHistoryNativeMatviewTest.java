package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.SubsetData;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 5, {@code 7a3b247c577b} "Add VarsPerHistory native matview"
 * ({@code changelog/revisions/005-7a3b247c577b-add-vars-per-history-native-matview.yaml}): replaces the "fake" matview
 * table {@code vars_per_history_mv} by a native materialized view (v1,
 * {@code changelog/objects/matviews/vars_per_history_mv/7a3b247c577b.sql}: the distinct (history_id, vars_id) pairs of
 * {@code obs_raw}) with index {@code var_hist_idx}, and rebuilds its dependants: table {@code collapsed_vars_mv}
 * (emptied, as in PyCDS), views {@code collapsed_vars_v} and {@code crmp_network_geoserver}, all with the standard
 * grants. The rollback restores the empty table; unlike PyCDS it keeps {@code collapsed_vars_mv} and its rows
 * (docs/known-defects.md).
 */
class Rev005_7a3b247c577b_AddVarsPerHistoryNativeMatviewTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("7a3b247c577b");

    /** Two histories of one station, two variables; no observations. */
    private static final String METADATA = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, '1', 1);
            INSERT INTO crmp.meta_history (history_id, station_id, freq) VALUES (1, 1, 'daily'), (2, 1, 'daily');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
                VALUES (1, 1, 'Tmax', 'air_temperature', 'time: maximum', 'Maximum Temperature'),
                       (2, 1, 'Tmin', 'air_temperature', 'time: minimum', 'Minimum Temperature');
            """;

    /** History 1 observes variable 1 three times and variable 2 once; history 2 observes variable 1 once. */
    private static final String OBSERVATIONS = """
            INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES
                ('2000-01-01', now(), 1, 1, 1), ('2000-01-02', now(), 2, 1, 1), ('2000-01-03', now(), 3, 1, 1),
                ('2000-01-01', now(), 4, 2, 1),
                ('2000-01-01', now(), 5, 1, 2);
            """;

    private static final String PAIRS = "SELECT history_id, vars_id FROM crmp.vars_per_history_mv ORDER BY 1, 2";

    @Nested
    class Upgrade {

        @Test
        void upgradeReplacesTheTableByAMatviewWithOnlyVarHistIdx() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals("r", kind(db));
                REVISION.upgrade(db);
                assertEquals("m", kind(db));
                assertEquals(List.of(List.of("var_hist_idx",
                        "CREATE INDEX var_hist_idx ON crmp.vars_per_history_mv USING btree (history_id, vars_id)")),
                        indexes(db));
            }
        }

        @Test
        void upgradeFillsTheMatviewWithTheDistinctPairsOfTheObservationsPresent() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(METADATA + OBSERVATIONS);
                // the fake table's own (stale) rows play no part
                db.execute("INSERT INTO crmp.vars_per_history_mv VALUES (2, 2)");
                REVISION.upgrade(db);
                assertEquals(List.of(List.of("1", "1"), List.of("1", "2"), List.of("2", "1")), db.rows(PAIRS));
            }
        }

        @Test
        void upgradeEmptiesCollapsedVarsMv() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(METADATA + "INSERT INTO crmp.collapsed_vars_mv VALUES (1, 'x', 'y')");
                REVISION.upgrade(db);
                assertEquals("0", db.value("SELECT count(*) FROM crmp.collapsed_vars_mv"));
            }
        }
    }

    /** vars_per_history_mv v1 and the view that reads it, at this revision. */
    @Nested
    class VarsPerHistoryMatview {

        @Test
        void matviewKeepsItsContentsUntilRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA + OBSERVATIONS);
                assertEquals(List.of(), db.rows(PAIRS));
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                assertEquals(List.of(List.of("1", "1"), List.of("1", "2"), List.of("2", "1")), db.rows(PAIRS));
            }
        }

        @Test
        void refreshOnTheTestDataGivesTheFingerprintPairs() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SubsetData.loadBeforePublishColumn(db, "crmp");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                assertEquals(List.of(List.of("136", "136", "47", "70519")), db.rows("SELECT count(*),"
                        + " count(DISTINCT (history_id, vars_id)), count(DISTINCT history_id), sum(vars_id)"
                        + " FROM crmp.vars_per_history_mv"));
                // eleven of the pairs recorded for PyCDS's test data set
                assertEquals("11", db.value("SELECT count(*) FROM crmp.vars_per_history_mv WHERE (history_id, vars_id)"
                        + " IN ((8316, 555), (2716, 497), (5716, 526), (1816, 556), (1616, 556), (7716, 526),"
                        + " (5916, 526), (8016, 528), (3516, 562), (7816, 527), (5816, 519))"));
            }
        }

        @Test
        void collapsedVarsViewReadsTheMatview() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA + "INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id)"
                        + " VALUES ('2000-01-01', now(), 1, 1, 2), ('2000-01-02', now(), 2, 1, 2)");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                assertEquals(List.of(List.of("2", "air_temperature_maximum", "Maximum Temperature")),
                        db.rows("SELECT history_id, vars, display_names FROM crmp.collapsed_vars_v"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackRestoresTheTableWithItsPrimaryKeyAndWithoutVarHistIdx() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals("r", kind(db));
                assertEquals(List.of(List.of("vars_per_history_mv_pkey", "CREATE UNIQUE INDEX vars_per_history_mv_pkey"
                        + " ON crmp.vars_per_history_mv USING btree (history_id, vars_id)")), indexes(db));
            }
        }

        @Test
        void rollbackLeavesTheTableEmpty() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA + OBSERVATIONS);
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                REVISION.rollBack(db);
                assertEquals(List.of(), db.rows(PAIRS));
                assertEquals("5", db.value("SELECT count(*) FROM crmp.obs_raw"));
            }
        }

        @Test
        void rollbackKeepsCollapsedVarsMvAndItsRows() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA + "INSERT INTO crmp.collapsed_vars_mv VALUES (1, 'x', 'y')");
                REVISION.rollBack(db);
                assertEquals(List.of(List.of("1", "x", "y")), db.rows("SELECT * FROM crmp.collapsed_vars_mv"));
            }
        }

        @Test
        void rollbackWithDataGivesThePreviousRevisionsCatalog() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA + OBSERVATIONS + "INSERT INTO crmp.collapsed_vars_mv VALUES (1, 'x', 'y')");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                REVISION.rollBack(db);
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"),
                        "after rollback of " + REVISION.id());
            }
        }
    }

    private static String kind(TestDatabase db) throws SQLException {
        return db.value("SELECT relkind FROM pg_class WHERE oid = 'crmp.vars_per_history_mv'::regclass");
    }

    private static List<List<String>> indexes(TestDatabase db) throws SQLException {
        return db.rows("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                + " AND tablename = 'vars_per_history_mv' ORDER BY indexname COLLATE \"C\"");
    }
}
