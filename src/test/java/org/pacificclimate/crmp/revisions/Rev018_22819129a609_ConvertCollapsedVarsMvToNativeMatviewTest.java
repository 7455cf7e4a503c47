package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.revisions.MatviewChecks.STANDARD_GRANTS;
import static org.pacificclimate.crmp.revisions.MatviewChecks.columns;
import static org.pacificclimate.crmp.revisions.MatviewChecks.grants;
import static org.pacificclimate.crmp.revisions.MatviewChecks.indexes;
import static org.pacificclimate.crmp.revisions.MatviewChecks.owner;
import static org.pacificclimate.crmp.revisions.MatviewChecks.populated;
import static org.pacificclimate.crmp.revisions.MatviewChecks.relkind;
import static org.pacificclimate.crmp.revisions.MatviewChecks.rollbackTo;
import static org.pacificclimate.crmp.revisions.MatviewChecks.updateTo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.revisions.ExpectedContent.Var;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 22819129a609, "Convert collapsed_vars_mv to native matview": the "fake" matview table
 * {@code collapsed_vars_mv} and its companion view {@code collapsed_vars_v} are replaced by a native matview
 * (version 1: per history, the variables' identifiers joined with ", " and display names joined with "|", in
 * no particular order) with index {@code collapsed_vars_idx} and the standard grants; {@code
 * crmp_network_geoserver} (22 columns, vars and display_names now text) is re-created on it. Nothing is
 * converted if such a matview already exists (revisions.md §18, objects.md §C4, §B1). Our rollback restores
 * the table with its index, filled from its companion view.
 */
class Rev018_22819129a609_ConvertCollapsedVarsMvToNativeMatviewTest {

    private static final String BEFORE = "bf366199f463";
    private static final String REVISION = "22819129a609";

    private static final String CONTENT = "SELECT history_id, vars, display_names FROM crmp.collapsed_vars_mv ORDER BY history_id NULLS LAST";
    private static final String INDEX = "collapsed_vars_idx: CREATE INDEX collapsed_vars_idx ON crmp.collapsed_vars_mv USING btree (history_id)";

    @Test
    void upgradeReplacesTheTableByAMatviewComputedFromTheDataAtThatMoment() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.loadSubsetData("crmp");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv;"
                    + "INSERT INTO crmp.collapsed_vars_mv (history_id, vars, display_names) VALUES (416, 'lost', 'lost')");

            updateTo(db, REVISION);
            assertEquals(Optional.of("m"), relkind(db, "collapsed_vars_mv"));
            assertTrue(populated(db, "collapsed_vars_mv"));
            assertEquals(List.of("history_id integer", "vars text", "display_names text"), columns(db, "collapsed_vars_mv"));
            assertEquals(List.of(INDEX), indexes(db, "collapsed_vars_mv"));
            assertEquals(STANDARD_GRANTS, grants(db, "collapsed_vars_mv"));
            assertEquals("tester", owner(db, "collapsed_vars_mv"));
            assertEquals("tester", owner(db, "crmp_network_geoserver"));
            assertEquals(Optional.empty(), relkind(db, "collapsed_vars_v"));
            assertEquals(47, db.rows(CONTENT).size());
            assertContentMatchesTheObservedVariables(db);
        }
    }

    @Test
    void theMatviewIsEmptyUntilRefreshedAfterVarsPerHistory() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.loadSubsetData("crmp");
            db.execute("REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
            assertEquals(List.of(), db.rows(CONTENT));
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv; REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
            assertEquals(47, db.rows(CONTENT).size());
            assertContentMatchesTheObservedVariables(db);
        }
    }

    @Test
    void crmpNetworkGeoserverExposesTheMatviewsColumnsAsText() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            List<String> before = columns(db, "crmp_network_geoserver");
            assertEquals(List.of("vars character varying", "display_names character varying"), before.subList(20, 22));

            updateTo(db, REVISION);
            List<String> after = new ArrayList<>(before.subList(0, 20));
            after.addAll(List.of("vars text", "display_names text"));
            assertEquals(after, columns(db, "crmp_network_geoserver"));
            assertEquals(STANDARD_GRANTS, grants(db, "crmp_network_geoserver"));

            db.loadSubsetData("crmp");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv; REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
            assertEquals(List.of("50", "47"), db.rows("SELECT count(*), count(vars) FROM crmp.crmp_network_geoserver").get(0));
            assertEquals(List.of(), db.rows("SELECT g.history_id FROM crmp.crmp_network_geoserver AS g"
                    + " LEFT JOIN crmp.collapsed_vars_mv AS c ON c.history_id = g.history_id"
                    + " WHERE g.vars IS DISTINCT FROM c.vars OR g.display_names IS DISTINCT FROM c.display_names"));

            rollbackTo(db, BEFORE);
            assertEquals(before, columns(db, "crmp_network_geoserver"));
            assertEquals(List.of("50", "47"), db.rows("SELECT count(*), count(vars) FROM crmp.crmp_network_geoserver").get(0));
        }
    }

    @Test
    void identifiersAreTheStandardNameFollowedByTheCellMethodWithTimeReplaced() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedHistoriesAndVariables(db);
            db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                    + " (1, '2000-01-01', '2001-01-01', 1, 1, 100), (2, '2000-01-02', '2001-01-01', 1, 1, 100),"
                    + " (3, '2000-01-01', '2001-01-01', 1, 3, 100), (4, '2000-01-01', '2001-01-01', 1, 2, 200)");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");

            updateTo(db, REVISION);
            List<List<String>> rows = db.rows(CONTENT);
            assertEquals(2, rows.size());
            assertEquals("100", rows.get(0).get(0));
            assertEquals(List.of("air_temperature_maximum", "precipitation_amountt: sum within months t: mean over years"),
                    sortedParts(rows.get(0).get(1), ", "));
            assertEquals(List.of("Precip Climatology", "Temperature (Max.)"), sortedParts(rows.get(0).get(2), "\\|"));
            // Every "time: " becomes "_", nothing else changes: the space before the second one stays.
            assertEquals(List.of("200", "air_temperature_minimum _mean", "Temperature (Min.)"), rows.get(1));
        }
    }

    @Test
    void rollbackFillsTheTableOnlyWithHistoriesThatStillExist() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedHistoriesAndVariables(db);
            db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                    + " (1, '2000-01-01', '2001-01-01', 1, 1, 100), (2, '2000-01-01', '2001-01-01', 1, 2, 200),"
                    + " (3, '2000-01-01', '2001-01-01', 1, 3, NULL)");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
            updateTo(db, REVISION);
            assertEquals(List.of(List.of("100", "air_temperature_maximum", "Temperature (Max.)"),
                    List.of("200", "air_temperature_minimum _mean", "Temperature (Min.)"),
                    Arrays.asList(null, "precipitation_amountt: sum within months t: mean over years", "Precip Climatology")),
                    db.rows(CONTENT));
            // vars_per_history_mv goes stale: it still lists history 200.
            db.execute("DELETE FROM crmp.obs_raw WHERE history_id = 200; DELETE FROM crmp.meta_history WHERE history_id = 200");

            rollbackTo(db, BEFORE);
            assertEquals(Optional.of("r"), relkind(db, "collapsed_vars_mv"));
            assertEquals(List.of(List.of("100", "air_temperature_maximum", "Temperature (Max.)")), db.rows(CONTENT));
        }
    }

    @Test
    void rollbackLeavesTheTableEmptyWhenVarsPerHistoryIsNotPopulated() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.loadSubsetData("crmp");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv WITH NO DATA");
            rollbackTo(db, BEFORE);
            assertEquals(Optional.of(BEFORE), db.migrations().current());
            assertEquals(Optional.of("r"), relkind(db, "collapsed_vars_mv"));
            assertEquals(List.of(), db.rows(CONTENT));
            assertFalse(populated(db, "vars_per_history_mv"));
        }
    }

    @Test
    void rollbackGivesBackTheTableWithItsIndexesAndGrantsFilledFromItsView() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.loadSubsetData("crmp");
            db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
            updateTo(db, REVISION);

            rollbackTo(db, BEFORE);
            assertEquals(Optional.of("r"), relkind(db, "collapsed_vars_mv"));
            assertEquals(List.of(INDEX, "collapsed_vars_mv_pkey: CREATE UNIQUE INDEX collapsed_vars_mv_pkey ON"
                    + " crmp.collapsed_vars_mv USING btree (history_id)"), indexes(db, "collapsed_vars_mv"));
            assertEquals(STANDARD_GRANTS, grants(db, "collapsed_vars_mv"));
            assertEquals(STANDARD_GRANTS, grants(db, "collapsed_vars_v"));
            assertEquals("tester", owner(db, "collapsed_vars_mv"));
            assertEquals(47, db.rows(CONTENT).size());
            assertContentMatchesTheObservedVariables(db);
        }
    }

    @Test
    void upgradeDoesNotConvertWhenAMatviewOfThatNameAlreadyExists() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.execute("DROP VIEW crmp.crmp_network_geoserver; DROP TABLE crmp.collapsed_vars_mv;"
                    + "CREATE MATERIALIZED VIEW crmp.collapsed_vars_mv AS SELECT 1 AS history_id, 'v'::text AS vars,"
                    + " 'd'::text AS display_names");

            updateTo(db, REVISION);
            assertEquals(Optional.of(REVISION), db.migrations().current());
            assertEquals(List.of(List.of("1", "v", "d")), db.rows(CONTENT));
            assertEquals(List.of(), indexes(db, "collapsed_vars_mv"));
            assertEquals(List.of(), grants(db, "collapsed_vars_mv"));
            assertEquals(Optional.of("v"), relkind(db, "collapsed_vars_v"));
            // Unlike PyCDS, which does nothing at all here, crmp_network_geoserver is created (or replaced) in
            // its 22-column version: its object file runs unconditionally (docs/known-defects.md).
            assertEquals(Optional.of("v"), relkind(db, "crmp_network_geoserver"));
            assertEquals(List.of(), grants(db, "crmp_network_geoserver"));
        }
    }

    private static void seedHistoriesAndVariables(TestDatabase db) throws Exception {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'net');"
                + "INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a');"
                + "INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'A'), (200, 10, 'B');"
                + "INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES"
                + " (1, 1, 'tmax', 'air_temperature', 'time: maximum', 'Temperature (Max.)'),"
                + " (2, 1, 'tmin', 'air_temperature', 'time: minimum time: mean', 'Temperature (Min.)'),"
                + " (3, 1, 'P_Climatology', 'precipitation_amount', 't: sum within months t: mean over years', 'Precip Climatology')");
    }

    /**
     * Version 1 aggregates in no particular order, so each row is compared as sets: every ", "-separated
     * identifier and every "|"-separated display name against those of the variables observed in that
     * history (objects.md §C4).
     */
    private static void assertContentMatchesTheObservedVariables(TestDatabase db) throws Exception {
        Map<String, List<Var>> expected = ExpectedContent.variablesPerHistory(db);
        expected.remove(null);
        List<List<String>> rows = db.rows(CONTENT);
        assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(r -> r.get(0)).toList());
        for (List<String> row : rows) {
            List<Var> vars = expected.get(row.get(0));
            assertEquals(vars.stream().map(Var::identifier).filter(Objects::nonNull).sorted().toList(),
                    sortedParts(row.get(1), ", "), "vars of history " + row.get(0));
            assertEquals(vars.stream().map(Var::displayName).filter(Objects::nonNull).sorted().toList(),
                    sortedParts(row.get(2), "\\|"), "display names of history " + row.get(0));
        }
    }

    private static List<String> sortedParts(String joined, String separatorRegex) {
        return joined == null ? List.of() : Arrays.stream(joined.split(separatorRegex, -1)).sorted().toList();
    }
}
