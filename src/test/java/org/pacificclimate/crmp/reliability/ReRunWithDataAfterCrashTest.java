package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.SubsetData;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The revisions that move data, applied to PyCDS's test data set, then "crashed" (their records lost) and applied
 * again: the second run changes no row and the catalog stays the revision's. For the history fills this exercises
 * the guards that skip a fill when the history table already has rows.
 */
class ReRunWithDataAfterCrashTest {

    private static final String FIRST_VARIABLES = "(SELECT vars_id FROM crmp.meta_vars ORDER BY vars_id LIMIT 3)";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // placeholders for NULLs
        "7b139906ac46 | UPDATE crmp.meta_vars SET cell_method = NULL, standard_name = NULL, display_name = NULL"
                + " WHERE vars_id IN " + FIRST_VARIABLES + " | ",
        // names rewritten into identifiers
        "78260d36e42b | UPDATE crmp.meta_vars SET net_var_name = concat('schön-', vars_id) WHERE vars_id IN " + FIRST_VARIABLES
                + " | ",
        // line breaks replaced
        "5c841d2c01d1 | UPDATE crmp.meta_vars SET unit = E'm\\r\\ns', long_description = E'a\\nb'"
                + " WHERE vars_id IN " + FIRST_VARIABLES + " | ",
        // the initial history of the four metadata tables
        "a59d64cf16ca | | meta_network_hx meta_station_hx meta_history_hx meta_vars_hx",
        // the initial history of obs_raw
        "8c05da87cb79 | | obs_raw_hx",
        // meta_network_hx rebuilt with its rows moved over
        "33179b5ae85a | | meta_network_hx",
    })
    void applyingTheRevisionAgainAfterItsRecordWasLostChangesNoRow(String id, String seed, String histories)
            throws Exception {
        Revision revision = Revision.byId(id);
        Revision before = revision.previous().orElseThrow();
        try (TestDatabase db = TestDatabases.at(before.id())) {
            if (before.number() < Revision.byId("879f0efa125f").number()) {
                SubsetData.loadBeforePublishColumn(db, "crmp");
            } else {
                db.loadSubsetData("crmp");
            }
            if (seed != null) {
                db.execute(seed);
            }
            List<String> loaded = DatabaseState.contents(db);
            db.migrations().updateTo(id);
            List<String> applied = DatabaseState.contents(db);
            assertNotEquals(loaded, applied, "the revision moves data");
            if (histories != null) {
                for (String history : histories.split(" ")) {
                    assertTrue(Integer.parseInt(db.value("SELECT count(*) FROM crmp." + history)) > 0, history);
                }
            }

            db.execute("DELETE FROM crmp.databasechangelog WHERE id IN ('" + id + "', '" + id + "-tag')");
            db.migrations().updateTo(id);

            assertEquals(applied, DatabaseState.contents(db), "the second run changed rows");
            assertEquals(Optional.of(id), db.migrations().current());
            assertCatalogMatches(revision, db.catalog("crmp"), "after applying " + id + " twice");
        }
    }
}
