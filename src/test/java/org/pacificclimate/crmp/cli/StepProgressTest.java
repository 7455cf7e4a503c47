package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * While a revision runs, the progress a long step writes into its session's application_name (as the obs_raw_hx
 * fill does after every batch) is shown, read from a second session; quick steps show nothing.
 */
class StepProgressTest {

    private static final String FILL = "obs_raw_hx fill 50.0% 500000 rows 480000/s eta 1s";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionsOpened = new AtomicInteger();

    @Test
    void theProgressALongStepReportsIsShownWhileItRuns() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection migrating = db.newConnection(TestDatabases.MIGRATION_USER)) {
            try (StepProgress progress = watch(db, migrating, Duration.ofMillis(100), Duration.ZERO)) {
                step(migrating, Duration.ofMillis(1500), FILL);
            }
            assertEquals(List.of("in progress " + FILL), lines);
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void aRunOfQuickStepsShowsNothingAndOpensNoSecondSession() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection migrating = db.newConnection(TestDatabases.MIGRATION_USER)) {
            try (StepProgress progress = watch(db, migrating, StepProgress.POLL, StepProgress.EVERY)) {
                step(migrating, Duration.ZERO, FILL);
            }
            assertEquals(List.of(), lines);
            assertEquals(0, sessionsOpened.get());
        }
    }

    @Test
    void progressIsShownAtMostOnceEveryInterval() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection migrating = db.newConnection(TestDatabases.MIGRATION_USER)) {
            try (StepProgress progress = watch(db, migrating, Duration.ofMillis(50), Duration.ofMinutes(1))) {
                migrating.setAutoCommit(false);
                for (int percent = 10; percent <= 30; percent += 10) {
                    execute(migrating, "SELECT set_config('application_name', 'fill " + percent + "%', true)");
                    execute(migrating, "SELECT pg_sleep(0.5)");
                }
                migrating.commit();
            }
            assertEquals(List.of("in progress fill 10%"), lines);
        }
    }

    @Test
    void anIndexBuildOfTheMigratingSessionIsShownWithItsPhase() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection migrating = db.newConnection(TestDatabases.MIGRATION_USER)) {
            // an index expression that takes 20 ms a row makes a build of 100 rows last two seconds
            execute(migrating, """
                    CREATE TABLE slow_rows AS SELECT g AS n FROM generate_series(1, 100) AS g;
                    CREATE FUNCTION slow_key(n integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql
                        AS 'BEGIN PERFORM pg_sleep(0.02); RETURN n; END'""");
            try (StepProgress progress = watch(db, migrating, Duration.ofMillis(100), Duration.ofMinutes(1))) {
                execute(migrating, "CREATE INDEX slow_rows_key ON slow_rows (slow_key(n))");
            }
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).matches("in progress index build: building index: scanning table, \\d+% of 1 blocks"),
                    lines.get(0));
        }
    }

    private StepProgress watch(TestDatabase db, Connection migrating, Duration poll, Duration every) throws Exception {
        return StepProgress.watch(migrating, () -> {
            sessionsOpened.incrementAndGet();
            return db.newConnection(TestDatabases.MIGRATION_USER);
        }, lines::add, warnings::add, poll, every);
    }

    /** A step that sets its progress and then works for {@code duration}, in one transaction. */
    private static void step(Connection migrating, Duration duration, String progress) throws Exception {
        migrating.setAutoCommit(false);
        execute(migrating, "SELECT set_config('application_name', '" + progress + "', true)");
        execute(migrating, "SELECT pg_sleep(" + duration.toMillis() / 1000.0 + ")");
        migrating.commit();
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
