package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 9, {@code 0d99ba90c229} "Create missing indexes"
 * ({@code changelog/revisions/009-0d99ba90c229-create-missing-indexes.yaml}): nine non-unique btree indexes that
 * PyCDS's ORM declares but the database never had, each {@code CREATE INDEX IF NOT EXISTS}, so an index of that name
 * created earlier (e.g. from the ORM, with {@code idx_meta_history_the_geom} as GiST) is kept as it is; the revision's
 * own {@code idx_meta_history_the_geom} is a btree index, as in PyCDS (docs/known-defects.md). The rollback drops all
 * nine by name, as PyCDS does, including indexes that existed before the upgrade (docs/known-defects.md): it gives the
 * previous revision's schema, not the pre-upgrade state of a database that already had some of them.
 */
class Rev009_0d99ba90c229_CreateMissingIndexesTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("0d99ba90c229");

    private static final List<String> NAMES = List.of("climo_obs_count_idx", "collapsed_vars_idx",
            "fki_meta_history_station_id_fk", "meta_history_freq_idx", "idx_meta_history_the_geom",
            "fki_meta_station_network_id_fkey", "fki_meta_vars_network_id_fkey", "obs_count_per_month_history_idx",
            "station_obs_stats_mv_idx");

    /** (table, index, definition) of the nine, ordered by table and index name. */
    private static final List<List<String>> CREATED = List.of(
            List.of("climo_obs_count_mv", "climo_obs_count_idx",
                    "CREATE INDEX climo_obs_count_idx ON crmp.climo_obs_count_mv USING btree (history_id)"),
            List.of("collapsed_vars_mv", "collapsed_vars_idx",
                    "CREATE INDEX collapsed_vars_idx ON crmp.collapsed_vars_mv USING btree (history_id)"),
            List.of("meta_history", "fki_meta_history_station_id_fk",
                    "CREATE INDEX fki_meta_history_station_id_fk ON crmp.meta_history USING btree (station_id)"),
            List.of("meta_history", "idx_meta_history_the_geom",
                    "CREATE INDEX idx_meta_history_the_geom ON crmp.meta_history USING btree (the_geom)"),
            List.of("meta_history", "meta_history_freq_idx",
                    "CREATE INDEX meta_history_freq_idx ON crmp.meta_history USING btree (freq)"),
            List.of("meta_station", "fki_meta_station_network_id_fkey",
                    "CREATE INDEX fki_meta_station_network_id_fkey ON crmp.meta_station USING btree (network_id)"),
            List.of("meta_vars", "fki_meta_vars_network_id_fkey",
                    "CREATE INDEX fki_meta_vars_network_id_fkey ON crmp.meta_vars USING btree (network_id)"),
            List.of("obs_count_per_month_history_mv", "obs_count_per_month_history_idx",
                    "CREATE INDEX obs_count_per_month_history_idx ON crmp.obs_count_per_month_history_mv"
                            + " USING btree (date_trunc, history_id)"),
            List.of("station_obs_stats_mv", "station_obs_stats_mv_idx",
                    "CREATE INDEX station_obs_stats_mv_idx ON crmp.station_obs_stats_mv"
                            + " USING btree (min_obs_time, max_obs_time, obs_count, station_id, history_id)"));

    /**
     * The indexes PyCDS's ORM declares on meta_history, meta_station and meta_vars, as creating the schema from
     * the ORM makes them (the geometry index is GiST there).
     */
    private static final String ORM_INDEXES = """
            CREATE INDEX fki_meta_history_station_id_fk ON crmp.meta_history (station_id);
            CREATE INDEX meta_history_freq_idx ON crmp.meta_history (freq);
            CREATE INDEX idx_meta_history_the_geom ON crmp.meta_history USING gist (the_geom);
            CREATE INDEX fki_meta_station_network_id_fkey ON crmp.meta_station (network_id);
            CREATE INDEX fki_meta_vars_network_id_fkey ON crmp.meta_vars (network_id);
            """;

    @Nested
    class Upgrade {

        @ParameterizedTest(name = "ORM indexes pre-created {0}")
        @ValueSource(booleans = {false, true})
        void upgradeLeavesTheNineIndexesOnTheirTables(boolean preCreated) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                if (preCreated) {
                    db.execute(ORM_INDEXES);
                }
                REVISION.upgrade(db);
                assertEquals(CREATED.stream().map(row -> row.subList(0, 2)).toList(), theNine(db).stream()
                        .map(row -> row.subList(0, 2)).toList());
            }
        }

        @Test
        void upgradeCreatesTheNineAsBtreeIndexes() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), theNine(db));
                REVISION.upgrade(db);
                assertEquals(CREATED, theNine(db));
            }
        }

        @Test
        void upgradeKeepsPreCreatedIndexesAsTheyAre() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(ORM_INDEXES);
                REVISION.upgrade(db);
                assertEquals("CREATE INDEX idx_meta_history_the_geom ON crmp.meta_history USING gist (the_geom)",
                        db.value("SELECT indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                                + " AND indexname = 'idx_meta_history_the_geom'"));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackDropsTheNineIndexes() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(List.of(), theNine(db));
            }
        }

        @Test
        void rollbackAlsoDropsIndexesThatExistedBeforeTheUpgrade() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(ORM_INDEXES);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(), theNine(db));
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"),
                        "after rollback of " + REVISION.id());
            }
        }
    }

    /** (table, index, definition) of those of the nine names that exist in the schema. */
    private static List<List<String>> theNine(TestDatabase db) throws SQLException {
        return db.rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                + " AND indexname IN ('" + String.join("', '", NAMES) + "')"
                + " ORDER BY tablename COLLATE \"C\", indexname COLLATE \"C\"");
    }
}
