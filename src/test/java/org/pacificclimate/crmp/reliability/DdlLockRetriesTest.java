package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import liquibase.Scope;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.ProjectRuns;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A revision's step that needs a lock another session holds waits {@code ddlLockTimeout} per attempt (so it never
 * queues behind a long query for longer, blocking every reader that comes after it), then is tried again after a
 * pause, at most {@code ddlLockRetries} times; each attempt is one line. The revision succeeds once the other session
 * lets go, or fails after its last attempt leaving the revision before it exactly. A retry repeats one step, never
 * the revision: in {@code 8c05da87cb79} the last step's retries do not repeat the fill of {@code obs_raw_hx}.
 */
class DdlLockRetriesTest {

    private static final Revision HISTORY_OF_OBS_RAW = Revision.byId("8c05da87cb79");
    private static final Revision DISPLAY_NAME = Revision.byId("33179b5ae85a");

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @Test
    void aStepBlockedByAnotherSessionsLockIsRetriedAndTheRevisionSucceedsOnceItIsReleased() throws Exception {
        try (TestDatabase db = TestDatabases.at(HISTORY_OF_OBS_RAW.id());
             Connection reader = db.newConnection(TestDatabases.MIGRATION_USER)) {
            hold(reader, "SELECT count(*) FROM crmp.meta_network"); // ACCESS SHARE; the step needs ACCESS EXCLUSIVE
            CompletableFuture<Void> release = releaseAfterAttempts(reader, 2);
            withNotices(() -> migrations(db, Duration.ofMillis(200), 20).updateTo(DISPLAY_NAME.id()));
            release.get(10, TimeUnit.SECONDS);

            assertCatalogMatches(DISPLAY_NAME, db.catalog("crmp"), "after the retries");
            String step = "lock wait   " + DISPLAY_NAME.id() + "  step 1 (up-01-display-name-column.sql)  ";
            assertEquals(step + "attempt 1 of 21 waited 200 ms for a lock; next attempt in 200 ms", notices.get(0));
            assertEquals(step + "attempt 2 of 21 waited 200 ms for a lock; next attempt in 400 ms", notices.get(1));
            String last = notices.get(notices.size() - 1);
            assertTrue(last.matches(java.util.regex.Pattern.quote(step) + "attempt \\d+ of 21 got its locks"),
                    notices.toString());
            assertTrue(notices.stream().allMatch(l -> l.startsWith(step)), notices.toString());
        }
    }

    @Test
    void aStepStillBlockedAtItsLastAttemptFailsTheRevisionAndLeavesTheRevisionBeforeExactly() throws Exception {
        try (TestDatabase db = TestDatabases.at(HISTORY_OF_OBS_RAW.id());
             Connection reader = db.newConnection(TestDatabases.MIGRATION_USER)) {
            hold(reader, "SELECT count(*) FROM crmp.meta_network");
            Migrations migrations = migrations(db, Duration.ofMillis(100), 2);
            MigrationException failed = assertThrows(MigrationException.class,
                    () -> withNotices(() -> migrations.run(migrations.planUpgrade(DISPLAY_NAME.id()))));
            reader.rollback();

            assertEquals(Failure.FAILED, failed.kind());
            assertTrue(failed.getMessage().startsWith("Revision " + DISPLAY_NAME.id() + " (" + DISPLAY_NAME.message()
                    + ") failed, nothing of it kept: " + DISPLAY_NAME.id() + "  step 1 (up-01-display-name-column.sql)"
                    + " did not get its locks in 3 attempts of 100 ms (ddlLockTimeout) each: another session holds a "
                    + "lock on an object it changes (ERROR: canceling statement due to lock timeout)."),
                    failed.getMessage());
            assertTrue(failed.getMessage().endsWith(" The database is at " + HISTORY_OF_OBS_RAW.id() + "."),
                    failed.getMessage());
            assertEquals(3, notices.size(), notices.toString());
            assertTrue(notices.get(2).endsWith("attempt 3 of 3 waited 100 ms for a lock: giving up"), notices.toString());
            assertCatalogMatches(HISTORY_OF_OBS_RAW, db.catalog("crmp"), "after the revision gave up");
            assertEquals(Optional.of(HISTORY_OF_OBS_RAW.id()), db.migrations().current());
        }
    }

    @Test
    void aTimeoutInTheLastStepOfTheObsRawHistoryRevisionRetriesThatStepAloneNotTheFill() throws Exception {
        try (TestDatabase db = TestDatabases.at(HISTORY_OF_OBS_RAW.previous().orElseThrow().id());
             Connection reader = db.newConnection(TestDatabases.MIGRATION_USER)) {
            db.loadSubsetData("crmp");
            String observations = db.value("SELECT count(*) FROM crmp.obs_raw o WHERE EXISTS (SELECT FROM "
                    + "crmp.meta_history_hx h WHERE h.history_id = o.history_id) AND EXISTS (SELECT FROM "
                    + "crmp.meta_vars_hx v WHERE v.vars_id = o.vars_id)");
            // A long read of obs_raw: the fill's SHARE lock goes with it, the last step's ACCESS EXCLUSIVE does not.
            hold(reader, "SELECT count(*) FROM crmp.obs_raw");
            CompletableFuture<Void> release = releaseAfterAttempts(reader, 2);
            withNotices(() -> migrations(db, Duration.ofMillis(300), 20).updateTo(HISTORY_OF_OBS_RAW.id()));
            release.get(10, TimeUnit.SECONDS);

            assertCatalogMatches(HISTORY_OF_OBS_RAW, db.catalog("crmp"), "after the retries");
            assertTrue(notices.size() >= 3, notices.toString());
            assertTrue(notices.stream().allMatch(l -> l.startsWith("lock wait   " + HISTORY_OF_OBS_RAW.id()
                    + "  step 6 (up-05-obs-raw-column-and-triggers.sql)  attempt ")), notices.toString());
            assertEquals(observations, db.value("SELECT count(*) FROM crmp.obs_raw_hx"));
        }
    }

    @Test
    void aRollbackStepBlockedByAReaderIsRetriedToo() throws Exception {
        try (TestDatabase db = TestDatabases.at(DISPLAY_NAME.id());
             Connection reader = db.newConnection(TestDatabases.MIGRATION_USER)) {
            hold(reader, "SELECT count(*) FROM crmp.meta_network");
            CompletableFuture<Void> release = releaseAfterAttempts(reader, 1);
            withNotices(() -> migrations(db, Duration.ofMillis(200), 20).rollbackTo(HISTORY_OF_OBS_RAW.id()));
            release.get(10, TimeUnit.SECONDS);

            assertCatalogMatches(HISTORY_OF_OBS_RAW, db.catalog("crmp"), "after the rollback's retries");
            assertTrue(notices.get(0).startsWith("lock wait   " + DISPLAY_NAME.id() + "  rollback step 1 "
                    + "(down-01-drop-display-name.sql)  attempt 1 of 21 waited 200 ms for a lock"), notices.toString());
        }
    }

    private static Migrations migrations(TestDatabase db, Duration lockTimeout, int retries) throws Exception {
        return db.migrations().ddlLockTimeout(lockTimeout, retries);
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Runs {@code run} with the lines about lock waits collected in {@link #notices}. */
    private void withNotices(Run run) throws Exception {
        try {
            Scope.child(Map.of(ProjectRuns.NOTICES, (java.util.function.Consumer<String>) notices::add), run::run);
        } finally {
            notices.forEach(l -> System.out.println("[notice] " + l));
        }
    }

    /** Ends {@code holder}'s transaction once {@code attempts} attempts were reported. */
    private CompletableFuture<Void> releaseAfterAttempts(Connection holder, int attempts) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (notices.size() < attempts && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                holder.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void hold(Connection connection, String sql) throws Exception {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
