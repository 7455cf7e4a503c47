package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 7, {@code e688e520d265} "Refactor flags association tables"
 * ({@code changelog/revisions/007-e688e520d265-refactor-flags-association-tables.yaml}): in
 * {@code obs_raw_native_flags} and {@code obs_raw_pcic_flags} the UNIQUE constraint
 * ({@code obs_raw_native_flag_unique}, {@code obs_raw_pcic_flag_unique}) is dropped if present and a primary key
 * {@code <table>_pkey} on the same two columns is added unless one of that name exists, which makes both columns NOT
 * NULL. The rollback drops the primary keys and restores the UNIQUE constraints; unlike PyCDS it also makes the columns
 * nullable again (docs/known-defects.md). The association rows are kept either way.
 */
class Rev007_e688e520d265_RefactorFlagsAssociationTablesTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("e688e520d265");

    /** One flag association table and the names the revision deals with. */
    enum FlagTable {
        NATIVE("obs_raw_native_flags", "native_flag_id", "obs_raw_native_flag_unique"),
        PCIC("obs_raw_pcic_flags", "pcic_flag_id", "obs_raw_pcic_flag_unique");

        final String table;
        final String flagColumn;
        final String unique;

        FlagTable(String table, String flagColumn, String unique) {
            this.table = table;
            this.flagColumn = flagColumn;
            this.unique = unique;
        }

        String primaryKey() {
            return table + "_pkey";
        }

        String columns() {
            return "(obs_raw_id, " + flagColumn + ")";
        }
    }

    /** Three observations, two native and two PCIC flags, and three associations in each table. */
    private static final String ASSOCIATIONS = """
            INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum) VALUES
                (1, '2000-01-01', now(), 1), (2, '2000-01-02', now(), 2), (3, '2000-01-03', now(), 3);
            INSERT INTO crmp.meta_native_flag (native_flag_id, flag_name, value, discard) VALUES
                (1, 'native a', 'a', true), (2, 'native b', 'b', NULL);
            INSERT INTO crmp.meta_pcic_flag (pcic_flag_id, flag_name, discard) VALUES
                (1, 'pcic a', true), (2, 'pcic b', false);
            INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (1, 1), (1, 2), (3, 2);
            INSERT INTO crmp.obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (2, 1), (2, 2), (3, 1);
            """;
    private static final List<List<String>> NATIVE_ROWS = List.of(List.of("1", "1"), List.of("1", "2"), List.of("3", "2"));
    private static final List<List<String>> PCIC_ROWS = List.of(List.of("2", "1"), List.of("2", "2"), List.of("3", "1"));

    /** Each table, with its UNIQUE constraint dropped or not and its primary key created or not. */
    static Stream<Arguments> preconditions() {
        List<Arguments> cases = new ArrayList<>();
        for (FlagTable table : FlagTable.values()) {
            for (boolean uniqueDropped : new boolean[] {false, true}) {
                for (boolean keyCreated : new boolean[] {false, true}) {
                    cases.add(Arguments.of(table, uniqueDropped, keyCreated));
                }
            }
        }
        return cases.stream();
    }

    @Nested
    class Upgrade {

        @ParameterizedTest(name = "{0}, unique constraint pre-dropped {1}, primary key pre-created {2}")
        @MethodSource("org.pacificclimate.crmp.revisions.Rev007_e688e520d265_RefactorFlagsAssociationTablesTest#preconditions")
        void upgradeLeavesThePrimaryKeyAndNoUniqueConstraint(FlagTable table, boolean uniqueDropped, boolean keyCreated)
                throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                prepare(db, table, uniqueDropped, keyCreated);
                REVISION.upgrade(db);
                assertEquals(List.of(List.of(table.primaryKey(), "PRIMARY KEY " + table.columns())), keys(db, table));
            }
        }

        @Test
        void flagAssociationsSurviveTheUpgrade() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(ASSOCIATIONS);
                REVISION.upgrade(db);
                assertEquals(NATIVE_ROWS, associations(db, FlagTable.NATIVE));
                assertEquals(PCIC_ROWS, associations(db, FlagTable.PCIC));
            }
        }

        @Test
        void upgradeMakesTheKeyColumnsNotNull() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of("YES", "YES", "YES", "YES"), nullability(db));
                REVISION.upgrade(db);
                assertEquals(List.of("NO", "NO", "NO", "NO"), nullability(db));
            }
        }

        /**
         * Before the revision the UNIQUE constraint lets a row with a NULL column in (as often as one likes); such a
         * row cannot get a primary key, so the upgrade fails, and as one transaction it changes nothing.
         */
        @Test
        void upgradeFailsWithoutChangesWhenAnAssociationHasANullColumn() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(ASSOCIATIONS + "INSERT INTO crmp.obs_raw_pcic_flags VALUES (1, NULL), (1, NULL);");
                MigrationException e = assertThrows(MigrationException.class, () -> REVISION.upgrade(db));
                assertEquals("23502", sqlState(e), e.getMessage());   // not_null_violation
                assertUnchangedAtPreviousRevision(db);
                assertEquals(List.of(Arrays.asList("1", null), Arrays.asList("1", null), List.of("2", "1"), List.of("2", "2"),
                        List.of("3", "1")), associations(db, FlagTable.PCIC));
            }
        }

        /**
         * Duplicates can only exist where the UNIQUE constraint had been dropped; the upgrade then fails, changing
         * nothing.
         */
        @Test
        void upgradeFailsWithoutChangesOnDuplicateAssociationsWhenTheUniqueConstraintWasDropped() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                db.execute(ASSOCIATIONS);
                db.execute("ALTER TABLE crmp.obs_raw_native_flags DROP CONSTRAINT obs_raw_native_flag_unique");
                db.execute("INSERT INTO crmp.obs_raw_native_flags VALUES (3, 2)");
                MigrationException e = assertThrows(MigrationException.class, () -> REVISION.upgrade(db));
                assertEquals("23505", sqlState(e), e.getMessage());   // unique_violation
                assertEquals(REVISION.previous().map(Revision::id), db.migrations().current());
                assertEquals(List.of(), keys(db, FlagTable.NATIVE));
                assertEquals(List.of(List.of("1", "1"), List.of("1", "2"), List.of("3", "2"), List.of("3", "2")),
                        associations(db, FlagTable.NATIVE));
            }
        }
    }

    @Nested
    class Rollback {

        @ParameterizedTest(name = "{0}, unique constraint pre-dropped {1}, primary key pre-created {2}")
        @MethodSource("org.pacificclimate.crmp.revisions.Rev007_e688e520d265_RefactorFlagsAssociationTablesTest#preconditions")
        void rollbackRestoresTheUniqueConstraintAndNoPrimaryKey(FlagTable table, boolean uniqueDropped,
                boolean keyCreated) throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                prepare(db, table, uniqueDropped, keyCreated);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of(List.of(table.unique, "UNIQUE " + table.columns())), keys(db, table));
                assertCatalogMatches(REVISION.previous().orElseThrow(), db.catalog("crmp"),
                        "after rollback of " + REVISION.id());
            }
        }

        @Test
        void flagAssociationsSurviveTheRollback() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(ASSOCIATIONS);
                REVISION.rollBack(db);
                assertEquals(NATIVE_ROWS, associations(db, FlagTable.NATIVE));
                assertEquals(PCIC_ROWS, associations(db, FlagTable.PCIC));
            }
        }

        @Test
        void rollbackMakesTheKeyColumnsNullableAgain() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(List.of("YES", "YES", "YES", "YES"), nullability(db));
            }
        }
    }

    /** The SQLSTATE of the first SQLException in the cause chain. */
    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void assertUnchangedAtPreviousRevision(TestDatabase db) throws SQLException {
        assertEquals(REVISION.previous().map(Revision::id), db.migrations().current());
        for (FlagTable table : FlagTable.values()) {
            assertEquals(List.of(List.of(table.unique, "UNIQUE " + table.columns())), keys(db, table), table.table);
        }
        assertEquals(List.of("YES", "YES", "YES", "YES"), nullability(db));
    }

    private static void prepare(TestDatabase db, FlagTable table, boolean uniqueDropped, boolean keyCreated)
            throws SQLException {
        if (uniqueDropped) {
            db.execute("ALTER TABLE crmp." + table.table + " DROP CONSTRAINT " + table.unique);
        }
        if (keyCreated) {
            db.execute("ALTER TABLE crmp." + table.table + " ADD CONSTRAINT " + table.primaryKey()
                    + " PRIMARY KEY " + table.columns());
        }
    }

    /** The table's primary-key and unique constraints (name, definition). */
    private static List<List<String>> keys(TestDatabase db, FlagTable table) throws SQLException {
        return db.rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'crmp." + table.table + "'::regclass AND contype IN ('p', 'u')"
                + " ORDER BY conname COLLATE \"C\"");
    }

    private static List<List<String>> associations(TestDatabase db, FlagTable table) throws SQLException {
        return db.rows("SELECT obs_raw_id, " + table.flagColumn + " FROM crmp." + table.table + " ORDER BY 1, 2");
    }

    /**
     * is_nullable of obs_raw_native_flags (obs_raw_id, native_flag_id) then obs_raw_pcic_flags (obs_raw_id,
     * pcic_flag_id).
     */
    private static List<String> nullability(TestDatabase db) throws SQLException {
        return db.column("SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'crmp'"
                + " AND table_name IN ('obs_raw_native_flags', 'obs_raw_pcic_flags')"
                + " ORDER BY table_name COLLATE \"C\", ordinal_position");
    }
}
