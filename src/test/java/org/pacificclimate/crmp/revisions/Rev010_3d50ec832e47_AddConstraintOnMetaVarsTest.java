package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 3d50ec832e47, "add constraint on meta vars"
 * ({@code changelog/revisions/010-3d50ec832e47-add-constraint-on-meta-vars.yaml}): installs extension citext, makes
 * {@code meta_vars.net_var_name} citext and adds UNIQUE {@code network_variable_name_unique (network_id,
 * net_var_name)}, so variable names are unique per network ignoring case
 * ({@code changelog/revisions/010-3d50ec832e47/upgrade.sql}); view {@code obs_with_flags} is dropped and re-created
 * around the type change ({@code changelog/objects/views/obs_with_flags/84b7fc2596d5.sql}). Unlike PyCDS, the
 * rollback drops citext only when nothing else in the database uses it
 * ({@code changelog/revisions/010-3d50ec832e47/downgrade-citext.sql}, docs/known-defects.md).
 */
class Rev010_3d50ec832e47_AddConstraintOnMetaVarsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("3d50ec832e47");

    private static final String VARS = "SELECT vars_id, network_id, net_var_name, display_name FROM crmp.meta_vars ORDER BY vars_id";

    private static final String NET_VAR_NAME_TYPE = "SELECT atttypid::regtype::text FROM pg_attribute "
            + "WHERE attrelid = 'crmp.meta_vars'::regclass AND attname = 'net_var_name'";

    /** The rows of {@link #VARS} that {@link #seedFiveVariables} inserts. */
    private static final List<List<String>> FIVE_VARIABLES = List.of(
            List.of("1", "1", "Tmax", "var 1"),
            List.of("2", "1", "Precip Total", "var 2"),
            List.of("3", "2", "TMAX", "var 3"),
            Arrays.asList("4", "2", null, "var 4"),
            Arrays.asList("5", "1", null, "var 5"));

    private static final String OBS_WITH_FLAGS = "SELECT vars_id, network_id, unit, standard_name, cell_method,"
            + " net_var_name, station_id, obs_raw_id, obs_time, mod_time, datum FROM crmp.obs_with_flags ORDER BY obs_raw_id";

    /** The rows of {@link #OBS_WITH_FLAGS} on the data of {@link #seedObservations}. */
    private static final List<List<String>> OBSERVATIONS_WITH_FLAGS = List.of(
            Arrays.asList("1", "1", null, "air_temperature", "time: maximum", "Tmax", "10", "1000",
                    "2020-01-01 00:00:00", "2020-01-02 00:00:00", "1.5"),
            Arrays.asList("2", "2", null, "air_temperature", "time: maximum", "Tmin", "20", "1001",
                    "2020-01-01 01:00:00", "2020-01-02 00:00:00", "-2.25"),
            Arrays.asList("1", "1", null, "air_temperature", "time: maximum", "Tmax", "20", "1002",
                    "2020-01-01 02:00:00", "2020-01-02 00:00:00", "3"));

    private static void seedNetworks(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one'), (2, 'two')");
    }

    private static void seedVariable(TestDatabase db, int varsId, int networkId, String netVarName) throws SQLException {
        db.execute("INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                + " VALUES (" + varsId + ", " + networkId + ", " + (netVarName == null ? "NULL" : "'" + netVarName + "'")
                + ", 'air_temperature', 'time: maximum', 'var " + varsId + "')");
    }

    /** Names that differ from one another in more than case within each network, and two NULL names. */
    private static void seedFiveVariables(TestDatabase db) throws SQLException {
        seedNetworks(db);
        seedVariable(db, 1, 1, "Tmax");
        seedVariable(db, 2, 1, "Precip Total");
        seedVariable(db, 3, 2, "TMAX");
        seedVariable(db, 4, 2, null);
        seedVariable(db, 5, 1, null);
    }

    /** Two stations, one history each, and three observations of variables of both networks. */
    private static void seedObservations(TestDatabase db) throws SQLException {
        seedNetworks(db);
        seedVariable(db, 1, 1, "Tmax");
        seedVariable(db, 2, 2, "Tmin");
        db.execute("INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a'), (20, 2, 'b');"
                + "INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'A'), (200, 20, 'B');"
                + "INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                + " (1000, '2020-01-01 00:00', '2020-01-02 00:00', 1.5, 1, 100),"
                + " (1001, '2020-01-01 01:00', '2020-01-02 00:00', -2.25, 2, 200),"
                + " (1002, '2020-01-01 02:00', '2020-01-02 00:00', 3, 1, 200)");
    }

    @Nested
    class Upgrade {

        @Test
        void existingNamesAreKeptAndNowCompareIgnoringCase() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedFiveVariables(db);
                REVISION.upgrade(db);
                assertEquals(FIVE_VARIABLES, db.rows(VARS));
                assertEquals("citext", db.value(NET_VAR_NAME_TYPE));
                assertEquals(List.of("1", "3"), db.column("SELECT vars_id FROM crmp.meta_vars WHERE net_var_name = 'tMaX' ORDER BY 1"));
            }
        }

        @Test
        void upgradeFailsAndChangesNothingWhenNamesOfANetworkDifferOnlyInCase() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedNetworks(db);
                seedVariable(db, 1, 1, "Tmax");
                seedVariable(db, 2, 1, "TMAX");
                MigrationException e = assertThrows(MigrationException.class, () -> REVISION.upgrade(db));
                assertEquals(true, e.getMessage().contains("network_variable_name_unique"), e.getMessage());
                assertEquals(REVISION.previous().map(Revision::id), db.migrations().current());
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"), "after the failed upgrade");
                assertEquals(List.of("Tmax", "TMAX"), db.column("SELECT net_var_name FROM crmp.meta_vars ORDER BY vars_id"));
            }
        }

        @Test
        void obsWithFlagsListsTheSameObservationsAndComparesNamesIgnoringCase() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedObservations(db);
                assertEquals(OBSERVATIONS_WITH_FLAGS, db.rows(OBS_WITH_FLAGS));
                REVISION.upgrade(db);
                assertEquals(OBSERVATIONS_WITH_FLAGS, db.rows(OBS_WITH_FLAGS));
                assertEquals(List.of("1000", "1002"), db.column("SELECT obs_raw_id FROM crmp.obs_with_flags WHERE net_var_name = 'TMAX' ORDER BY 1"));
            }
        }

        @Test
        void upgradeWorksWhenCitextIsAlreadyInstalled() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("CREATE EXTENSION citext SCHEMA public; CREATE TABLE other.names (name public.citext)");
                REVISION.upgrade(db);
                assertCatalogMatches(REVISION.revision(), db.catalog("crmp"), "after upgrade");
            }
        }
    }

    /** UNIQUE network_variable_name_unique (network_id, net_var_name) on a citext name. */
    @Nested
    class NetworkVariableNameUnique {

        @Test
        void namesDifferingOnlyInCaseWithinANetworkAreRejected() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                seedNetworks(db);
                seedVariable(db, 1, 1, "Tmax");
                SQLException e = assertThrows(SQLException.class, () -> seedVariable(db, 2, 1, "TMAX"));
                assertEquals("23505", e.getSQLState());
                e = assertThrows(SQLException.class, () -> seedVariable(db, 3, 1, "tmax"));
                assertEquals("23505", e.getSQLState());
                assertEquals(List.of("Tmax"), db.column("SELECT net_var_name FROM crmp.meta_vars"));
            }
        }

        @Test
        void theSameNameInTwoNetworksIsAccepted() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                seedNetworks(db);
                seedVariable(db, 1, 1, "Tmax");
                seedVariable(db, 2, 2, "Tmax");
                seedVariable(db, 3, 2, "Tmin");
                seedVariable(db, 4, 1, "TMIN");
                assertEquals(List.of("1,1,Tmax", "2,2,Tmax", "3,2,Tmin", "4,1,TMIN"),
                        db.column("SELECT concat_ws(',', vars_id, network_id, net_var_name) FROM crmp.meta_vars ORDER BY vars_id"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void existingNamesAreKeptAndCompareCaseSensitivelyAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedFiveVariables(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(FIVE_VARIABLES, db.rows(VARS));
                assertEquals("character varying", db.value(NET_VAR_NAME_TYPE));
                assertEquals(List.of(), db.column("SELECT vars_id FROM crmp.meta_vars WHERE net_var_name = 'tMaX'"));
            }
        }

        @Test
        void obsWithFlagsListsTheSameObservationsAndComparesNamesCaseSensitivelyAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedObservations(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(OBSERVATIONS_WITH_FLAGS, db.rows(OBS_WITH_FLAGS));
                assertEquals(List.of(), db.column("SELECT obs_raw_id FROM crmp.obs_with_flags WHERE net_var_name = 'TMAX'"));
            }
        }

        @Test
        void rollbackDropsCitextWhenNothingElseUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                assertEquals(List.of("citext"), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
            }
        }

        @Test
        void rollbackKeepsCitextWhileATableOutsideTheSchemaUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("CREATE TABLE other.names (name public.citext); INSERT INTO other.names VALUES ('Abc')");
                REVISION.rollBack(db);
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"), "after rollback");
                assertEquals(List.of("Abc"), db.column("SELECT name FROM other.names WHERE name = 'ABC'"));
            }
        }

        /**
         * An unused citext is dropped by the rollback even when it was there before the upgrade: here one that an
         * earlier rollback kept while a table outside the schema used it.
         */
        @Test
        void aLaterRollbackDropsTheKeptCitextOnceNothingUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("CREATE TABLE other.names (name public.citext); INSERT INTO other.names VALUES ('Abc')");
                REVISION.rollBack(db);
                db.execute("DROP TABLE other.names");
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
            }
        }

        @Test
        void rollbackLeavesACitextInstalledBeforeTheUpgradeWhileATableOutsideTheSchemaUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("CREATE EXTENSION citext SCHEMA public; CREATE TABLE other.names (name public.citext)");
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"), "after rollback");
                assertEquals(List.of("citext"), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
            }
        }
    }
}
