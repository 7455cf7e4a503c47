package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.revisions.MatviewChecks.STANDARD_GRANTS;
import static org.pacificclimate.crmp.revisions.MatviewChecks.columns;
import static org.pacificclimate.crmp.revisions.MatviewChecks.grants;
import static org.pacificclimate.crmp.revisions.MatviewChecks.indexes;
import static org.pacificclimate.crmp.revisions.MatviewChecks.owner;
import static org.pacificclimate.crmp.revisions.MatviewChecks.populated;
import static org.pacificclimate.crmp.revisions.MatviewChecks.relkind;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision bb2a222a1d4a, "Convert obs_count_per_month_history_mv to native matview"
 * ({@code changelog/revisions/019-bb2a222a1d4a-convert-obs-count-per-month-history-mv-to-native-matview.yaml}):
 * the "fake" matview table {@code obs_count_per_month_history_mv} and its companion view {@code
 * obs_count_per_month_history_v} are replaced by a native matview
 * ({@code changelog/objects/matviews/obs_count_per_month_history_mv/bb2a222a1d4a.sql}) with the view's query
 * (number of observations per month and history; {@code count} becomes bigint), index {@code
 * obs_count_per_month_history_idx} and the standard grants; nothing happens if such a matview already exists.
 * Our rollback restores the table as it was before the upgrade (count integer, primary key, foreign key, its
 * index, no grants), filled from its companion view, where PyCDS's downgrade gives an empty table with grants
 * and without the index ({@code docs/known-defects.md}).
 */
class Rev019_bb2a222a1d4a_ConvertObsCountPerMonthHistoryMvToNativeMatviewTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("bb2a222a1d4a");

    private static final String NAME = "obs_count_per_month_history_mv";
    private static final String VIEW = "obs_count_per_month_history_v";
    private static final String CONTENT = "SELECT count, date_trunc, history_id FROM crmp." + NAME
            + " ORDER BY history_id NULLS LAST, date_trunc NULLS LAST";
    private static final String VIEW_CONTENT = "SELECT count, date_trunc, history_id FROM crmp." + VIEW
            + " ORDER BY history_id NULLS LAST, date_trunc NULLS LAST";
    private static final String INDEX = "obs_count_per_month_history_idx: CREATE INDEX obs_count_per_month_history_idx"
            + " ON crmp.obs_count_per_month_history_mv USING btree (date_trunc, history_id)";
    private static final String PKEY = "obs_count_per_month_history_mv_pkey: CREATE UNIQUE INDEX"
            + " obs_count_per_month_history_mv_pkey ON crmp.obs_count_per_month_history_mv USING btree (date_trunc, history_id)";

    /**
     * Histories 100 and 200 of station 10; variables 1 and 2. History 100: two observations in January 2000
     * (first and last second of the month), two in February (a leap day among them). History 200: two
     * observations at one time (two variables) in January, one without a time. One observation without a
     * history.
     */
    private static final String SEED = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'net');
            INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a');
            INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'A'), (200, 10, 'B');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES
                (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'Tmax'),
                (2, 1, 'tmin', 'air_temperature', 'time: minimum', 'Tmin');
            INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                (1, '2000-01-01 00:00', '2001-01-01', 1, 1, 100),
                (2, '2000-01-31 23:59:59', '2001-01-01', 1, 1, 100),
                (3, '2000-02-01 00:00', '2001-01-01', 1, 1, 100),
                (4, '2000-02-29 12:00', '2001-01-01', 1, 2, 100),
                (5, '2000-01-15 06:00', '2001-01-01', 1, 1, 200),
                (6, '2000-01-15 06:00', '2001-01-01', 1, 2, 200),
                (7, NULL, '2001-01-01', 1, 1, 200),
                (8, '2000-01-10 00:00', '2001-01-01', 1, 1, NULL);
            """;

    /** The groups of {@link #SEED}, ordered as {@link #CONTENT} orders them. */
    private static final List<List<String>> SEED_GROUPS = List.of(
            Arrays.asList("2", "2000-01-01 00:00:00", "100"),
            Arrays.asList("2", "2000-02-01 00:00:00", "100"),
            Arrays.asList("2", "2000-01-01 00:00:00", "200"),
            Arrays.asList("1", null, "200"),
            Arrays.asList("1", "2000-01-01 00:00:00", null));

    @Nested
    class Upgrade {

        @Test
        void replacesTheTableByAMatviewComputedFromTheDataAtThatMoment() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                db.execute("INSERT INTO crmp." + NAME + " (count, date_trunc, history_id) VALUES (999, '1900-01-01', 416)");
                assertEquals(List.of("count integer", "date_trunc timestamp without time zone", "history_id integer"),
                        columns(db, NAME));

                REVISION.upgrade(db);
                assertEquals(Optional.of("m"), relkind(db, NAME));
                assertTrue(populated(db, NAME));
                assertEquals(List.of("count bigint", "date_trunc timestamp without time zone", "history_id integer"),
                        columns(db, NAME));
                assertEquals(List.of(INDEX), indexes(db, NAME));
                assertEquals(STANDARD_GRANTS, grants(db, NAME));
                assertEquals("tester", owner(db, NAME));
                assertEquals(Optional.empty(), relkind(db, VIEW));
                assertSubsetContent(db);
            }
        }

        @Test
        void countsEveryObservationOnceInItsCalendarMonthWithNullTimesOrHistoriesInGroupsOfTheirOwn() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                assertEquals(SEED_GROUPS, db.rows(CONTENT));
                assertEquals(ExpectedContent.obsCountPerMonthHistory(db), db.rows(CONTENT));
            }
        }

        @Test
        void doesNothingWhenAMatviewOfThatNameAlreadyExists() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("DROP TABLE crmp." + NAME + ";"
                        + "CREATE MATERIALIZED VIEW crmp." + NAME + " AS SELECT 7::bigint AS count,"
                        + " '2000-01-01'::timestamp AS date_trunc, 1 AS history_id");

                REVISION.upgrade(db);
                assertEquals(Optional.of(REVISION.id()), db.migrations().current());
                assertEquals(List.of(List.of("7", "2000-01-01 00:00:00", "1")), db.rows(CONTENT));
                assertEquals(List.of(), indexes(db, NAME));
                assertEquals(List.of(), grants(db, NAME));
                assertEquals(Optional.of("v"), relkind(db, VIEW));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void fillsTheTableFromTheViewLeavingOutGroupsWithoutMonthOrHistory() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);

                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, NAME));
                // count, date_trunc and history_id are the table's columns again, the last two its primary key.
                assertEquals(SEED_GROUPS.subList(0, 3), db.rows(CONTENT));
                assertEquals(SEED_GROUPS, db.rows(VIEW_CONTENT));
            }
        }

        @Test
        void givesBackTheTableWithItsIndexesAndNoGrantsAndTheViewWithGrants() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                REVISION.upgrade(db);
                List<List<String>> counts = db.rows(CONTENT);
                assertEquals(541, counts.size());

                REVISION.rollBack(db);
                assertEquals(Optional.of("r"), relkind(db, NAME));
                assertEquals(List.of("count integer", "date_trunc timestamp without time zone", "history_id integer"),
                        columns(db, NAME));
                assertEquals(List.of(INDEX, PKEY), indexes(db, NAME));
                // (The referenced table's schema is left out: pg_get_constraintdef shows it only when it is not on
                // the search_path.)
                assertEquals(List.of(
                        List.of("obs_count_per_month_history_mv_history_id_fkey", "f", "{history_id}", "meta_history"),
                        List.of("obs_count_per_month_history_mv_pkey", "p", "{date_trunc,history_id}", "")),
                        db.rows("SELECT c.conname, c.contype, ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY"
                                + " AS k(attnum, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
                                + " ORDER BY k.i)::text, coalesce((SELECT relname FROM pg_class WHERE oid = c.confrelid), '')"
                                + " FROM pg_constraint c WHERE c.conrelid = 'crmp." + NAME + "'::regclass ORDER BY c.conname"));
                assertEquals(List.of(), grants(db, NAME));
                assertEquals("tester", owner(db, NAME));
                assertEquals(Optional.of("v"), relkind(db, VIEW));
                assertEquals(STANDARD_GRANTS, grants(db, VIEW));
                assertEquals(counts, db.rows(CONTENT));
                assertEquals(counts, db.rows(VIEW_CONTENT));
            }
        }
    }

    @Nested
    class Refreshing {

        @Test
        void theMatviewIsEmptyUntilRefreshed() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals(List.of(), db.rows(CONTENT));
                db.execute("REFRESH MATERIALIZED VIEW crmp." + NAME);
                assertSubsetContent(db);
            }
        }

        @Test
        void theMatviewCannotBeRefreshedConcurrentlyItsIndexIsNotUnique() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp." + NAME));
                assertEquals("55000", e.getSQLState());
            }
        }
    }

    /**
     * The matview on PyCDS's test data ({@code fixtures/crmp_subset_data.sql}): some known rows, a fingerprint
     * of the whole, and every row as computed in Java by {@link ExpectedContent#obsCountPerMonthHistory}.
     */
    private static void assertSubsetContent(TestDatabase db) throws Exception {
        List<List<String>> rows = db.rows(CONTENT);
        for (List<String> expected : List.of(
                List.of("2", "1976-08-01 00:00:00", "5716"), List.of("31", "1990-08-01 00:00:00", "5816"),
                List.of("16", "2015-01-01 00:00:00", "1116"), List.of("50", "2015-09-01 00:00:00", "3616"),
                List.of("50", "2013-08-01 00:00:00", "8316"), List.of("50", "2004-08-01 00:00:00", "3016"),
                List.of("29", "1959-07-01 00:00:00", "416"), List.of("30", "1957-10-01 00:00:00", "916"),
                List.of("19", "1983-12-01 00:00:00", "716"), List.of("4", "2000-12-01 00:00:00", "816"))) {
            assertTrue(rows.contains(expected), "row " + expected);
        }
        assertEquals(List.of("541", "1969", "1957-10-01 00:00:00", "2015-09-01 00:00:00"),
                db.rows("SELECT count(*), sum(count), min(date_trunc), max(date_trunc) FROM crmp." + NAME).get(0));
        assertFalse(rows.stream().anyMatch(r -> r.contains(null)), "no NULL month or history in the test data");
        assertEquals(ExpectedContent.obsCountPerMonthHistory(db), rows);
    }
}
