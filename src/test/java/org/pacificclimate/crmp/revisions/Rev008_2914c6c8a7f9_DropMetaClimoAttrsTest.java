package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 8, {@code 2914c6c8a7f9} "Drop meta_climo_attrs"
 * ({@code changelog/revisions/008-2914c6c8a7f9-drop-meta-climo-attrs.yaml}): drops the unused table
 * {@code meta_climo_attrs} with its data, if it exists. The rollback re-creates it as revision {@code 522eed334c85} did
 * ({@code changelog/objects/tables/meta_climo_attrs/522eed334c85.sql}), empty: its rows cannot come back
 * (docs/known-defects.md, data that no rollback can bring back).
 */
class Rev008_2914c6c8a7f9_DropMetaClimoAttrsTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("2914c6c8a7f9");

    @Nested
    class Upgrade {

        @ParameterizedTest(name = "table pre-dropped {0}")
        @ValueSource(booleans = {false, true})
        void upgradeLeavesNoMetaClimoAttrs(boolean preDropped) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                if (preDropped) {
                    db.execute("DROP TABLE crmp.meta_climo_attrs");
                }
                REVISION.upgrade(db);
                assertEquals("false", exists(db));
            }
        }

        @Test
        void upgradeDropsTheTableWithItsRows() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedClimoAttrs(db);
                REVISION.upgrade(db);
                assertEquals("false", exists(db));
                // the rows it referenced are untouched
                assertEquals("1", db.value("SELECT count(*) FROM crmp.meta_station"));
                assertEquals("1", db.value("SELECT count(*) FROM crmp.meta_vars"));
            }
        }
    }

    @Nested
    class Rollback {

        @ParameterizedTest(name = "table pre-dropped {0}")
        @ValueSource(booleans = {false, true})
        void rollbackRecreatesMetaClimoAttrsAsThePreviousRevisionHadIt(boolean preDropped) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                if (preDropped) {
                    db.execute("DROP TABLE crmp.meta_climo_attrs");
                }
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals("true", exists(db));
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"),
                        "after rollback of " + REVISION.id());
            }
        }

        @Test
        void rollbackRecreatesTheTableEmpty() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedClimoAttrs(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals("0", db.value("SELECT count(*) FROM crmp.meta_climo_attrs"));
            }
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
