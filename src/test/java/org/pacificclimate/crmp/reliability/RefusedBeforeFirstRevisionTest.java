package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * Runs refused before their first revision, with the whole list of what is wrong and nothing changed: an object of
 * the name a planned revision creates, made otherwise (which the idempotent forms would skip), and privileges the
 * plan needs but the database does not give.
 */
class RefusedBeforeFirstRevisionTest {

    /** Upgrades {@code db} to head, which must be refused as not ready, changing nothing; the message. */
    private static String refusedUpgrade(TestDatabase db) throws Exception {
        DatabaseState before = DatabaseState.of(db);
        Optional<String> current = db.migrations().current();
        MigrationException e = assertThrows(MigrationException.class, () -> db.migrations().updateTo("head"));
        assertEquals(Failure.FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals(before, DatabaseState.of(db), "nothing changed");
        assertEquals(current, db.migrations().current());
        return e.getMessage();
    }

    @Test
    void anIntegerNetworkDisplayNameIsRefusedBeforeAnythingRunsNamingTheColumnAndTheTypes() throws Exception {
        Revision displayName = Revision.byId("33179b5ae85a");
        try (TestDatabase db = TestDatabases.at(displayName.previous().orElseThrow().id())) {
            db.execute("ALTER TABLE crmp.meta_network ADD COLUMN network_display_name integer");
            String message = refusedUpgrade(db);
            assertTrue(message.startsWith("Schema crmp is not as revision 8c05da87cb79 left it: 1 object that the "
                    + "planned revisions create, change or drop differs"), message);
            assertTrue(message.contains("\n  - column meta_network.network_display_name: is there ("), message);
            assertTrue(message.contains("\"integer\"") && message.contains("\"character varying\""), message);
        }
    }

    /** An object of the name a revision creates, of another kind or type, before that revision. */
    @ParameterizedTest(name = "before {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "879f0efa125f | ALTER TABLE crmp.meta_station ADD COLUMN publish text                  | column meta_station.publish",
        "a59d64cf16ca | CREATE VIEW crmp.meta_station_hx AS SELECT 1 AS station_id              | view meta_station_hx",
        "a59d64cf16ca | CREATE MATERIALIZED VIEW crmp.meta_vars_hx AS SELECT 1 AS vars_id      | materialized view meta_vars_hx",
        "8c05da87cb79 | CREATE TABLE crmp.obs_raw_hx (obs_raw_id bigint)                        | table obs_raw_hx",
    })
    void anObjectOfTheSameNameMadeOtherwiseIsRefusedAndNamed(String revision, String sql, String named)
            throws Exception {
        Revision before = Revision.byId(revision).previous().orElseThrow();
        try (TestDatabase db = TestDatabases.at(before.id())) {
            db.execute(sql);
            String message = refusedUpgrade(db);
            assertTrue(message.contains("\n  - " + named + ": is there"), message);
        }
    }

    /** The verification of an empty schema is skipped (it is the base catalog); one object makes it run in full. */
    @Test
    void aTableOfRevision1MadeOtherwiseInAnOtherwiseEmptySchemaIsRefusedAndNamed() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            db.execute("CREATE TABLE crmp.meta_sensor (sensor_id text)");
            String message = refusedUpgrade(db);
            assertTrue(message.startsWith("Schema crmp is not as base (an empty schema) left it"), message);
            assertTrue(message.contains("\n  - column meta_sensor.sensor_id: is there ("), message);
        }
    }

    @Test
    void aLoginRoleWithoutCreateOnTheDatabaseIsRefusedBeforeRevision1NamingUnaccent() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            withoutCreateOnTheDatabase(db);
            String message = refusedUpgrade(db);
            assertTrue(message.startsWith("The database is not ready for revisions 522eed334c85 … f6d5a4c2e901: 1 problem."),
                    message);
            assertTrue(message.contains("revision 78260d36e42b (Add meta_vars.net_var_name valid identifier constraint) "
                    + "installs extension unaccent as tester, which lacks CREATE on database " + db.name()), message);
            assertEquals("f", db.value("SELECT to_regclass('crmp.databasechangelog') IS NOT NULL"),
                    "not even Liquibase's tables");
        }
    }

    @Test
    void thePreflightCoversOnlyThePlannedRevisions() throws Exception {
        Revision unaccent = Revision.byId("78260d36e42b");
        try (TestDatabase db = TestDatabases.at(unaccent.previous().orElseThrow().previous().orElseThrow().id())) {
            withoutCreateOnTheDatabase(db);
            db.migrations().updateTo(unaccent.previous().orElseThrow().id()); // the revision before: no unaccent
            assertTrue(refusedUpgrade(db).contains("installs extension unaccent"));
        }
    }

    @Test
    void anElevatedRoleThatIsNotASuperuserIsRefusedForThePlpython3uFunctions() throws Exception {
        Revision fix = Revision.byId("efde19ea4f52");
        try (TestDatabase db = TestDatabases.at(fix.previous().orElseThrow().id());
             Connection admin = db.admin(); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weak_su') THEN "
                    + "CREATE ROLE weak_su NOLOGIN NOSUPERUSER; END IF; END $$");
            statement.execute("GRANT weak_su TO " + TestDatabases.MIGRATION_USER);
            DatabaseState before = DatabaseState.of(db);
            MigrationException e = assertThrows(MigrationException.class,
                    () -> db.migrations().suRole("weak_su").updateTo("head"));
            assertEquals(Failure.FAILED, e.kind());
            assertTrue(e.getMessage().contains("revision efde19ea4f52 (Fix function getstationvariabletable) creates "
                    + "functions in the untrusted language plpython3u as weak_su, which is not a superuser"),
                    e.getMessage());
            assertEquals(before, DatabaseState.of(db));
        }
    }

    @Test
    void aTableOwnedByAnotherRoleThatAPlannedRevisionChangesIsRefused() throws Exception {
        Revision publish = Revision.byId("879f0efa125f");
        try (TestDatabase db = TestDatabases.at(publish.previous().orElseThrow().id());
             Connection admin = db.admin(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER TABLE crmp.meta_station OWNER TO postgres");
            statement.execute("GRANT ALL ON crmp.meta_station TO " + TestDatabases.MIGRATION_USER); // not the owner
            String message = refusedUpgrade(db);
            assertTrue(message.contains("table meta_station belongs to role postgres, of which the login role is not "
                    + "a member"), message);
        }
    }

    @Test
    void everyProblemIsListedInOneRefusal() throws Exception {
        Revision displayName = Revision.byId("33179b5ae85a");
        try (TestDatabase db = TestDatabases.at("83896ee79b06")) {
            withoutCreateOnTheDatabase(db);
            try (Connection admin = db.admin(); Statement statement = admin.createStatement()) {
                statement.execute("ALTER TABLE crmp.meta_network ADD COLUMN network_display_name integer");
            }
            String message = refusedUpgrade(db);
            List<String> items = message.lines().filter(l -> l.startsWith("  - ")).toList();
            assertEquals(2, items.size(), message);
            assertTrue(message.contains("column meta_network.network_display_name") && message.contains("unaccent")
                    && message.contains(displayName.id()), message);
        }
    }

    /** The database belongs to the admin, so the login role (its owner until now) may no longer CREATE in it. */
    private static void withoutCreateOnTheDatabase(TestDatabase db) throws Exception {
        try (Connection admin = TestPostgres.get().admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + db.name() + " OWNER TO postgres");
        }
        assertEquals("f", db.value("SELECT has_database_privilege(current_database(), 'CREATE')"));
    }
}
