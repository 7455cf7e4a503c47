package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 6, {@code bdc28573df56} "Add obs_raw indexes": adds the non-unique indexes {@code mod_time_idx},
 * {@code obs_raw_comp_idx}, {@code obs_raw_history_id_idx} and {@code obs_raw_id_idx} to {@code obs_raw}, each
 * only if {@code obs_raw} has no index of that name yet (production databases had some of them). The rollback
 * drops the ones the upgrade created and keeps those that existed before it (PyCDS drops them too), so it
 * gives back exactly the pre-upgrade state.
 */
class Rev006_bdc28573df56_AddObsRawIndexesTest {

    private static final String PREVIOUS = "7a3b247c577b";
    private static final String REVISION = "bdc28573df56";

    private static final List<String> PKEY_AND_UNIQUE = List.of(
            "obs_raw_pkey: CREATE UNIQUE INDEX obs_raw_pkey ON crmp.obs_raw USING btree (obs_raw_id)",
            "time_place_variable_unique: CREATE UNIQUE INDEX time_place_variable_unique ON crmp.obs_raw"
                    + " USING btree (obs_time, history_id, vars_id)");
    private static final String MOD_TIME_IDX =
            "mod_time_idx: CREATE INDEX mod_time_idx ON crmp.obs_raw USING btree (mod_time)";
    private static final String COMP_IDX = "obs_raw_comp_idx: CREATE INDEX obs_raw_comp_idx ON crmp.obs_raw"
            + " USING btree (obs_time, vars_id, history_id)";
    private static final String HISTORY_ID_IDX = "obs_raw_history_id_idx: CREATE INDEX obs_raw_history_id_idx"
            + " ON crmp.obs_raw USING btree (history_id)";
    private static final String ID_IDX =
            "obs_raw_id_idx: CREATE INDEX obs_raw_id_idx ON crmp.obs_raw USING btree (obs_raw_id)";

    @Test
    void upgradeAddsTheFourIndexes() throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
            db.migrations().updateTo(REVISION);
            assertEquals(List.of(MOD_TIME_IDX, COMP_IDX, HISTORY_ID_IDX, ID_IDX, PKEY_AND_UNIQUE.get(0),
                    PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
        }
    }

    @Test
    void rollbackRestoresThePreUpgradeIndexSet() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
        }
    }

    @Test
    void upgradeKeepsPreExistingIndexesOfTheSameNameAsTheyAre() throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            // as a production database might have them: one identical, one with another definition
            db.execute("CREATE INDEX mod_time_idx ON crmp.obs_raw (mod_time)");
            db.execute("CREATE INDEX obs_raw_id_idx ON crmp.obs_raw (obs_raw_id, history_id)");
            db.migrations().updateTo(REVISION);
            assertEquals(List.of(MOD_TIME_IDX, COMP_IDX, HISTORY_ID_IDX,
                    "obs_raw_id_idx: CREATE INDEX obs_raw_id_idx ON crmp.obs_raw USING btree (obs_raw_id, history_id)",
                    PKEY_AND_UNIQUE.get(0), PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
        }
    }

    @Test
    void rollbackKeepsIndexesThatExistedBeforeTheUpgrade() throws Exception {
        try (TestDatabase db = TestDatabases.at(PREVIOUS)) {
            db.execute("CREATE INDEX mod_time_idx ON crmp.obs_raw (mod_time)");
            db.execute("CREATE INDEX obs_raw_id_idx ON crmp.obs_raw (obs_raw_id, history_id)");
            List<String> before = obsRawIndexes(db);
            db.migrations().updateTo(REVISION);
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals(before, obsRawIndexes(db));
        }
    }

    @Test
    void rollbackOfAFreshUpgradeGivesRevisionFivesSchema() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
            assertCatalogMatches(Revision.byId(PREVIOUS), db.catalog("crmp"), "after rollback of " + REVISION);
        }
    }

    @Test
    void rollbackKeepsOtherIndexesOfObsRaw() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("CREATE INDEX obs_raw_datum_idx ON crmp.obs_raw (datum)");
            db.migrations().rollbackTo(PREVIOUS);
            assertEquals(List.of(
                    "obs_raw_datum_idx: CREATE INDEX obs_raw_datum_idx ON crmp.obs_raw USING btree (datum)",
                    PKEY_AND_UNIQUE.get(0), PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
        }
    }

    private static List<String> obsRawIndexes(TestDatabase db) throws SQLException {
        return db.column("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                + " AND tablename = 'obs_raw' ORDER BY indexname COLLATE \"C\"");
    }
}
