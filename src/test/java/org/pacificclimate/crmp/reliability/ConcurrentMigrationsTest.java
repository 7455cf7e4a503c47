package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Migrations started together: on one schema they take turns (the migration lock), on two schemas of one database
 * they do not wait for each other; a migration that cannot get the lock in time gives up with exit code 4 and names
 * the holder; the flag an earlier version left in {@code databasechangeloglock} is reported and does not block.
 */
class ConcurrentMigrationsTest {

    private static final Revision HEAD = RevisionChain.standard().head();
    private static final Revision REVISION_2 = Revision.byId("4a2f1879293a");

    @TempDir
    Path directory;

    @Test
    void eightLaunchersStartedTogetherOnAnEmptySchemaAllSucceedAndApplyEachChangesetOnce() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        try (TestDatabase db = TestDatabases.empty()) {
            List<ChildLauncher.Child> children = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                children.add(launcher.start(db, "upgrade", "head"));
            }
            List<ChildLauncher.Result> results = children.stream().map(ChildLauncher.Child::waitFor).toList();
            StringBuilder all = new StringBuilder();
            results.forEach(r -> all.append(r.describe()).append('\n'));
            for (ChildLauncher.Result result : results) {
                assertEquals(0, result.exitCode(), all.toString());
            }
            List<ChildLauncher.Result> applied = results.stream().filter(r -> r.out().contains("\napplied ")).toList();
            assertEquals(1, applied.size(), "one launcher applies the revisions:\n" + all);
            assertEquals(HEAD.number(), applied.get(0).out().lines().filter(l -> l.startsWith("applied ")).count());
            assertEquals(7, results.stream().filter(r -> r.out().startsWith("Nothing to do: ")).count(),
                    "the others find nothing to do:\n" + all);
            assertEquals(List.of(2L * HEAD.number() + "", 2L * HEAD.number() + ""),
                    db.rows("SELECT count(*), count(DISTINCT id) FROM crmp.databasechangelog").get(0),
                    "each changeset recorded once");
            assertCatalogMatches(HEAD, db.catalog("crmp"), "after eight launchers");
        }
    }

    @Test
    void twoSchemasOfOneDatabaseMigrateWithoutWaitingForEachOther() throws Exception {
        try (TestDatabase db = TestDatabases.empty();
             Connection crmp = db.newConnection(TestDatabases.MIGRATION_USER);
             Connection other = db.newConnection(TestDatabases.MIGRATION_USER);
             SchemaLock.Held crmpLock = migrations(crmp, "crmp").lock(line -> { })) {
            // crmp's migration lock is held (by a migration of crmp); other's is free, and waited for zero seconds.
            migrations(other, "other").lockTimeout(Duration.ZERO).updateTo(REVISION_2.id());
            assertCatalogMatches(REVISION_2, "other", db.catalog("other"), "schema other, crmp's lock held");
            try (Connection third = db.newConnection(TestDatabases.MIGRATION_USER)) {
                MigrationException refused = assertThrows(MigrationException.class,
                        () -> migrations(third, "crmp").lockTimeout(Duration.ZERO).updateTo(REVISION_2.id()));
                assertEquals(Failure.LOCKED, refused.kind(), refused.getMessage());
            }
            assertEquals(Optional.empty(), db.migrations("crmp").current());
        }
    }

    @Test
    void theSameSchemaInTwoDatabasesIsLockedSeparately() throws Exception {
        try (TestDatabase first = TestDatabases.empty(); TestDatabase second = TestDatabases.empty();
             Connection one = first.newConnection(TestDatabases.MIGRATION_USER);
             Connection two = second.newConnection(TestDatabases.MIGRATION_USER);
             SchemaLock.Held held = migrations(one, "crmp").lock(line -> { })) {
            migrations(two, "crmp").lockTimeout(Duration.ZERO).updateTo(REVISION_2.id());
            assertEquals(Optional.of(REVISION_2.id()), second.migrations().current());
        }
    }

    @Test
    void aLauncherThatCannotGetTheLockInTimeExitsWith4NamingTheHolder() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        try (TestDatabase db = TestDatabases.empty(); Connection holder = db.newConnection(TestDatabases.MIGRATION_USER)) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("SET application_name = 'maintenance by hand'");
            }
            int pid = Integer.parseInt(value(holder, "SELECT pg_backend_pid()"));
            try (SchemaLock.Held held = migrations(holder, "crmp").lock(line -> { })) {
                ChildLauncher.Result waiter = launcher.run(db, "-x", "lockTimeout=2s", "upgrade", "head");
                assertEquals(4, waiter.exitCode(), waiter.describe());
                List<String> errors = waiter.err().lines().toList();
                assertTrue(errors.get(0).startsWith("crmp: Waiting for the migration lock of schema crmp (at most 2"),
                        waiter.describe());
                String last = errors.get(errors.size() - 1);
                assertTrue(last.startsWith("crmp: Could not get the migration lock of schema crmp of database "
                        + db.name() + " within 2 s: it is held by pid " + pid + " (application_name 'maintenance by "
                        + "hand', user tester, connected since "), waiter.describe());
                assertTrue(last.endsWith("Nothing was changed."), waiter.describe());
                assertEquals("", waiter.out(), waiter.describe());
            }
            assertEquals("f", db.value("SELECT to_regclass('crmp.databasechangelog') IS NOT NULL"), "nothing changed");
        }
    }

    @Test
    void aLockFlagLeftByAnEarlierVersionIsReportedAndDoesNotBlock() throws Exception {
        ChildLauncher launcher = new ChildLauncher(directory);
        try (TestDatabase db = TestDatabases.at(REVISION_2.id())) {
            db.execute("UPDATE crmp.databasechangeloglock SET locked = true, lockgranted = '2024-01-02 03:04:05', "
                    + "lockedby = 'old-host (10.0.0.7)'");
            ChildLauncher.Result upgrade = launcher.run(db, "-x", "lockTimeout=0", "upgrade", "0d99");
            assertEquals(0, upgrade.exitCode(), upgrade.describe());
            assertTrue(upgrade.err().contains("crmp: crmp.databasechangeloglock says the schema is locked by old-host "
                    + "(10.0.0.7) at 2024-01-02 03:04:05: a flag that an earlier version"), upgrade.describe());
            assertTrue(upgrade.err().contains("Clear the flag with mvn liquibase:releaseLocks -P<label>."),
                    upgrade.describe());
            assertEquals(Optional.of("0d99ba90c229"), db.migrations().current());
            assertEquals("t", db.value("SELECT locked FROM crmp.databasechangeloglock"), "left for releaseLocks");
        }
    }

    private static Migrations migrations(Connection connection, String schema) {
        return Migrations.on(connection).withoutEnvironment().schema(schema);
    }

    private static String value(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
