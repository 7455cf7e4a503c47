package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * {@code kill -9} of a migration at several points, each followed by a plain rerun (the same command, nothing done by
 * hand in between) that must end with the exact catalog of its target. The migration runs in a JVM of its own
 * ({@link ChildLauncher}); where the point is inside a revision, the test makes the revision wait there by holding a
 * lock it needs from another session, and checks that the killed migration's backend is gone, its locks with it,
 * within seconds, while that lock is still held: the session settings of {@code config.Connector} at work
 * (docs/reliability.md).
 */
class KillAndRerunTest {

    /** client_connection_check_interval is 1 s; the rest is the poll of this test on a busy machine. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);
    /** Each attempt of a step may wait this long: the killed revision waits in one attempt, not between two. */
    private static final String WAIT_IN_ONE_ATTEMPT = "ddlLockTimeout=2min";

    private static final Revision HEAD = RevisionChain.standard().head();
    private static final Revision HISTORY_OF_OBS_RAW = Revision.byId("8c05da87cb79");

    @TempDir
    Path directory;

    @Test
    void aMigrationKilledWhileHoldingTheMigrationLockLeavesNoLockAndTheRerunCompletes() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        Revision target = Revision.byId("4a2f1879293a");
        try (TestDatabase db = TestDatabases.empty(); Sessions sessions = new Sessions(db)) {
            ChildLauncher.Child child = launcher.start(db, "upgrade", target.id());
            int backend = sessions.awaitMigrationLockHolder("crmp", child);
            long killed = kill(child);
            Duration gone = sessions.timeUntilGone(backend, killed, GONE_WITHIN.multipliedBy(2));
            report("holding the migration lock", gone, Map.of());
            assertTrue(gone.compareTo(GONE_WITHIN) < 0, "backend still there after " + gone);
            assertEquals(Optional.empty(), sessions.migrationLockHolder("crmp"), "the lock went with the session");

            ChildLauncher.Result rerun = launcher.run(db, "upgrade", target.id());
            assertEquals(0, rerun.exitCode(), rerun.describe());
            assertFalse(rerun.err().contains("Waiting for the migration lock"), rerun.describe());
            assertCatalogMatches(target, db.catalog("crmp"), "after the rerun");
            assertEquals(Optional.of(target.id()), db.migrations().current());
        }
    }

    @Test
    void aMigrationKilledInsideARevisionStopsWithinSecondsAndTheRerunReachesTheHead() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        try (TestDatabase db = TestDatabases.at(HEAD.previous().orElseThrow().id());
             Sessions sessions = new Sessions(db);
             Connection writer = db.newConnection(TestDatabases.MIGRATION_USER)) {
            // A writer's open transaction: the revision's last step (CREATE INDEX on obs_raw, SHARE) waits for it,
            // after the steps before it dropped and built the weather-anomaly matviews (ACCESS EXCLUSIVE).
            hold(writer, "LOCK TABLE crmp.obs_raw IN ROW EXCLUSIVE MODE");
            ChildLauncher.Child child = launcher.start(db, "-x", WAIT_IN_ONE_ATTEMPT, "upgrade", "head");
            int backend = sessions.awaitMigrationLockHolder("crmp", child);
            sessions.awaitLockWait(backend, "obs_raw_history_obs_time_idx", child);
            Map<String, Integer> held = sessions.locksHeld(backend);
            long killed = kill(child);
            Duration gone = sessions.timeUntilGone(backend, killed, GONE_WITHIN.multipliedBy(3));
            report("inside revision " + HEAD.id() + ", waiting for a lock", gone, held);
            assertTrue(held.getOrDefault("AccessExclusiveLock", 0) > 0, "the revision had taken locks: " + held);
            assertTrue(gone.compareTo(GONE_WITHIN) < 0, "the killed migration's backend still ran after " + gone
                    + " (while the writer still holds its lock)");
            writer.rollback();

            ChildLauncher.Result rerun = launcher.run(db, "upgrade", "head");
            assertEquals(0, rerun.exitCode(), rerun.describe());
            assertCatalogMatches(HEAD, db.catalog("crmp"), "after the rerun");
            assertEquals(Optional.of(HEAD.id()), db.migrations().current());
        }
    }

    @Test
    void aMigrationKilledDuringTheFillOfObsRawHxWithDataIsRerunToTheHeadWithTheWholeHistory() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        try (TestDatabase db = TestDatabases.at(HISTORY_OF_OBS_RAW.previous().orElseThrow().id())) {
            db.loadSubsetData("crmp");
            long observations = Long.parseLong(db.value("SELECT count(*) FROM crmp.obs_raw o WHERE EXISTS (SELECT "
                    + "FROM crmp.meta_history_hx h WHERE h.history_id = o.history_id) AND EXISTS (SELECT FROM "
                    + "crmp.meta_vars_hx v WHERE v.vars_id = o.vars_id)"));
            try (Sessions sessions = new Sessions(db); Connection editor = db.newConnection(TestDatabases.MIGRATION_USER)) {
                // The fill builds its "latest history id" tables from meta_history_hx, then from meta_vars_hx:
                // an open transaction holding meta_vars_hx makes it wait there, inside the fill statement.
                hold(editor, "LOCK TABLE crmp.meta_vars_hx IN ACCESS EXCLUSIVE MODE");
                ChildLauncher.Child child = launcher.start(db, "-x", WAIT_IN_ONE_ATTEMPT, "upgrade", "head");
                int backend = sessions.awaitMigrationLockHolder("crmp", child);
                sessions.awaitLockWait(backend, "$fill$", child);
                Map<String, Integer> held = sessions.locksHeld(backend);
                long killed = kill(child);
                Duration gone = sessions.timeUntilGone(backend, killed, GONE_WITHIN.multipliedBy(3));
                report("in the fill of obs_raw_hx (" + HISTORY_OF_OBS_RAW.id() + ")", gone, held);
                assertTrue(held.getOrDefault("ShareLock", 0) >= 1, "the SHARE lock on obs_raw: " + held);
                assertTrue(gone.compareTo(GONE_WITHIN) < 0, "backend still there after " + gone);
                editor.rollback();
            }
            assertEquals("f", db.value("SELECT to_regclass('crmp.obs_raw_hx') IS NOT NULL"), "nothing of it kept");

            ChildLauncher.Result rerun = launcher.run(db, "upgrade", "head");
            assertEquals(0, rerun.exitCode(), rerun.describe());
            assertCatalogMatches(HEAD, db.catalog("crmp"), "after the rerun");
            assertTrue(observations > 0, "the data set has observations with histories");
            assertEquals(Long.toString(observations), db.value("SELECT count(*) FROM crmp.obs_raw_hx"),
                    "one history row per observation");
        }
    }

    @Test
    void aRollbackKilledHalfwayIsRerunToExactlyTheRevisionBefore() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        Revision target = HEAD.previous().orElseThrow();
        try (TestDatabase db = TestDatabases.at(HEAD.id());
             Sessions sessions = new Sessions(db);
             Connection reader = db.newConnection(TestDatabases.MIGRATION_USER)) {
            // A reader's open transaction: the rollback's last step (DROP INDEX on obs_raw, ACCESS EXCLUSIVE) waits
            // for it, after the steps before it dropped and re-created the weather-anomaly matviews.
            hold(reader, "SELECT count(*) FROM crmp.obs_raw");
            ChildLauncher.Child child = launcher.start(db, "-x", WAIT_IN_ONE_ATTEMPT, "downgrade", target.id());
            int backend = sessions.awaitMigrationLockHolder("crmp", child);
            sessions.awaitLockWait(backend, "obs_raw_history_obs_time_idx", child);
            Map<String, Integer> held = sessions.locksHeld(backend);
            long killed = kill(child);
            Duration gone = sessions.timeUntilGone(backend, killed, GONE_WITHIN.multipliedBy(3));
            report("inside the rollback of " + HEAD.id(), gone, held);
            assertTrue(gone.compareTo(GONE_WITHIN) < 0, "backend still there after " + gone);
            reader.rollback();
            // Nothing of the revision's rollback was kept (Liquibase had already un-recorded its tag changeset).
            assertEquals("1", db.value("SELECT count(*) FROM crmp.databasechangelog WHERE id = '" + HEAD.id() + "'"));
            assertEquals("t", db.value("SELECT to_regclass('crmp.obs_raw_history_obs_time_idx') IS NOT NULL"));

            ChildLauncher.Result rerun = launcher.run(db, "downgrade", target.id());
            assertEquals(0, rerun.exitCode(), rerun.describe());
            assertCatalogMatches(target, db.catalog("crmp"), "after the rerun of the rollback");
            assertEquals(Optional.of(target.id()), db.migrations().current());
        }
    }

    /** Runs {@code sql} in a transaction left open on {@code connection}, whose locks stay until it ends. */
    private static void hold(Connection connection, String sql) throws Exception {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'test lock holder'");
            statement.execute(sql);
        }
    }

    private static long kill(ChildLauncher.Child child) {
        long now = System.nanoTime();
        child.kill();
        return now;
    }

    private static void report(String where, Duration gone, Map<String, Integer> locks) {
        System.out.printf(Locale.ROOT, "[reliability] kill -9 %s: the backend and its locks gone after %.2f s; it "
                + "held %s%n", where, gone.toMillis() / 1000.0, locks);
    }
}
