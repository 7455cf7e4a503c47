package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 7b139906ac46, "add not null constraint on meta vars"
 * ({@code changelog/revisions/011-7b139906ac46-add-not-null-constraint-on-meta-vars.yaml}): NULLs in
 * {@code meta_vars.cell_method}, {@code standard_name} and {@code display_name} are back-filled with the
 * placeholders {@code 'foo: bar'}, {@code 'foo_bar'} and {@code 'foo bar'}, then the three columns become NOT
 * NULL. The rollback makes them nullable and turns every value equal to a placeholder into NULL, genuine ones
 * included ({@code docs/known-defects.md}).
 */
class Rev011_7b139906ac46_AddNotNullConstraintOnMetaVarsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("7b139906ac46");

    private static final String ROWS = "SELECT vars_id, cell_method, standard_name, display_name, net_var_name"
            + " FROM crmp.meta_vars ORDER BY vars_id";
    private static final String NULLABLE = "SELECT column_name || ' ' || is_nullable FROM information_schema.columns"
            + " WHERE table_schema = 'crmp' AND table_name = 'meta_vars'"
            + " AND column_name IN ('cell_method', 'standard_name', 'display_name') ORDER BY column_name";

    /** Variables with NULLs in some of the three columns, and with genuine values equal to the placeholders. */
    private static void seedVariables(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_vars (vars_id, cell_method, standard_name, display_name, net_var_name) VALUES"
                + " (1, NULL, NULL, NULL, 'a'),"
                + " (2, 'time: mean', NULL, 'Temperature', 'b'),"
                + " (3, NULL, 'air_temperature', NULL, 'c'),"
                + " (4, 'time: maximum', 'air_temperature', 'Maximum temperature', 'd'),"
                // genuine values that happen to equal the placeholders
                + " (5, 'foo: bar', 'foo_bar', 'foo bar', 'e'),"
                // near misses of the placeholders are not placeholders
                + " (6, 'foo:bar', 'foo bar', 'foo_bar', 'f')");
    }

    @Nested
    class Upgrade {

        @Test
        void backFillsNullsWithThePlaceholdersAndLeavesEveryOtherValueAsItIs() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedVariables(db);
                REVISION.upgrade(db);
                assertEquals(List.of(
                        List.of("1", "foo: bar", "foo_bar", "foo bar", "a"),
                        List.of("2", "time: mean", "foo_bar", "Temperature", "b"),
                        List.of("3", "foo: bar", "air_temperature", "foo bar", "c"),
                        List.of("4", "time: maximum", "air_temperature", "Maximum temperature", "d"),
                        List.of("5", "foo: bar", "foo_bar", "foo bar", "e"),
                        List.of("6", "foo:bar", "foo bar", "foo_bar", "f")), db.rows(ROWS));
            }
        }

        @Test
        void makesTheThreeColumnsNotNull() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedVariables(db);
                REVISION.upgrade(db);
                assertEquals(List.of("cell_method NO", "display_name NO", "standard_name NO"), db.column(NULLABLE));
            }
        }

        @Test
        void givesARowWithOnlyItsIdThePlaceholders() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("INSERT INTO crmp.meta_vars (vars_id) VALUES (1)");
                REVISION.upgrade(db);
                assertEquals(List.of(Arrays.asList("1", "foo: bar", "foo_bar", "foo bar", null)), db.rows(ROWS));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void turnsThePlaceholdersBackIntoNullsGenuineValuesEqualToThemIncluded() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedVariables(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(
                        Arrays.asList("1", null, null, null, "a"),
                        Arrays.asList("2", "time: mean", null, "Temperature", "b"),
                        Arrays.asList("3", null, "air_temperature", null, "c"),
                        Arrays.asList("4", "time: maximum", "air_temperature", "Maximum temperature", "d"),
                        // lossy, as in PyCDS: genuine values equal to a placeholder cannot be told apart
                        Arrays.asList("5", null, null, null, "e"),
                        Arrays.asList("6", "foo:bar", "foo bar", "foo_bar", "f")), db.rows(ROWS));
            }
        }

        @Test
        void makesTheThreeColumnsNullableAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedVariables(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of("cell_method YES", "display_name YES", "standard_name YES"), db.column(NULLABLE));
            }
        }

        @Test
        void turnsPlaceholderValuesInsertedAtThisRevisionIntoNullsAndAcceptsNullsAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_vars (vars_id, cell_method, standard_name, display_name)"
                        + " VALUES (10000, 'foo: bar', 'foo_bar', 'foo bar')");
                REVISION.rollBack(db);
                assertEquals(List.of(Arrays.asList("10000", null, null, null, null)), db.rows(ROWS));
                db.execute("INSERT INTO crmp.meta_vars (vars_id) VALUES (10001)");
                assertEquals(List.of("10000", "10001"), db.column("SELECT vars_id FROM crmp.meta_vars"
                        + " WHERE cell_method IS NULL AND standard_name IS NULL AND display_name IS NULL ORDER BY 1"));
            }
        }
    }

    @Nested
    class NotNullConstraints {

        @Test
        void eachOfTheThreeColumnsRejectsNull() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                for (String column : List.of("cell_method", "standard_name", "display_name")) {
                    List<String> values = new ArrayList<>(List.of("'m'", "'s'", "'d'"));
                    values.set(List.of("cell_method", "standard_name", "display_name").indexOf(column), "NULL");
                    SQLException e = assertThrows(SQLException.class, () -> db.execute(
                            "INSERT INTO crmp.meta_vars (cell_method, standard_name, display_name) VALUES ("
                                    + String.join(", ", values) + ")"));
                    assertEquals("23502", e.getSQLState(), column);
                }
                assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_vars"));
            }
        }
    }
}
