package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 8, {@code 2914c6c8a7f9} "Drop meta_climo_attrs": drops the unused table {@code meta_climo_attrs} with
 * its data, if it exists. The rollback re-creates it as revision 1 did, empty: its rows cannot come back
 * (revisions.md, lossy downgrades).
 */
class Rev008_2914c6c8a7f9_DropMetaClimoAttrsTest {

    private static final String PREVIOUS = "e688e520d265";
    private static final String REVISION = "2914c6c8a7f9";

    @ParameterizedTest(name = "table pre-dropped {0}")
    @ValueSource(booleans = {false, true})
    void upgradeLeavesNoMetaClimoAttrs(boolean preDropped) throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            if (preDropped) {
                db.execute("DROP TABLE crmp.meta_climo_attrs");
            }
            db.migrations().updateTo(REVISION);
            assertEquals("false", exists(db));
        }
    }

    @ParameterizedTest(name = "table pre-dropped {0}")
    @ValueSource(booleans = {false, true})
    void rollbackRecreatesMetaClimoAttrsAsInRevision1(boolean preDropped) throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            if (preDropped) {
                db.execute("DROP TABLE crmp.meta_climo_attrs");
            }
            db.migrations().updateTo(REVISION);
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals("true", exists(db));
            assertCatalogMatches(Revision.byId(PREVIOUS), db.catalog("crmp"), "after rollback of " + REVISION);
        }
    }

    @Test
    void upgradeDropsTheTableWithItsRows() throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            seedClimoAttrs(db);
            db.migrations().updateTo(REVISION);
            assertEquals("false", exists(db));
            // the rows it referenced are untouched
            assertEquals("1", db.value("SELECT count(*) FROM crmp.meta_station"));
            assertEquals("1", db.value("SELECT count(*) FROM crmp.meta_vars"));
        }
    }

    @Test
    void rollbackRecreatesTheTableEmpty() throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            seedClimoAttrs(db);
            db.migrations().updateTo(REVISION);
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_climo_attrs"));
        }
    }

    private static void seedClimoAttrs(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_station (station_id, native_id) VALUES (1, 's1');"
                + "INSERT INTO crmp.meta_vars (vars_id, net_var_name) VALUES (1, 'Tx');"
                + "INSERT INTO crmp.meta_climo_attrs (vars_id, station_id, month, wmo_code, adjusted) VALUES"
                + " (1, 1, 1, 'A', true), (1, 1, 2, 'B', false), (1, 1, 3, NULL, NULL)");
        assertEquals("3", db.value("SELECT count(*) FROM crmp.meta_climo_attrs"));
    }

    private static String exists(TestDatabase db) throws SQLException {
        return db.value("SELECT (to_regclass('crmp.meta_climo_attrs') IS NOT NULL)::text");
    }
}
