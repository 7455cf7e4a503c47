package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 6, {@code bdc28573df56} "Add obs_raw indexes"
 * ({@code changelog/revisions/006-bdc28573df56-add-obs-raw-indexes.yaml}): adds the non-unique indexes
 * {@code mod_time_idx}, {@code obs_raw_comp_idx}, {@code obs_raw_history_id_idx} and {@code obs_raw_id_idx} to
 * {@code obs_raw}, each only if {@code obs_raw} has no index of that name yet (production databases had some of them).
 * The rollback drops the ones the upgrade created and keeps those that existed before it (PyCDS drops them too,
 * docs/known-defects.md), so it gives back exactly the pre-upgrade state.
 */
class Rev006_bdc28573df56_AddObsRawIndexesTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("bdc28573df56");

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

    @Nested
    class Upgrade {

        @Test
        void upgradeAddsTheFourIndexes() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
                REVISION.upgrade(db);
                assertEquals(List.of(MOD_TIME_IDX, COMP_IDX, HISTORY_ID_IDX, ID_IDX, PKEY_AND_UNIQUE.get(0),
                        PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
            }
        }

        @Test
        void upgradeKeepsPreExistingIndexesOfTheSameNameAsTheyAre() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                // as a production database might have them: one identical, one with another definition
                db.execute("CREATE INDEX mod_time_idx ON crmp.obs_raw (mod_time)");
                db.execute("CREATE INDEX obs_raw_id_idx ON crmp.obs_raw (obs_raw_id, history_id)");
                REVISION.upgrade(db);
                assertEquals(List.of(MOD_TIME_IDX, COMP_IDX, HISTORY_ID_IDX,
                        "obs_raw_id_idx: CREATE INDEX obs_raw_id_idx ON crmp.obs_raw USING btree (obs_raw_id, history_id)",
                        PKEY_AND_UNIQUE.get(0), PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackRestoresThePreUpgradeIndexSet() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
            }
        }

        @Test
        void rollbackKeepsIndexesThatExistedBeforeTheUpgrade() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute("CREATE INDEX mod_time_idx ON crmp.obs_raw (mod_time)");
                db.execute("CREATE INDEX obs_raw_id_idx ON crmp.obs_raw (obs_raw_id, history_id)");
                List<String> before = obsRawIndexes(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(before, obsRawIndexes(db));
            }
        }

        @Test
        void rollbackOfAFreshUpgradeGivesThePreviousRevisionsSchema() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(PKEY_AND_UNIQUE, obsRawIndexes(db));
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"),
                        "after rollback of " + REVISION.id());
            }
        }

        @Test
        void rollbackKeepsOtherIndexesOfObsRaw() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("CREATE INDEX obs_raw_datum_idx ON crmp.obs_raw (datum)");
                REVISION.rollBack(db);
                assertEquals(List.of(
                        "obs_raw_datum_idx: CREATE INDEX obs_raw_datum_idx ON crmp.obs_raw USING btree (datum)",
                        PKEY_AND_UNIQUE.get(0), PKEY_AND_UNIQUE.get(1)), obsRawIndexes(db));
            }
        }
    }

    private static List<String> obsRawIndexes(TestDatabase db) throws SQLException {
        return db.column("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                + " AND tablename = 'obs_raw' ORDER BY indexname COLLATE \"C\"");
    }
}
