package org.pacificclimate.crmp.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** Bad input is refused with a clear message, and the database is left exactly as it was. */
class ParameterValidationTest {

    @Test
    void aSchemaNameThatIsNotAPlainLowercaseIdentifierIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            for (String bad : List.of("Crmp", "crmp; drop table x", "1crmp", "select", "pg_crmp", "")) {
                MigrationException e = assertThrows(MigrationException.class, () -> db.migrations(bad).update());
                assertTrue(e.getMessage().contains("schema name"), e.getMessage());
            }
            assertUntouched(db);
        }
    }

    @Test
    void anElevatedRoleNameThatIsNotAPlainLowercaseIdentifierIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MigrationException e = assertThrows(MigrationException.class,
                    () -> db.migrations().suRole("PcicDBA").update());
            assertTrue(e.getMessage().contains("elevated role name"), e.getMessage());
            assertUntouched(db);
        }
    }

    @Test
    void aMissingElevatedRoleIsRefusedBeforeLiquibaseCreatesItsTables() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MigrationException e = assertThrows(MigrationException.class,
                    () -> db.migrations().suRole("no_such_role").update());
            assertTrue(e.getMessage().contains("elevated role 'no_such_role' does not exist"), e.getMessage());
            assertUntouched(db);
        }
    }

    @Test
    void aMissingSchemaIsRefused() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            MigrationException e = assertThrows(MigrationException.class, () -> db.migrations("absent").update());
            assertTrue(e.getMessage().contains("schema 'absent' does not exist"), e.getMessage());
            assertUntouched(db);
        }
    }

    @Test
    void aMissingExtensionIsRefusedWithWhatToDo() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            try (var admin = db.admin(); var statement = admin.createStatement()) {
                statement.execute("DROP EXTENSION hstore");
            }
            MigrationException e = assertThrows(MigrationException.class, () -> db.migrations().update());
            assertTrue(e.getMessage().contains("extension 'hstore' is not installed"), e.getMessage());
            assertUntouched(db);
        }
    }

    /** Neither schema holds anything, not even Liquibase's tables. */
    private static void assertUntouched(TestDatabase db) throws Exception {
        assertEquals(List.of(), db.column("SELECT n.nspname || '.' || c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('crmp', 'other')"));
    }
}
