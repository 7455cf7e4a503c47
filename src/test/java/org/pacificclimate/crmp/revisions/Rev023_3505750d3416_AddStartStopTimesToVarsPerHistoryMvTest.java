package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 23, {@code 3505750d3416} "Add start/stop times to vars_per_history_mv"
 * ({@code changelog/revisions/023-3505750d3416-add-start-stop-times-to-vars-per-history-mv.yaml}): re-creates the
 * native matview {@code vars_per_history_mv} ({@code changelog/objects/matviews/vars_per_history_mv/3505750d3416.sql})
 * with {@code start_time} and {@code end_time}, the first and last observation time of each (history, variable)
 * pair, and with it its dependants {@code collapsed_vars_mv} and {@code crmp_network_geoserver}; all three under the
 * elevated role, which then owns them. The rollback re-creates the two-column version
 * ({@code changelog/objects/matviews/vars_per_history_mv/7a3b247c577b.sql}); unlike PyCDS's downgrade it gives the
 * three objects back to the migration user, as before the upgrade ({@code docs/known-defects.md}).
 */
class Rev023_3505750d3416_AddStartStopTimesToVarsPerHistoryMvTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("3505750d3416");
    private static final List<String> REBUILT = List.of("collapsed_vars_mv", "crmp_network_geoserver",
            "vars_per_history_mv");

    /** Station 1 (network 1) with histories 1 and 2; variables 1 and 2; observations, one at a NULL time. */
    private static final String SEED = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, 's1', 1);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq) VALUES
                (1, 1, 'Station 1', 'daily'), (2, 1, 'Station 1', '1-hourly');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
            VALUES
                (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'Temperature (Max.)'),
                (2, 1, 'pcp', 'thickness_of_rainfall_amount', 'time: sum', 'Rainfall');
            INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES
                ('2000-03-01 00:00', now(), 1, 1, 1),
                ('1999-12-31 23:59:59', now(), 2, 1, 1),
                ('2000-01-15 12:00', now(), 3, 1, 1),
                ('2000-01-15 12:00', now(), 4, 2, 1),
                ('2001-06-01 06:00', now(), 5, 1, 2),
                (NULL, now(), 6, 1, 2);
            """;

    private static final String PAIRS = "SELECT * FROM crmp.vars_per_history_mv ORDER BY history_id, vars_id";

    private static final String GRANTS = "SELECT c.relname, pg_get_userbyid(a.grantee),"
            + " string_agg(a.privilege_type, ',' ORDER BY a.privilege_type)"
            + " FROM pg_class c, aclexplode(c.relacl) a WHERE c.relnamespace = 'crmp'::regnamespace"
            + " AND c.relname IN ('collapsed_vars_mv', 'crmp_network_geoserver', 'vars_per_history_mv')"
            + " AND a.grantee <> c.relowner GROUP BY 1, 2 ORDER BY 1, 2";
    /** The standard grants on each of the three rebuilt objects. */
    private static final List<List<String>> STANDARD_GRANTS = REBUILT.stream().flatMap(name -> List.of(
            List.of(name, "inspector", "SELECT"),
            List.of(name, "steward", "DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE"),
            List.of(name, "viewer", "SELECT")).stream()).toList();

    private static final String INDEXES = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
            + " AND tablename = 'vars_per_history_mv'";
    private static final List<String> VAR_HIST_IDX = List.of(
            "CREATE INDEX var_hist_idx ON crmp.vars_per_history_mv USING btree (history_id, vars_id)");
    private static final String RELKIND = "SELECT relkind FROM pg_class WHERE oid = 'crmp.vars_per_history_mv'::regclass";

    @Nested
    class Upgrade {

        @Test
        void givesEachPairItsFirstAndLastObservationTime() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                assertEquals(List.of(
                        List.of("1", "1", "1999-12-31 23:59:59", "2000-03-01 00:00:00"),
                        List.of("1", "2", "2000-01-15 12:00:00", "2000-01-15 12:00:00"),
                        List.of("2", "1", "2001-06-01 06:00:00", "2001-06-01 06:00:00")), db.rows(PAIRS));
            }
        }

        @Test
        void rebuildsTheDependantsFromTheNewMatview() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                assertEquals(List.of(
                        List.of("1", "{1,2}", "Temperature (Max.)|Rainfall",
                                "air_temperature_maximum, thickness_of_rainfall_amount_sum"),
                        List.of("2", "{1}", "Temperature (Max.)", "air_temperature_maximum")),
                        db.rows("SELECT history_id, vars_ids, display_names, vars FROM crmp.collapsed_vars_mv"
                                + " ORDER BY history_id"));
                assertEquals(List.of(
                        List.of("1", "{1,2}", "air_temperature_maximum, thickness_of_rainfall_amount_sum"),
                        List.of("2", "{1}", "air_temperature_maximum")),
                        db.rows("SELECT history_id, vars_ids, vars FROM crmp.crmp_network_geoserver"
                                + " ORDER BY history_id"));
            }
        }

        @Test
        void leavesTheRebuiltObjectsToTheElevatedRole() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(owned("tester"), owners(db));
                REVISION.upgrade(db);
                assertEquals(owned("pcicdba"), owners(db));
            }
        }

        @Test
        void keepsTheStandardGrantsOnTheRebuiltObjects() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(STANDARD_GRANTS, db.rows(GRANTS));
                REVISION.upgrade(db);
                assertEquals(STANDARD_GRANTS, db.rows(GRANTS));
            }
        }

        @Test
        void givesTheNativeMatviewExactlyIndexVarHistIdx() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(VAR_HIST_IDX, db.column(INDEXES));
                assertEquals("m", db.value(RELKIND));
            }
        }
    }

    /** vars_per_history_mv version 2 at this revision. */
    @Nested
    class TheMatview {

        /**
         * On PyCDS's test data set: empty until refreshed (it was created on an empty schema), then 136 pairs of 47
         * histories, among them the twelve listed with their first and last observation times and eleven more.
         */
        @Test
        void givesThePairsAndTheirTimesOnTheTestDataSet() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals("0", db.value("SELECT count(*) FROM crmp.vars_per_history_mv"));
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                assertEquals(List.of(List.of("136", "47", "70519", "1957-10-01 00:00:00", "2015-09-24 16:00:00")),
                        db.rows("SELECT count(*), count(DISTINCT history_id), sum(vars_id), min(start_time),"
                                + " max(end_time) FROM crmp.vars_per_history_mv"));
                assertEquals(List.of(
                        List.of("1616", "558", "2000-01-31 23:59:59", "2000-12-31 23:59:59"),
                        List.of("1716", "559", "2000-01-31 23:59:59", "2000-12-31 23:59:59"),
                        List.of("1816", "556", "2000-01-31 23:59:59", "2000-12-31 23:59:59"),
                        List.of("1916", "494", "2006-09-15 00:00:00", "2006-11-03 00:00:00"),
                        List.of("3416", "437", "2015-09-24 10:00:00", "2015-09-24 16:00:00"),
                        List.of("3616", "434", "2015-09-09 03:00:00", "2015-09-24 16:00:00"),
                        List.of("6116", "526", "1969-06-29 00:00:00", "1970-09-28 00:00:00"),
                        List.of("6316", "527", "1977-07-06 00:00:00", "1977-10-19 00:00:00"),
                        List.of("6716", "528", "1969-12-29 00:00:00", "1971-01-29 00:00:00"),
                        List.of("8216", "526", "1975-08-05 00:00:00", "1975-08-05 00:00:00"),
                        List.of("8316", "552", "2013-08-22 04:00:00", "2013-08-22 10:00:00"),
                        List.of("8516", "544", "2012-09-16 06:00:00", "2012-09-16 06:00:00")),
                        db.rows("SELECT * FROM crmp.vars_per_history_mv WHERE (history_id, vars_id) IN ((6116, 526),"
                                + " (8216, 526), (6716, 528), (8516, 544), (1716, 559), (1816, 556), (3416, 437),"
                                + " (8316, 552), (1916, 494), (1616, 558), (6316, 527), (3616, 434)) ORDER BY 1, 2"));
                assertEquals("11", db.value("SELECT count(*) FROM crmp.vars_per_history_mv WHERE (history_id, vars_id)"
                        + " IN ((8316, 555), (2716, 497), (5716, 526), (1816, 556), (1616, 556), (7716, 526),"
                        + " (5916, 526), (8016, 528), (3516, 562), (7816, 527), (5816, 519))"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void restoresTheDistinctPairsFromCurrentData() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                REVISION.rollBack(db);
                assertEquals(List.of(List.of("1", "1"), List.of("1", "2"), List.of("2", "1")), db.rows(PAIRS));
                assertEquals(List.of(List.of("1", "{1,2}"), List.of("2", "{1}")),
                        db.rows("SELECT history_id, vars_ids FROM crmp.collapsed_vars_mv ORDER BY history_id"));
            }
        }

        @Test
        void givesTheRebuiltObjectsBackToTheMigrationUser() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(owned("tester"), owners(db));
            }
        }

        @Test
        void keepsTheStandardGrantsOnTheRebuiltObjects() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(STANDARD_GRANTS, db.rows(GRANTS));
            }
        }

        @Test
        void givesTheNativeMatviewExactlyIndexVarHistIdx() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(VAR_HIST_IDX, db.column(INDEXES));
                assertEquals("m", db.value(RELKIND));
            }
        }
    }

    private static List<List<String>> owned(String owner) {
        return REBUILT.stream().map(name -> List.of(name, owner)).toList();
    }

    private static List<List<String>> owners(TestDatabase db) throws SQLException {
        List<List<String>> rows = db.rows("SELECT relname, pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE relnamespace = 'crmp'::regnamespace AND relname IN ('collapsed_vars_mv',"
                + " 'crmp_network_geoserver', 'vars_per_history_mv') ORDER BY relname");
        assertTrue(rows.size() == 3, rows.toString());
        return rows;
    }
}
