package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 78260d36e42b, "Add meta_vars.net_var_name valid identifier constraint": installs extension
 * unaccent, rewrites every {@code meta_vars.net_var_name} into a valid identifier (accents stripped, a bad
 * first character and then every other character outside {@code [a-zA-Z0-9_$]} replaced by {@code _}) and adds
 * CHECK {@code ck_net_var_name_valid_identifier}. The rollback drops the constraint (and unaccent when nothing
 * uses it and it is ours) but cannot restore rewritten names (revisions.md §14).
 */
class Rev014_78260d36e42b_AddMetaVarsNetVarNameValidIdentifierConstraintTest {

    private static final String BEFORE = "83896ee79b06";
    private static final String REVISION = "78260d36e42b";

    private static final List<String> ACCEPTED = List.of("allow_underscores", "allowfullwords", "allowCapitals", "allowNumbers123");
    private static final List<String> REJECTED = List.of("bad space", "bad\nnewline", "bad-dash", "1badnumber", "$badDollar",
            "schön", "forêt", "tréma");

    private static void insertVariable(TestDatabase db, int varsId, String netVarName) throws SQLException {
        try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO crmp.meta_vars"
                + " (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES (?, 1, ?, 's', 'c', 'd')")) {
            insert.setInt(1, varsId);
            insert.setString(2, netVarName);
            insert.executeUpdate();
        }
    }

    private static List<List<String>> names(TestDatabase db) throws SQLException {
        return db.rows("SELECT vars_id, net_var_name FROM crmp.meta_vars ORDER BY vars_id");
    }

    @Test
    void namesAreRewrittenIntoValidIdentifiersAndStaySoAfterRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
            List<String> inputs = Arrays.asList("bad var name with whitespace", "bad\nnewline", "bad-dash", "1badnumber",
                    "$badDollar", "schön", "forêt", "tréma", "already_valid$1", null);
            for (int i = 0; i < inputs.size(); i++) {
                insertVariable(db, i + 1, inputs.get(i));
            }
            List<List<String>> rewritten = List.of(
                    List.of("1", "bad_var_name_with_whitespace"),
                    List.of("2", "bad_newline"),
                    List.of("3", "bad_dash"),
                    List.of("4", "_badnumber"),
                    List.of("5", "_badDollar"),
                    List.of("6", "schon"),
                    List.of("7", "foret"),
                    List.of("8", "trema"),
                    List.of("9", "already_valid$1"),
                    Arrays.asList("10", null));

            updateTo(db, REVISION);
            assertEquals(rewritten, names(db));

            rollbackTo(db, BEFORE);
            // lossy, as in PyCDS: the original names are not restored
            assertEquals(rewritten, names(db));
        }
    }

    @Test
    void validIdentifiersAreAccepted() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
            for (int i = 0; i < ACCEPTED.size(); i++) {
                insertVariable(db, i + 1, ACCEPTED.get(i));
            }
            assertEquals(ACCEPTED, db.column("SELECT net_var_name FROM crmp.meta_vars ORDER BY vars_id"));
        }
    }

    @Test
    void invalidIdentifiersAreRejectedWithACheckViolation() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
            List<String> states = new ArrayList<>();
            for (int i = 0; i < REJECTED.size(); i++) {
                int varsId = i + 1;
                String name = REJECTED.get(i);
                SQLException e = assertThrows(SQLException.class, () -> insertVariable(db, varsId, name), name);
                states.add(e.getSQLState());
                assertEquals(true, e.getMessage().contains("ck_net_var_name_valid_identifier"), e.getMessage());
            }
            assertEquals(List.of("23514", "23514", "23514", "23514", "23514", "23514", "23514", "23514"), states);
            assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_vars"));
        }
    }

    @Test
    void aValidNameSurvivesRollbackAndNullStaysNull() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
            insertVariable(db, 1, "allowNumbers123");
            insertVariable(db, 2, null);
            rollbackTo(db, BEFORE);
            assertEquals(List.of(List.of("1", "allowNumbers123"), Arrays.asList("2", null)), names(db));
            insertVariable(db, 3, "bad space");
            assertEquals("bad space", db.value("SELECT net_var_name FROM crmp.meta_vars WHERE vars_id = 3"));
        }
    }

    @Test
    void upgradeFailsAndChangesNothingWhenTheRewriteMakesTwoNamesOfANetworkEqual() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
            insertVariable(db, 1, "tmax-1");
            insertVariable(db, 2, "TMAX 1");
            MigrationException e = assertThrows(MigrationException.class, () -> updateTo(db, REVISION));
            assertEquals(true, e.getMessage().contains("network_variable_name_unique"), e.getMessage());
            assertEquals(Optional.of(BEFORE), db.migrations().current());
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after the failed upgrade");
            assertEquals(List.of(List.of("1", "tmax-1"), List.of("2", "TMAX 1")), names(db));
            assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'unaccent'"));
        }
    }

    @Test
    void upgradeWorksWhenUnaccentIsAlreadyInstalledAndTheRollbackLeavesAnotherOwnersExtension() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            try (var admin = db.admin(); var statement = admin.createStatement()) {
                statement.execute("CREATE EXTENSION unaccent SCHEMA public");
            }
            updateTo(db, REVISION);
            assertCatalogMatches(Revision.byId(REVISION), db.catalog("crmp"), "after upgrade");
            rollbackTo(db, BEFORE);
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after rollback");
            // still there, still the administrator's
            assertEquals(List.of("unaccent"), db.column(
                    "SELECT extname FROM pg_extension WHERE extname = 'unaccent' AND extowner::regrole::text <> 'tester'"));
        }
    }

    @Test
    void rollbackDropsUnaccentWhenItIsOursAndNothingUsesIt() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            updateTo(db, REVISION);
            assertEquals(List.of("unaccent tester"), db.column(
                    "SELECT extname || ' ' || extowner::regrole FROM pg_extension WHERE extname = 'unaccent'"));
            rollbackTo(db, BEFORE);
            assertEquals(List.of(), db.column("SELECT extname FROM pg_extension WHERE extname = 'unaccent'"));
        }
    }

    @Test
    void rollbackKeepsUnaccentWhileAnotherObjectUsesIt() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("CREATE TEXT SEARCH CONFIGURATION other.plain (COPY = pg_catalog.simple);"
                    + "ALTER TEXT SEARCH CONFIGURATION other.plain ALTER MAPPING FOR word WITH public.unaccent, simple");
            rollbackTo(db, BEFORE);
            assertCatalogMatches(Revision.byId(BEFORE), db.catalog("crmp"), "after rollback");
            assertEquals("'foret':1", db.value("SELECT to_tsvector('other.plain', 'forêt')::text"));
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
