package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 7ab87f8fbcf4, "Add change history utilities": the three naming helpers and the three trigger
 * functions of history tracking (objects.md §D13, §E3). Their behaviour as triggers is tested in
 * {@code behaviour.HistoryTrackingTriggersTest}.
 */
class Rev025_7ab87f8fbcf4_AddChangeHistoryUtilitiesTest {

    private static final List<String> FUNCTIONS = List.of("hxtk_add_foreign_hx_keys", "hxtk_collection_name_from_hx",
            "hxtk_hx_id_name", "hxtk_hx_table_name", "hxtk_primary_control_hx_cols", "hxtk_primary_ops_to_hx");

    private static final String HXTK_ROUTINES = "SELECT routine_name FROM information_schema.routines "
            + "WHERE routine_schema = 'crmp' AND routine_name LIKE 'hxtk%' ORDER BY routine_name";

    @Test
    void theSixFunctionsExistAfterUpgradeAndNoneAfterRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at("081f17262852")) {
            assertEquals(List.of(), db.column(HXTK_ROUTINES));
            db.migrations().updateTo("7ab87f8fbcf4");
            assertEquals(FUNCTIONS, db.column(HXTK_ROUTINES));
            db.migrations().rollbackTo("081f17262852");
            assertEquals(List.of(), db.column(HXTK_ROUTINES));
        }
    }

    @Test
    void namingHelpersDeriveHistoryTableAndIdNamesAndNullGivesNull() throws Exception {
        try (TestDatabase db = TestDatabases.at("7ab87f8fbcf4")) {
            assertEquals(Arrays.asList("spoo_hx", "spoo_hx_id", "spoo", "spoo", null, null, null),
                    db.rows("SELECT crmp.hxtk_hx_table_name('spoo'), crmp.hxtk_hx_id_name('spoo'), "
                            + "crmp.hxtk_collection_name_from_hx('spoo_hx'), crmp.hxtk_collection_name_from_hx('spoo'), "
                            + "crmp.hxtk_hx_table_name(NULL), crmp.hxtk_hx_id_name(NULL), "
                            + "crmp.hxtk_collection_name_from_hx(NULL)").get(0));
        }
    }
}
