package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 22, {@code efde19ea4f52} "Fix function getstationvariabletable"
 * ({@code changelog/revisions/022-efde19ea4f52-fix-function-getstationvariabletable.yaml}): replaces the plpython3u
 * function {@code getstationvariabletable(station_id, climo)} by version 2
 * ({@code changelog/objects/functions/getstationvariabletable/efde19ea4f52.sql}), which picks the station's network
 * variables by {@code variable_tags} ({@code climatology} / {@code observation}) instead of a regular expression on
 * {@code cell_method}, and names {@code obs_raw} unqualified in the statement it returns (see
 * {@code docs/known-defects.md}). The rollback restores version 1
 * ({@code changelog/objects/functions/getstationvariabletable/4a2f1879293a.sql}). Runs elevated both ways: the
 * function stays owned by the elevated role.
 */
class Rev022_efde19ea4f52_FixFunctionGetstationvariabletableTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("efde19ea4f52");

    /**
     * Network 1 with station 1 (histories 10 and 11) and variables whose tag and cell method disagree:
     * 1 {@code Tx_Climatology} with a plain cell method (climatology by name), 2 {@code tmax} with a
     * climatological cell method (an observation by name), 3 {@code b_obs} and 4 {@code A_obs} (observations
     * either way; their order shows that names sort case-insensitively); network 2 has a variable 5 that no
     * station of network 1 may get.
     */
    private static final String SEED = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1'), (2, 'Network 2');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, 's1', 1), (2, 's2', 2);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq) VALUES
                (10, 1, 'Station 1', 'daily'), (11, 1, 'Station 1', '1-hourly'), (20, 2, 'Station 2', 'daily');
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
            VALUES
                (1, 1, 'Tx_Climatology', 'air_temperature', 'time: maximum', 'x'),
                (2, 1, 'tmax', 'air_temperature', 't: maximum within days t: mean over years', 'x'),
                (3, 1, 'b_obs', 'air_temperature', 'time: point', 'x'),
                (4, 1, 'A_obs', 'air_temperature', 'time: mean', 'x'),
                (5, 2, 'other_network', 'air_temperature', 'time: point', 'x');
            """;

    /** Version 1's statement for station 1 of {@link #SEED}, observations: chosen by cell method, obs_raw qualified. */
    private static final String V1_OBSERVATIONS = "SELECT obs_time,MAX(CASE WHEN vars_id=4 THEN datum END) as A_obs,"
            + "MAX(CASE WHEN vars_id=3 THEN datum END) as b_obs,"
            + "MAX(CASE WHEN vars_id=1 THEN datum END) as Tx_Climatology"
            + " from crmp.obs_raw WHERE (history_id = 10 OR history_id = 11) AND vars_id IN (4,3,1)"
            + " GROUP BY obs_time ORDER BY obs_time";
    /** Version 1's statement for station 1 of {@link #SEED}, climatologies. */
    private static final String V1_CLIMATOLOGY = "SELECT obs_time,MAX(CASE WHEN vars_id=2 THEN datum END) as tmax"
            + " from crmp.obs_raw WHERE (history_id = 10 OR history_id = 11) AND vars_id IN (2)"
            + " GROUP BY obs_time ORDER BY obs_time";

    private static final String FUNCTION = "SELECT p.proname, l.lanname, pg_get_userbyid(p.proowner),"
            + " pg_get_function_arguments(p.oid), pg_get_function_result(p.oid) FROM pg_proc p"
            + " JOIN pg_language l ON l.oid = p.prolang"
            + " WHERE p.pronamespace = 'crmp'::regnamespace AND p.proname = 'getstationvariabletable'";
    private static final List<List<String>> PLPYTHON_OF_THE_ELEVATED_ROLE = List.of(List.of("getstationvariabletable",
            "plpython3u", "pcicdba", "station_id integer, climo boolean", "text"));

    @Nested
    class Upgrade {

        @Test
        void choosesTheVariablesByTagAndNamesObsRawUnqualified() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                assertEquals(V1_OBSERVATIONS, call(db, 1, false));
                assertEquals(V1_CLIMATOLOGY, call(db, 1, true));
                REVISION.upgrade(db);
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=4 THEN datum END) as A_obs,"
                        + "MAX(CASE WHEN vars_id=3 THEN datum END) as b_obs,"
                        + "MAX(CASE WHEN vars_id=2 THEN datum END) as tmax"
                        + " from obs_raw WHERE (history_id = 10 OR history_id = 11) AND vars_id IN (4,3,2)"
                        + " GROUP BY obs_time ORDER BY obs_time", call(db, 1, false));
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=1 THEN datum END) as Tx_Climatology"
                        + " from obs_raw WHERE (history_id = 10 OR history_id = 11) AND vars_id IN (1)"
                        + " GROUP BY obs_time ORDER BY obs_time", call(db, 1, true));
            }
        }

        @Test
        void leavesAPlpython3uFunctionOwnedByTheElevatedRole() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(PLPYTHON_OF_THE_ELEVATED_ROLE, db.rows(FUNCTION));
            }
        }
    }

    /** Version 2 of the function at this revision. */
    @Nested
    class TheFunction {

        @Test
        void anUnknownStationGivesAStatementWithEmptyLists() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                assertEquals("SELECT obs_time from obs_raw WHERE () AND vars_id IN () GROUP BY obs_time ORDER BY obs_time",
                        call(db, 999, false));
            }
        }

        @Test
        void theReturnedStatementRunsOnlyWithTheSchemaOnTheSearchPath() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(SEED);
                db.execute("INSERT INTO crmp.obs_raw (obs_time, mod_time, datum, vars_id, history_id) VALUES"
                        + " ('2000-01-01 00:00', now(), 1.5, 3, 10), ('2000-01-01 00:00', now(), 2.5, 4, 11),"
                        + " ('2000-01-02 00:00', now(), 3.5, 3, 11), ('2000-01-02 00:00', now(), 9, 5, 20)");
                String sql = call(db, 1, false);
                try (Connection c = db.newConnection(TestDatabases.MIGRATION_USER); Statement s = c.createStatement()) {
                    s.execute("SET search_path TO public");
                    SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql));
                    assertEquals("42P01", e.getSQLState(), e.getMessage());
                    s.execute("SET search_path TO crmp, public");
                    assertEquals(List.of(
                            List.of("obs_time", "a_obs", "b_obs", "tmax"),
                            Arrays.asList("2000-01-01 00:00:00", "2.5", "1.5", null),
                            Arrays.asList("2000-01-02 00:00:00", null, "3.5", null)), table(s, sql));
                }
            }
        }

        /**
         * On PyCDS's test data set: for six stations and both values of climo, the statement's column of every
         * variable the station has observations for (per vars_per_history_mv) and whose tag matches holds exactly
         * that variable's observations, by obs_time. Also the exact statement for station 1213's climatologies.
         */
        @Test
        void eachStationsStatementPivotsItsObservationsOnTheTestData() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                db.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
                assertEquals("SELECT obs_time,MAX(CASE WHEN vars_id=559 THEN datum END) as Precip_Climatology,"
                        + "MAX(CASE WHEN vars_id=558 THEN datum END) as T_mean_Climatology,"
                        + "MAX(CASE WHEN vars_id=557 THEN datum END) as Tn_Climatology,"
                        + "MAX(CASE WHEN vars_id=556 THEN datum END) as Tx_Climatology from obs_raw"
                        + " WHERE (history_id = 1616) AND vars_id IN (559,558,557,556) GROUP BY obs_time ORDER BY obs_time",
                        call(db, 1213, true));
                int compared = 0;
                try (Connection c = db.newConnection(TestDatabases.MIGRATION_USER); Statement s = c.createStatement()) {
                    s.execute("SET search_path TO crmp, public");
                    for (int station : new int[] {4137, 1213, 2313, 1313, 5136, 5634}) {
                        for (boolean climo : new boolean[] {false, true}) {
                            List<List<String>> result = table(s, call(db, station, climo));
                            List<String> header = result.get(0);
                            List<List<String>> variables = db.rows("SELECT DISTINCT v.vars_id, lower(v.net_var_name)"
                                    + " FROM crmp.vars_per_history_mv vph JOIN crmp.meta_history h USING (history_id)"
                                    + " JOIN crmp.meta_vars v ON v.vars_id = vph.vars_id WHERE h.station_id = " + station
                                    + " AND crmp.variable_tags(v) @> ARRAY['" + (climo ? "climatology" : "observation")
                                    + "'] ORDER BY 1");
                            for (List<String> variable : variables) {
                                String context = "station " + station + " climo " + climo + " variable " + variable;
                                int column = header.indexOf(variable.get(1));
                                assertTrue(column > 0, context + ": column in " + header);
                                List<List<String>> actual = new ArrayList<>();
                                for (List<String> row : result.subList(1, result.size())) {
                                    if (row.get(column) != null) {
                                        actual.add(List.of(row.get(0), row.get(column)));
                                    }
                                }
                                assertEquals(db.rows("SELECT o.obs_time, o.datum FROM crmp.obs_raw o"
                                        + " JOIN crmp.meta_history h USING (history_id) WHERE h.station_id = " + station
                                        + " AND o.vars_id = " + variable.get(0) + " ORDER BY o.obs_time"), actual, context);
                                compared++;
                            }
                        }
                    }
                }
                assertTrue(compared >= 12, "variables compared: " + compared);
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void choosesTheVariablesByCellMethodAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(SEED);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(V1_OBSERVATIONS, call(db, 1, false));
                assertEquals(V1_CLIMATOLOGY, call(db, 1, true));
            }
        }

        @Test
        void leavesAPlpython3uFunctionOwnedByTheElevatedRole() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(PLPYTHON_OF_THE_ELEVATED_ROLE, db.rows(FUNCTION));
            }
        }
    }

    private static String call(TestDatabase db, int station, boolean climo) throws SQLException {
        return db.value("SELECT crmp.getstationvariabletable(" + station + ", " + climo + ")");
    }

    /** Header (column labels) then every row, as text. */
    private static List<List<String>> table(Statement statement, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                header.add(meta.getColumnLabel(c));
            }
            out.add(header);
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= header.size(); c++) {
                    row.add(rs.getString(c));
                }
                out.add(row);
            }
        }
        return out;
    }
}
