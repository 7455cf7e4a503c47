package org.pacificclimate.crmp.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Extensions citext (revision 3d50ec832e47) and unaccent (78260d36e42b) belong to the database, not to a schema:
 * two schemas of one database go up and down through revisions 10-15 independently. An upgrade does not fail
 * when the other schema already installed an extension, and a rollback drops an extension only when nothing
 * else uses it, so the schema that stays at 5c841d2c01d1 keeps its case-insensitive names and constraints.
 */
class CitextAndUnaccentExtensionsTest {

    /** The revision before 3d50ec832e47, which installs citext: neither extension is needed yet. */
    private static final Revision REV9 = Revision.byId("3d50ec832e47").previous().orElseThrow();
    private static final Revision REV15 = Revision.byId("5c841d2c01d1");

    private static final String EXTENSIONS = "SELECT extname FROM pg_extension WHERE extname IN ('citext', 'unaccent')"
            + " ORDER BY extname";

    @Test
    void rollingTheOtherSchemaBackToRevision9LeavesCrmpAtRevision15Working() throws Exception {
        try (TestDatabase db = TestDatabases.at(REV15.id())) {
            db.migrations("other").updateTo(REV15.id());
            assertCatalogMatches(REV15, "other", db.catalog("other"), "other after upgrade");

            db.migrations("other").rollbackTo(REV9.id());
            assertCatalogMatches(REV9, "other", db.catalog("other"), "other after rollback");
            assertCatalogMatches(REV15, db.catalog("crmp"), "crmp while other was rolled back");
            assertEquals(Optional.of(REV15.id()), db.migrations("crmp").current());
            assertEquals(Optional.of(REV9.id()), db.migrations("other").current());
            // crmp's column still uses citext; nothing in the database uses unaccent (only the rewrite did)
            assertEquals(List.of("citext"), db.column(EXTENSIONS));

            assertRevision15Works(db, "crmp");
            assertRevision9Works(db, "other");
        }
    }

    @Test
    void eachSchemaGoesUpAndDownThroughRevisions10To15Independently() throws Exception {
        try (TestDatabase db = TestDatabases.at(REV9.id())) {
            db.migrations("other").updateTo(REV9.id());
            db.migrations("crmp").updateTo(REV15.id());
            // the extensions exist already: PyCDS's 78260d36e42b would fail here
            db.migrations("other").updateTo(REV15.id());
            assertCatalogMatches(REV15, db.catalog("crmp"), "crmp");
            assertCatalogMatches(REV15, "other", db.catalog("other"), "other");
            assertEquals(List.of("citext", "unaccent"), db.column(EXTENSIONS));

            db.migrations("crmp").rollbackTo(REV9.id());
            assertCatalogMatches(REV9, db.catalog("crmp"), "crmp after rollback");
            assertCatalogMatches(REV15, "other", db.catalog("other"), "other while crmp was rolled back");
            assertEquals(List.of("citext"), db.column(EXTENSIONS));
            assertRevision15Works(db, "other");
            assertRevision9Works(db, "crmp");

            db.migrations("crmp").updateTo(REV15.id());
            assertCatalogMatches(REV15, db.catalog("crmp"), "crmp upgraded again");
            assertEquals(List.of("citext", "unaccent"), db.column(EXTENSIONS));

            db.migrations("other").rollbackTo(REV9.id());
            db.migrations("crmp").rollbackTo(REV9.id());
            assertCatalogMatches(REV9, db.catalog("crmp"), "crmp at the end");
            assertCatalogMatches(REV9, "other", db.catalog("other"), "other at the end");
            // nothing uses them any more: the last rollback dropped both
            assertEquals(List.of(), db.column(EXTENSIONS));
        }
    }

    /** Case-insensitive unique names, the identifier and line-break constraints and variable_tags work. */
    private static void assertRevision15Works(TestDatabase db, String schema) throws SQLException {
        db.execute("INSERT INTO " + schema + ".meta_network (network_id, network_name) VALUES (1, 'one'), (2, 'two');"
                + "INSERT INTO " + schema + ".meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method,"
                + " display_name) VALUES (1, 1, 'Tmax', 's', 'c', 'd'), (2, 2, 'TMAX', 's', 'c', 'd'),"
                + " (3, 1, 'tx_Climatology', 's', 'c', 'd')");
        SQLException duplicate = assertThrows(SQLException.class, () -> db.execute("INSERT INTO " + schema
                + ".meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                + " VALUES (4, 1, 'tmax', 's', 'c', 'd')"));
        assertEquals("23505", duplicate.getSQLState());
        assertEquals(List.of("1", "2"), db.column("SELECT vars_id FROM " + schema + ".meta_vars"
                + " WHERE net_var_name = 'tMAx' ORDER BY 1"));
        SQLException identifier = assertThrows(SQLException.class, () -> db.execute("INSERT INTO " + schema
                + ".meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                + " VALUES (5, 1, 'schön', 's', 'c', 'd')"));
        assertEquals("23514", identifier.getSQLState());
        SQLException lineBreak = assertThrows(SQLException.class, () -> db.execute("INSERT INTO " + schema
                + ".meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                + " VALUES (6, 1, 'ok', 's', 'c', E'two\\nlines')"));
        assertEquals("23514", lineBreak.getSQLState());
        assertEquals(List.of("1 {observation}", "2 {observation}", "3 {climatology}"), db.column(
                "SELECT vars_id || ' ' || " + schema + ".variable_tags(v)::text FROM " + schema + ".meta_vars AS v ORDER BY 1"));
        db.execute("DELETE FROM " + schema + ".meta_vars; DELETE FROM " + schema + ".meta_network");
    }

    /** Before revision 10: names are plain varchar, so names differing in case are distinct. */
    private static void assertRevision9Works(TestDatabase db, String schema) throws SQLException {
        db.execute("INSERT INTO " + schema + ".meta_network (network_id, network_name) VALUES (1, 'one');"
                + "INSERT INTO " + schema + ".meta_vars (vars_id, network_id, net_var_name)"
                + " VALUES (1, 1, 'Tmax'), (2, 1, 'TMAX'), (3, 1, 'schön')");
        assertEquals(List.of("1"), db.column("SELECT vars_id FROM " + schema + ".meta_vars WHERE net_var_name = 'Tmax'"));
        db.execute("DELETE FROM " + schema + ".meta_vars; DELETE FROM " + schema + ".meta_network");
    }
}
