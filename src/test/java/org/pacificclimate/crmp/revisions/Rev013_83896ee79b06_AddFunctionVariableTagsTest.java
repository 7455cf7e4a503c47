package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 83896ee79b06, "Add function variable_tags"
 * ({@code changelog/revisions/013-83896ee79b06-add-function-variable-tags.yaml}): {@code variable_tags(meta_vars)}
 * ({@code changelog/objects/functions/variable_tags/83896ee79b06.sql}) returns {@code {climatology}} when the
 * variable's {@code net_var_name} contains "climatology" in any letter case (citext's regular-expression
 * match, written as the text operator {@code ~*}), otherwise {@code {observation}}, also for a NULL name. The
 * rollback drops it.
 */
class Rev013_83896ee79b06_AddFunctionVariableTagsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("83896ee79b06");

    private static final String FUNCTION_EXISTS = "SELECT count(*) FROM pg_proc WHERE proname = 'variable_tags'"
            + " AND pronamespace = 'crmp'::regnamespace";

    private static void seedVariables(TestDatabase db) throws Exception {
        db.execute("INSERT INTO crmp.meta_vars (vars_id, net_var_name, standard_name, cell_method, display_name) VALUES"
                + " (1, 'tx_climatology', 's', 'c', 'd'),"
                + " (2, 'Climatologyx', 's', 'c', 'd'),"
                + " (3, 'Tmax_Climatology', 's', 'c', 'd'),"
                + " (4, 'CLIMATOLOGY', 's', 'c', 'd'),"
                + " (5, 'Tmax', 's', 'c', 'd'),"
                + " (6, 'climo', 's', 'c', 'd'),"
                + " (7, 'Climatolog y', 's', 'c', 'd'),"
                + " (8, NULL, 's', 'c', 'd')");
    }

    private static final List<String> EXPECTED = List.of("1 {climatology}", "2 {climatology}", "3 {climatology}",
            "4 {climatology}", "5 {observation}", "6 {observation}", "7 {observation}", "8 {observation}");

    @Nested
    class Upgrade {

        @Test
        void createsTheFunction() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals("0", db.value(FUNCTION_EXISTS));
                REVISION.upgrade(db);
                assertEquals("1", db.value(FUNCTION_EXISTS));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void dropsTheFunction() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals("1", db.value(FUNCTION_EXISTS));
                REVISION.rollBack(db);
                assertEquals("0", db.value(FUNCTION_EXISTS));
            }
        }

        @Test
        void canBeFollowedByAnUpgradeThatCreatesTheFunctionAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                REVISION.upgrade(db);
                assertEquals("1", db.value(FUNCTION_EXISTS));
            }
        }
    }

    @Nested
    class VariableTags {

        @Test
        void tagsAClimatologyWhenItsNameContainsClimatologyInAnyCaseOtherwiseAnObservation() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                seedVariables(db);
                assertEquals(EXPECTED, db.column("SELECT vars_id || ' ' || crmp.variable_tags(meta_vars)::text"
                        + " FROM crmp.meta_vars ORDER BY vars_id"));
                assertEquals(EXPECTED, db.column("SELECT vars_id || ' ' || crmp.variable_tags(v.*)::text"
                        + " FROM crmp.meta_vars AS v ORDER BY vars_id"));
            }
        }

        @Test
        void doesNotDependOnTheSearchPath() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                seedVariables(db);
                for (String searchPath : List.of("pg_catalog", "crmp", "crmp, public", "public")) {
                    List<String> tags = new ArrayList<>();
                    try (Connection c = db.newConnection(TestDatabases.MIGRATION_USER); Statement s = c.createStatement()) {
                        s.execute("SET search_path TO " + searchPath);
                        try (ResultSet rs = s.executeQuery("SELECT vars_id || ' ' || crmp.variable_tags(v)::text"
                                + " FROM crmp.meta_vars AS v ORDER BY vars_id")) {
                            while (rs.next()) {
                                tags.add(rs.getString(1));
                            }
                        }
                    }
                    assertEquals(EXPECTED, tags, "search_path " + searchPath);
                }
            }
        }

        @Test
        void tagsExactlyThe32ClimatologyVariablesOfThePyCdsTestDataClimatology() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.loadSubsetData("crmp");
                assertEquals(List.of("{climatology} 32", "{observation} 71"), db.column(
                        "SELECT tags || ' ' || n FROM (SELECT crmp.variable_tags(v)::text AS tags, count(*) AS n"
                                + " FROM crmp.meta_vars AS v GROUP BY 1) AS counted ORDER BY 1"));
                assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_vars AS v"
                        + " WHERE (crmp.variable_tags(v) = '{climatology}') <> (net_var_name LIKE '%\\_Climatology')"));
            }
        }
    }
}
