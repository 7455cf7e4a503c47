package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 3d50ec832e47, "add constraint on meta vars": installs extension citext, makes
 * {@code meta_vars.net_var_name} citext and adds UNIQUE {@code network_variable_name_unique (network_id,
 * net_var_name)}, so variable names are unique per network ignoring case; view {@code obs_with_flags} is
 * dropped and re-created around the type change (revisions.md §10, objects.md A meta_vars, B4). The rollback
 * drops citext only when nothing else in the database uses it.
 */
class Rev010_3d50ec832e47_AddConstraintOnMetaVarsTest {

    private static final String BEFORE = "0d99ba90c229";
    private static final String REVISION = "3d50ec832e47";

    private static final String VARS = "SELECT vars_id, network_id, net_var_name, display_name FROM crmp.meta_vars ORDER BY vars_id";

    private static void seedNetworks(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one'), (2, 'two')");
    }

    private static void seedVariable(TestDatabase db, int varsId, int networkId, String netVarName) throws SQLException {
        db.execute("INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                + " VALUES (" + varsId + ", " + networkId + ", " + (netVarName == null ? "NULL" : "'" + netVarName + "'")
                + ", 'air_temperature', 'time: maximum', 'var " + varsId + "')");
    }

    @Test
    void existingNamesAreKeptAndCompareIgnoringCaseUntilRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedNetworks(db);
            seedVariable(db, 1, 1, "Tmax");
            seedVariable(db, 2, 1, "Precip Total");
            seedVariable(db, 3, 2, "TMAX");
            seedVariable(db, 4, 2, null);
            seedVariable(db, 5, 1, null);
            List<List<String>> rows = List.of(
                    List.of("1", "1", "Tmax", "var 1"),
                    List.of("2", "1", "Precip Total", "var 2"),
                    List.of("3", "2", "TMAX", "var 3"),
                    Arrays.asList("4", "2", null, "var 4"),
                    Arrays.asList("5", "1", null, "var 5"));

            updateTo(db, REVISION);
            assertEquals(rows, db.rows(VARS));
            assertEquals("citext", db.value("SELECT atttypid::regtype::text FROM pg_attribute "
                    + "WHERE attrelid = 'crmp.meta_vars'::regclass AND attname = 'net_var_name'"));
            assertEquals(List.of("1", "3"), db.column("SELECT vars_id FROM crmp.meta_vars WHERE net_var_name = 'tMaX' ORDER BY 1"));

            rollbackTo(db, BEFORE);
            assertEquals(rows, db.rows(VARS));
            assertEquals("character varying", db.value("SELECT atttypid::regtype::text FROM pg_attribute "
                    + "WHERE attrelid = 'crmp.meta_vars'::regclass AND attname = 'net_var_name'"));
            assertEquals(List.of(), db.column("SELECT vars_id FROM crmp.meta_vars WHERE net_var_name = 'tMaX'"));
        }
    }

    @Test
    void namesDifferingOnlyInCaseWithinANetworkAreRejected() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
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
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            seedNetworks(db);
            seedVariable(db, 1, 1, "Tmax");
            seedVariable(db, 2, 2, "Tmax");
            seedVariable(db, 3, 2, "Tmin");
            seedVariable(db, 4, 1, "TMIN");
            assertEquals(List.of("1,1,Tmax", "2,2,Tmax", "3,2,Tmin", "4,1,TMIN"),
                    db.column("SELECT concat_ws(',', vars_id, network_id, net_var_name) FROM crmp.meta_vars ORDER BY vars_id"));
        }
    }

    @Test
    void upgradeFailsAndChangesNothingWhenNamesOfANetworkDifferOnlyInCase() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedNetworks(db);
            seedVariable(db, 1, 1, "Tmax");
            seedVariable(db, 2, 1, "TMAX");
            MigrationException e = assertThrows(MigrationException.class, () -> updateTo(db, REVISION));
            assertEquals(true, e.getMessage().contains("network_variable_name_unique"), e.getMessage());
            assertEquals(Optional.of(BEFORE), db.migrations().current());
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after the failed upgrade");
            assertEquals(List.of("Tmax", "TMAX"), db.column("SELECT net_var_name FROM crmp.meta_vars ORDER BY vars_id"));
        }
    }

    @Test
    void obsWithFlagsListsTheSameObservationsBeforeAfterUpgradeAndAfterRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedNetworks(db);
            seedVariable(db, 1, 1, "Tmax");
            seedVariable(db, 2, 2, "Tmin");
            db.execute("INSERT INTO crmp.meta_station (station_id, network_id, native_id) VALUES (10, 1, 'a'), (20, 2, 'b');"
                    + "INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'A'), (200, 20, 'B');"
                    + "INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES"
                    + " (1000, '2020-01-01 00:00', '2020-01-02 00:00', 1.5, 1, 100),"
                    + " (1001, '2020-01-01 01:00', '2020-01-02 00:00', -2.25, 2, 200),"
                    + " (1002, '2020-01-01 02:00', '2020-01-02 00:00', 3, 1, 200)");
            String view = "SELECT vars_id, network_id, unit, standard_name, cell_method, net_var_name, station_id,"
                    + " obs_raw_id, obs_time, mod_time, datum FROM crmp.obs_with_flags ORDER BY obs_raw_id";
            List<List<String>> rows = List.of(
                    Arrays.asList("1", "1", null, "air_temperature", "time: maximum", "Tmax", "10", "1000",
                            "2020-01-01 00:00:00", "2020-01-02 00:00:00", "1.5"),
                    Arrays.asList("2", "2", null, "air_temperature", "time: maximum", "Tmin", "20", "1001",
                            "2020-01-01 01:00:00", "2020-01-02 00:00:00", "-2.25"),
                    Arrays.asList("1", "1", null, "air_temperature", "time: maximum", "Tmax", "20", "1002",
                            "2020-01-01 02:00:00", "2020-01-02 00:00:00", "3"));
            assertEquals(rows, db.rows(view));

            updateTo(db, REVISION);
            assertEquals(rows, db.rows(view));
            assertEquals(List.of("1000", "1002"), db.column("SELECT obs_raw_id FROM crmp.obs_with_flags WHERE net_var_name = 'TMAX' ORDER BY 1"));

            rollbackTo(db, BEFORE);
            assertEquals(rows, db.rows(view));
        }
    }

    @Test
    void rollbackDropsCitextWhenNothingElseUsesIt() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            assertEquals(List.of("citext"), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
            rollbackTo(db, BEFORE);
            assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
        }
    }

    @Test
    void rollbackKeepsCitextWhileATableOutsideTheSchemaUsesIt() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("CREATE TABLE other.names (name public.citext); INSERT INTO other.names VALUES ('Abc')");
            rollbackTo(db, BEFORE);
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after rollback");
            assertEquals(List.of("Abc"), db.column("SELECT name FROM other.names WHERE name = 'ABC'"));

            db.execute("DROP TABLE other.names");
            updateTo(db, REVISION);
            rollbackTo(db, BEFORE);
            assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
        }
    }

    @Test
    void upgradeWorksWhenCitextIsAlreadyInstalledAndTheRollbackLeavesItWhileInUse() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.execute("CREATE EXTENSION citext SCHEMA public; CREATE TABLE other.names (name public.citext)");
            updateTo(db, REVISION);
            assertCatalogMatches(Revision.byId(REVISION), db.catalog("crmp"), "after upgrade");
            rollbackTo(db, BEFORE);
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after rollback");
            assertEquals(List.of("citext"), db.column("SELECT extname FROM pg_extension WHERE extname = 'citext'"));
        }
    }

    // Liquibase switches the shared connection's autocommit off and leaves it so; switch it back after each
    // migration, or the test's own statements would stay in an open transaction that the next migration
    // rolls back.
    private static void updateTo(TestDatabase db, String revision) throws Exception {
        db.migrations().updateTo(revision);
        db.connection().setAutoCommit(true);
    }

    private static void rollbackTo(TestDatabase db, String revision) throws Exception {
        db.migrations().rollbackTo(revision);
        db.connection().setAutoCommit(true);
    }
}
