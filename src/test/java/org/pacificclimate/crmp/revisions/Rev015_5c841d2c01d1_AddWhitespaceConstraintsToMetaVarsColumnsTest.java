package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 5c841d2c01d1, "Add whitespace constraints to meta_vars columns"
 * ({@code changelog/revisions/015-5c841d2c01d1-add-whitespace-constraints-to-meta-vars-columns.yaml}): in
 * {@code unit}, {@code standard_name}, {@code cell_method}, {@code display_name}, {@code short_name} and
 * {@code long_description} every run of CR/LF becomes one space, and CHECK constraints
 * {@code <column>_nolinebreak} keep line breaks out (NULL passes). The rollback drops the constraints; the
 * line breaks are not restored ({@code docs/known-defects.md}).
 */
class Rev015_5c841d2c01d1_AddWhitespaceConstraintsToMetaVarsColumnsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("5c841d2c01d1");

    private static final List<String> COLUMNS = List.of("unit", "standard_name", "cell_method", "display_name",
            "short_name", "long_description");
    private static final String ROWS = "SELECT vars_id, " + String.join(", ", COLUMNS)
            + " FROM crmp.meta_vars ORDER BY vars_id";

    /** {@link #seedLineBreaks} after the upgrade (and after the rollback: the line breaks do not come back). */
    private static final List<List<String>> WITHOUT_LINE_BREAKS = List.of(
            row(1, "bad feed"),
            row(2, "bad newline"),
            row(3, "bad return"),
            row(4, "bad mix of all"),
            row(5, " plain text, two  spaces\tand a tab "),
            Arrays.asList("6", null, "air_temperature", "time: mean", " leading and trailing ", null, null));

    /** Rows with CR, LF, CRLF and runs of them in the six columns; a row without; a row with NULLs. */
    private static void seedLineBreaks(TestDatabase db) throws SQLException {
        insertRow(db, 1, "bad\rfeed");
        insertRow(db, 2, "bad\nnewline");
        insertRow(db, 3, "bad\r\nreturn");
        insertRow(db, 4, "bad\rmix\nof\r\nall");
        insertRow(db, 5, " plain text, two  spaces\tand a tab ");
        db.execute("INSERT INTO crmp.meta_vars (vars_id, standard_name, cell_method, display_name, long_description)"
                + " VALUES (6, 'air_temperature', 'time: mean', E'\\n\\nleading and trailing\\r\\n', NULL)");
    }

    /** A row whose six columns hold the column name followed by {@code value} (or NULL where allowed). */
    private static void insertRow(TestDatabase db, int varsId, String value) throws SQLException {
        try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO crmp.meta_vars (vars_id, "
                + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, varsId);
            for (int c = 0; c < COLUMNS.size(); c++) {
                insert.setString(c + 2, value == null ? null : COLUMNS.get(c) + value);
            }
            insert.executeUpdate();
        }
    }

    private static List<String> row(int varsId, String value) {
        List<String> row = new ArrayList<>(List.of(String.valueOf(varsId)));
        for (String column : COLUMNS) {
            row.add(column + value);
        }
        return row;
    }

    /** A row with plain values in the six columns except {@code column}, which holds {@code value}. */
    private static void insertRowWith(TestDatabase db, int varsId, String column, String value) throws SQLException {
        try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO crmp.meta_vars (vars_id, "
                + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, varsId);
            for (int c = 0; c < COLUMNS.size(); c++) {
                insert.setString(c + 2, COLUMNS.get(c).equals(column) ? value : "plain");
            }
            insert.executeUpdate();
        }
    }

    private static String constraintOf(SQLException e) {
        String message = e.getMessage();
        for (String column : COLUMNS) {
            if (message.contains("\"" + column + "_nolinebreak\"")) {
                return column + "_nolinebreak";
            }
        }
        return message;
    }

    @Nested
    class Upgrade {

        @Test
        void replacesEveryRunOfLineBreaksByOneSpaceInAllSixColumns() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedLineBreaks(db);
                REVISION.upgrade(db);
                assertEquals(WITHOUT_LINE_BREAKS, db.rows(ROWS));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void keepsTheSpacesThatReplacedTheLineBreaks() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedLineBreaks(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                // lossy, as in PyCDS: the line breaks do not come back
                assertEquals(WITHOUT_LINE_BREAKS, db.rows(ROWS));
            }
        }

        @Test
        void keepsValidValuesAndAcceptsLineBreaksAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                insertRow(db, 1, " valid");
                REVISION.rollBack(db);
                assertEquals(List.of(row(1, " valid")), db.rows(ROWS));
                insertRow(db, 2, "line\nbreak");
                assertEquals(List.of(row(1, " valid"), row(2, "line\nbreak")), db.rows(ROWS));
            }
        }
    }

    @Nested
    class NoLineBreakConstraints {

        @Test
        void acceptPlainValuesAndNull() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                insertRow(db, 1, " plain text\twith a tab");
                db.execute("INSERT INTO crmp.meta_vars (vars_id, standard_name, cell_method, display_name)"
                        + " VALUES (2, 's', 'c', 'd')");
                assertEquals(List.of(row(1, " plain text\twith a tab"), Arrays.asList("2", null, "s", "c", "d", null, null)),
                        db.rows(ROWS));
            }
        }

        @Test
        void rejectALineBreakAnywhereInAnyOfTheSixColumnsWithACheckViolation() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                List<String> rejected = new ArrayList<>();
                int varsId = 0;
                for (String column : COLUMNS) {
                    for (String value : List.of("\rstart", "end\n", "mid\r\ndle", "\n")) {
                        int id = ++varsId;
                        SQLException e = assertThrows(SQLException.class, () -> insertRowWith(db, id, column, value));
                        rejected.add(e.getSQLState() + " " + constraintOf(e));
                    }
                }
                List<String> expected = new ArrayList<>();
                for (String column : COLUMNS) {
                    for (int i = 0; i < 4; i++) {
                        expected.add("23514 " + column + "_nolinebreak");
                    }
                }
                assertEquals(expected, rejected);
                assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_vars"));
            }
        }
    }
}
