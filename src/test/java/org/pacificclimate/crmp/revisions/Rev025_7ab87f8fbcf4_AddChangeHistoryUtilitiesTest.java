package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 7ab87f8fbcf4, "Add change history utilities"
 * ({@code changelog/revisions/025-7ab87f8fbcf4-add-change-history-utilities.yaml}): the three naming helpers
 * {@code hxtk_hx_table_name}, {@code hxtk_hx_id_name}, {@code hxtk_collection_name_from_hx} and the three trigger
 * functions {@code hxtk_primary_control_hx_cols}, {@code hxtk_primary_ops_to_hx}, {@code hxtk_add_foreign_hx_keys}
 * of history tracking (each in {@code changelog/objects/functions/<name>/7ab87f8fbcf4.sql}). Their behaviour as
 * triggers is tested in {@code behaviour.HistoryTrackingTriggersTest}.
 */
class Rev025_7ab87f8fbcf4_AddChangeHistoryUtilitiesTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("7ab87f8fbcf4");

    private static final List<String> FUNCTIONS = List.of("hxtk_add_foreign_hx_keys", "hxtk_collection_name_from_hx",
            "hxtk_hx_id_name", "hxtk_hx_table_name", "hxtk_primary_control_hx_cols", "hxtk_primary_ops_to_hx");

    private static final String HXTK_ROUTINES = "SELECT routine_name FROM information_schema.routines "
            + "WHERE routine_schema = 'crmp' AND routine_name LIKE 'hxtk%' ORDER BY routine_name";

    @Nested
    class Upgrade {

        @Test
        void createsTheSixFunctions() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), db.column(HXTK_ROUTINES));
                REVISION.upgrade(db);
                assertEquals(FUNCTIONS, db.column(HXTK_ROUTINES));
            }
        }
    }

    @Nested
    class NamingHelpers {

        @Test
        void deriveHistoryTableAndIdNamesAndNullGivesNull() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                assertEquals(Arrays.asList("spoo_hx", "spoo_hx_id", "spoo", "spoo", null, null, null),
                        db.rows("SELECT crmp.hxtk_hx_table_name('spoo'), crmp.hxtk_hx_id_name('spoo'), "
                                + "crmp.hxtk_collection_name_from_hx('spoo_hx'), crmp.hxtk_collection_name_from_hx('spoo'), "
                                + "crmp.hxtk_hx_table_name(NULL), crmp.hxtk_hx_id_name(NULL), "
                                + "crmp.hxtk_collection_name_from_hx(NULL)").get(0));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void dropsTheSixFunctions() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(), db.column(HXTK_ROUTINES));
            }
        }
    }
}
