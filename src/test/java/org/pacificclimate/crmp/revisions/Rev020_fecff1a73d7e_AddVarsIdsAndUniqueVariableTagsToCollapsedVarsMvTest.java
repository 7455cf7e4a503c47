package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision fecff1a73d7e, "Add columns vars_ids and unique_variable_tags to matview collapsed_vars_mv"
 * ({@code changelog/revisions/020-fecff1a73d7e-add-vars-ids-and-unique-variable-tags-to-collapsed-vars-mv.yaml}):
 * the native matview {@code collapsed_vars_mv} is re-created in version 2
 * ({@code changelog/objects/matviews/collapsed_vars_mv/fecff1a73d7e.sql}): per history, the ids of its variables
 * ascending, the distinct {@code variable_tags} of its variables, and the display names and identifiers now in
 * the order of the variable ids; index {@code collapsed_vars_idx} and the standard grants again. {@code
 * crmp_network_geoserver} is re-created in its 22-column version
 * ({@code changelog/objects/views/crmp_network_geoserver/84b7fc2596d5.sql}), so it does not show the new columns
 * yet. The rollback re-creates version 1 ({@code changelog/objects/matviews/collapsed_vars_mv/22819129a609.sql})
 * from the data of that moment ({@code docs/known-defects.md}). PyCDS has no test for this revision.
 */
class Rev020_fecff1a73d7e_AddVarsIdsAndUniqueVariableTagsToCollapsedVarsMvTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("fecff1a73d7e");

    private static final String NAME = "collapsed_vars_mv";
    private static final String GEOSERVER = "crmp_network_geoserver";
    private static final String CONTENT = "SELECT history_id, vars_ids, unique_variable_tags, display_names, vars"
            + " FROM crmp.collapsed_vars_mv ORDER BY history_id NULLS LAST";
    private static final String V1_CONTENT = "SELECT history_id, vars, display_names FROM crmp.collapsed_vars_mv"
            + " ORDER BY history_id NULLS LAST";
    private static final String INDEX = "collapsed_vars_idx: CREATE INDEX collapsed_vars_idx ON crmp.collapsed_vars_mv"
            + " USING btree (history_id)";
    private static final List<String> V1_COLUMNS = List.of("history_id integer", "vars text", "display_names text");
    private static final List<String> V2_COLUMNS = List.of("history_id integer", "vars_ids integer[]",
            "unique_variable_tags text[]", "display_names text", "vars text");

    /**
     * Network 1, station 10 with histories 100 (variables 5, 3, 1, observed in that order, some twice), 200
     * (variable 2), 300 (only the climatology variable 5) and 400 (no observations); one observation of
     * variable 1 without a history. Variable ids go against the order of names and display names; variable 5
     * is a climatology by its name, its cell method contains no "time: "; variable 4 has two "time: ".
     */
    private static final String SEED = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'net');
            INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a');
            INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES
                (100, 10, 'A'), (200, 10, 'B'), (300, 10, 'C'), (400, 10, 'D');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES
                (5, 1, 'Tx_Climatology', 'air_temperature', 't: maximum within days t: mean over years', 'A climatology'),
                (3, 1, 'tmin', 'air_temperature', 'time: minimum', 'B minimum'),
                (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'C maximum'),
                (2, 1, 'pcp', 'thickness_of_rainfall_amount', 'time: sum', 'Rainfall'),
                (4, 1, 'tmean', 'air_temperature', 'time: mean time: point', 'Mean');
            INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                (1, '2000-01-01', '2001-01-01', 1, 5, 100), (2, '2000-01-02', '2001-01-01', 1, 5, 100),
                (3, '2000-01-01', '2001-01-01', 1, 3, 100), (4, '2000-01-01', '2001-01-01', 1, 1, 100),
                (5, '2000-01-02', '2001-01-01', 1, 1, 100), (6, '2000-01-01', '2001-01-01', 1, 2, 200),
                (7, '2000-01-01', '2001-01-01', 1, 5, 300), (8, '2000-01-01', '2001-01-01', 1, 1, NULL);
            REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv;
            """;

    /** Version 2 on {@link #SEED}. unique_variable_tags: PyCDS leaves the order open, our definition sorts. */
    private static final List<List<String>> SEED_V2 = List.of(
            List.of("100", "{1,3,5}", "{climatology,observation}", "C maximum|B minimum|A climatology",
                    "air_temperature_maximum, air_temperature_minimum,"
                            + " air_temperaturet: maximum within days t: mean over years"),
            List.of("200", "{2}", "{observation}", "Rainfall", "thickness_of_rainfall_amount_sum"),
            List.of("300", "{5}", "{climatology}", "A climatology", "air_temperaturet: maximum within days t: mean over years"),
            Arrays.asList(null, "{1}", "{observation}", "C maximum", "air_temperature_maximum"));

    /**
     * The upgrade, then a new (history, variable) pair (variable 2 observed in history 300) with
     * vars_per_history_mv refreshed, then the rollback.
     */
    private static void upgradeAddAPairAndRollBack(TestDatabase db) throws Exception {
        REVISION.upgrade(db);
        // A new pair after the upgrade: version 1 is computed from vars_per_history_mv as refreshed now.
        db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                + " (9, '2000-01-01', '2001-01-01', 1, 2, 300); REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
        REVISION.rollBack(db);
    }

    @Nested
    class Upgrade {

        @Test
        void replacesVersion1ByVersion2WithItsIndexGrantsAndOwner() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(V1_COLUMNS, columns(db, NAME));
                List<String> geoserverColumns = columns(db, GEOSERVER);

                REVISION.upgrade(db);
                assertEquals(Optional.of("m"), relkind(db, NAME));
                assertTrue(populated(db, NAME));
                assertEquals(V2_COLUMNS, columns(db, NAME));
                assertEquals(List.of(INDEX), indexes(db, NAME));
                assertEquals(STANDARD_GRANTS, grants(db, NAME));
                assertEquals("tester", owner(db, NAME));
                // The view is re-created unchanged: 22 columns, ending in vars and display_names.
                assertEquals(Optional.of("v"), relkind(db, GEOSERVER));
                assertEquals(geoserverColumns, columns(db, GEOSERVER));
                assertEquals(22, geoserverColumns.size());
                assertEquals(List.of("vars text", "display_names text"), geoserverColumns.subList(20, 22));
                assertEquals(STANDARD_GRANTS, grants(db, GEOSERVER));
                assertEquals("tester", owner(db, GEOSERVER));
            }
        }

        @Test
        void listsEachHistorysVariablesInIdOrderWithTheirDistinctTags() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                assertEquals(SEED_V2, db.rows(CONTENT));
                assertEquals(ExpectedContent.collapsedVarsV2(db), db.rows(CONTENT));
            }
        }

        @Test
        void replacesEveryTimeColonSpaceOfTheCellMethodByAnUnderscore() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                        + " (9, '2000-01-01', '2001-01-01', 1, 4, 400); REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                REVISION.upgrade(db);
                assertEquals(List.of("air_temperature_mean _point"),
                        db.column("SELECT vars FROM crmp.collapsed_vars_mv WHERE history_id = 400"));
            }
        }

        @Test
        void letsCrmpNetworkGeoserverShowTheOrderedVariablesOfVersion2() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                List<List<String>> expected = new ArrayList<>();
                for (List<String> row : SEED_V2.subList(0, 3)) {
                    expected.add(List.of(row.get(0), row.get(4), row.get(3)));
                }
                expected.add(Arrays.asList("400", null, null));
                assertEquals(expected, db.rows("SELECT history_id, vars, display_names FROM crmp.crmp_network_geoserver"
                        + " ORDER BY history_id"));
            }
        }

        @Test
        void computesVersion2FromVarsPerHistoryAsItIsThen() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.loadSubsetData("crmp");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                REVISION.upgrade(db);
                assertSubsetContent(db);
                assertEquals(List.of("50", "47"), db.rows("SELECT count(*), count(vars) FROM crmp.crmp_network_geoserver").get(0));
                assertEquals(List.of(), db.rows("SELECT g.history_id FROM crmp.crmp_network_geoserver AS g"
                        + " LEFT JOIN crmp.collapsed_vars_mv AS c ON c.history_id = g.history_id"
                        + " WHERE g.vars IS DISTINCT FROM c.vars OR g.display_names IS DISTINCT FROM c.display_names"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void recreatesVersion1WithItsIndexGrantsAndOwnerAndTheViewUnchanged() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                List<String> geoserverColumns = columns(db, GEOSERVER);
                upgradeAddAPairAndRollBack(db);

                assertEquals(Optional.of("m"), relkind(db, NAME));
                assertTrue(populated(db, NAME));
                assertEquals(V1_COLUMNS, columns(db, NAME));
                assertEquals(List.of(INDEX), indexes(db, NAME));
                assertEquals(STANDARD_GRANTS, grants(db, NAME));
                assertEquals("tester", owner(db, NAME));
                assertEquals(geoserverColumns, columns(db, GEOSERVER));
                assertEquals(STANDARD_GRANTS, grants(db, GEOSERVER));
            }
        }

        @Test
        void computesVersion1FromTheCurrentPairs() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                upgradeAddAPairAndRollBack(db);

                // Version 1 aggregates in no particular order: compare the sorted parts.
                assertEquals(List.of(
                        List.of("100", "air_temperature_maximum, air_temperature_minimum,"
                                + " air_temperaturet: maximum within days t: mean over years",
                                "A climatology|B minimum|C maximum"),
                        List.of("200", "thickness_of_rainfall_amount_sum", "Rainfall"),
                        List.of("300", "air_temperaturet: maximum within days t: mean over years, thickness_of_rainfall_amount_sum",
                                "A climatology|Rainfall"),
                        Arrays.asList(null, "air_temperature_maximum", "C maximum")), sortedV1(db));
                assertEquals(List.of("300"), db.column("SELECT history_id FROM crmp.crmp_network_geoserver"
                        + " WHERE display_names LIKE '%Rainfall%' AND display_names LIKE '%climatology%'"));
            }
        }
    }

    @Nested
    class Refreshing {

        @Test
        void theMatviewIsEmptyUntilRefreshedAfterVarsPerHistory() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                db.execute("REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
                assertEquals(List.of(), db.rows(CONTENT));
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv; REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
                assertSubsetContent(db);
            }
        }

        @Test
        void theMatviewCannotBeRefreshedConcurrentlyItsIndexIsNotUnique() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY crmp.collapsed_vars_mv"));
                assertEquals("55000", e.getSQLState());
            }
        }
    }

    /** Version 1 rows with the parts of vars and display_names sorted. */
    private static List<List<String>> sortedV1(TestDatabase db) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : db.rows(V1_CONTENT)) {
            out.add(Arrays.asList(row.get(0), String.join(", ", Arrays.stream(row.get(1).split(", ")).sorted().toList()),
                    String.join("|", Arrays.stream(row.get(2).split("\\|")).sorted().toList())));
        }
        return out;
    }

    /**
     * Version 2 on PyCDS's test data ({@code fixtures/crmp_subset_data.sql}): a fingerprint of the whole, two
     * known rows, and every row as computed in Java by {@link ExpectedContent#collapsedVarsV2}.
     */
    private static void assertSubsetContent(TestDatabase db) throws Exception {
        assertEquals(List.of("47", "136", "5956", "3380", "12"),
                db.rows("SELECT count(*), sum(cardinality(vars_ids)), sum(length(vars)), sum(length(display_names)),"
                        + " count(*) FILTER (WHERE 'climatology' = ANY (unique_variable_tags)) FROM crmp.collapsed_vars_mv").get(0));
        assertEquals(List.of(
                List.of("416", "{429}", "{observation}", "Precipitation Amount", "lwe_thickness_of_precipitation_amount_sum"),
                List.of("716", "{429,430}", "{observation}", "Precipitation Amount|Rainfall Amount",
                        "lwe_thickness_of_precipitation_amount_sum, thickness_of_rainfall_amount_sum")),
                db.rows(CONTENT.replace("ORDER BY", "WHERE history_id IN (416, 716) ORDER BY")));
        assertEquals(ExpectedContent.collapsedVarsV2(db), db.rows(CONTENT));
    }
}
