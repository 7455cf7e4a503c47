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

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 78260d36e42b, "Add meta_vars.net_var_name valid identifier constraint"
 * ({@code changelog/revisions/014-78260d36e42b-add-meta-vars-net-var-name-valid-identifier-constraint.yaml}):
 * installs extension unaccent, rewrites every {@code meta_vars.net_var_name} into a valid identifier (accents
 * stripped, a bad first character and then every other character outside {@code [a-zA-Z0-9_$]} replaced by
 * {@code _}) and adds CHECK {@code ck_net_var_name_valid_identifier}. The rollback drops the constraint (and
 * unaccent when nothing uses it and it is ours) but cannot restore rewritten names ({@code docs/known-defects.md}).
 */
class Rev014_78260d36e42b_AddMetaVarsNetVarNameValidIdentifierConstraintTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("78260d36e42b");

    private static final List<String> ACCEPTED = List.of("allow_underscores", "allowfullwords", "allowCapitals", "allowNumbers123");
    private static final List<String> REJECTED = List.of("bad space", "bad\nnewline", "bad-dash", "1badnumber", "$badDollar",
            "schön", "forêt", "tréma");

    /** Names to rewrite (and two to keep) as vars_id 1 to 10, and what the upgrade makes of them. */
    private static final List<String> NAMES = Arrays.asList("bad var name with whitespace", "bad\nnewline", "bad-dash",
            "1badnumber", "$badDollar", "schön", "forêt", "tréma", "already_valid$1", null);
    private static final List<List<String>> REWRITTEN = List.of(
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

    private static final String UNACCENT = "SELECT extname FROM pg_extension WHERE extname = 'unaccent'";

    private static Revision previous() {
        return REVISION.previous().orElseThrow();
    }

    private static void insertNetwork(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one')");
    }

    private static void insertVariable(TestDatabase db, int varsId, String netVarName) throws SQLException {
        try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO crmp.meta_vars"
                + " (vars_id, network_id, net_var_name, standard_name, cell_method, display_name) VALUES (?, 1, ?, 's', 'c', 'd')")) {
            insert.setInt(1, varsId);
            insert.setString(2, netVarName);
            insert.executeUpdate();
        }
    }

    private static void seedNames(TestDatabase db) throws SQLException {
        insertNetwork(db);
        for (int i = 0; i < NAMES.size(); i++) {
            insertVariable(db, i + 1, NAMES.get(i));
        }
    }

    private static List<List<String>> names(TestDatabase db) throws SQLException {
        return db.rows("SELECT vars_id, net_var_name FROM crmp.meta_vars ORDER BY vars_id");
    }

    @Nested
    class Upgrade {

        @Test
        void rewritesEveryNameIntoAValidIdentifier() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedNames(db);
                REVISION.upgrade(db);
                assertEquals(REWRITTEN, names(db));
            }
        }

        @Test
        void failsAndChangesNothingWhenTheRewriteMakesTwoNamesOfANetworkEqual() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                insertNetwork(db);
                insertVariable(db, 1, "tmax-1");
                insertVariable(db, 2, "TMAX 1");
                MigrationException e = assertThrows(MigrationException.class, () -> REVISION.upgrade(db));
                assertEquals(true, e.getMessage().contains("network_variable_name_unique"), e.getMessage());
                assertEquals(Optional.of(previous().id()), db.migrations().current());
                assertCatalogMatches(previous(), db.catalog("crmp"), "after the failed upgrade");
                assertEquals(List.of(List.of("1", "tmax-1"), List.of("2", "TMAX 1")), names(db));
                assertEquals(List.of(), db.column(UNACCENT));
            }
        }

        @Test
        void installsUnaccentOwnedByTheMigrationUser() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of("unaccent tester"), db.column(
                        "SELECT extname || ' ' || extowner::regrole FROM pg_extension WHERE extname = 'unaccent'"));
            }
        }

        @Test
        void worksWhenUnaccentIsAlreadyInstalled() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                try (var admin = db.admin(); var statement = admin.createStatement()) {
                    statement.execute("CREATE EXTENSION unaccent SCHEMA public");
                }
                REVISION.upgrade(db);
                assertCatalogMatches(REVISION.revision(), db.catalog("crmp"), "after upgrade");
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void keepsTheRewrittenNames() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedNames(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                // lossy, as in PyCDS: the original names are not restored
                assertEquals(REWRITTEN, names(db));
            }
        }

        @Test
        void keepsAValidNameAndNullAndAcceptsAnInvalidNameAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                insertNetwork(db);
                insertVariable(db, 1, "allowNumbers123");
                insertVariable(db, 2, null);
                REVISION.rollBack(db);
                assertEquals(List.of(List.of("1", "allowNumbers123"), Arrays.asList("2", null)), names(db));
                insertVariable(db, 3, "bad space");
                assertEquals("bad space", db.value("SELECT net_var_name FROM crmp.meta_vars WHERE vars_id = 3"));
            }
        }

        @Test
        void dropsUnaccentWhenItIsOursAndNothingUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of("unaccent"), db.column(UNACCENT));
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column(UNACCENT));
            }
        }

        @Test
        void leavesAnotherOwnersUnaccentInPlace() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                try (var admin = db.admin(); var statement = admin.createStatement()) {
                    statement.execute("CREATE EXTENSION unaccent SCHEMA public");
                }
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertCatalogMatches(previous(), db.catalog("crmp"), "after rollback");
                // still there, still the administrator's
                assertEquals(List.of("unaccent"), db.column(
                        "SELECT extname FROM pg_extension WHERE extname = 'unaccent' AND extowner::regrole::text <> 'tester'"));
            }
        }

        @Test
        void keepsUnaccentWhileAnotherObjectUsesIt() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("CREATE TEXT SEARCH CONFIGURATION other.plain (COPY = pg_catalog.simple);"
                        + "ALTER TEXT SEARCH CONFIGURATION other.plain ALTER MAPPING FOR word WITH public.unaccent, simple");
                REVISION.rollBack(db);
                assertCatalogMatches(previous(), db.catalog("crmp"), "after rollback");
                assertEquals("'foret':1", db.value("SELECT to_tsvector('other.plain', 'forêt')::text"));
            }
        }
    }

    @Nested
    class ValidIdentifierConstraint {

        @Test
        void acceptsValidIdentifiers() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                insertNetwork(db);
                for (int i = 0; i < ACCEPTED.size(); i++) {
                    insertVariable(db, i + 1, ACCEPTED.get(i));
                }
                assertEquals(ACCEPTED, db.column("SELECT net_var_name FROM crmp.meta_vars ORDER BY vars_id"));
            }
        }

        @Test
        void rejectsInvalidIdentifiersWithACheckViolation() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                insertNetwork(db);
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
    }
}
