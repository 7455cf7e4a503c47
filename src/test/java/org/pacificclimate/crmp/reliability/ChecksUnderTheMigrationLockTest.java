package org.pacificclimate.crmp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * A run started through Liquibase itself (as {@code mvn liquibase:update} starts it, without the launcher's or the
 * API's hold on the migration lock) makes its checks before the first revision under the migration lock: a run that
 * waited for another checks the schema that one left, not the schema before it.
 */
class ChecksUnderTheMigrationLockTest {

    @Test
    void aRunThatWaitedForTheLockChecksTheSchemaTheHolderLeft() throws Exception {
        Revision displayName = Revision.byId("33179b5ae85a");
        String before = displayName.previous().orElseThrow().id();
        try (TestDatabase db = TestDatabases.at(before);
             Connection holder = db.newConnection(TestDatabases.MIGRATION_USER)) {
            SchemaLock.Held held = Migrations.on(holder).withoutEnvironment().schema("crmp").lock(line -> { });
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibaseUpdate(db));
            awaitAWaiterForTheLock(db, run);
            try (Statement statement = holder.createStatement()) { // what the holder leaves: a conflicting column
                statement.execute("ALTER TABLE crmp.meta_network ADD COLUMN network_display_name integer");
            }
            held.close();
            ExecutionException e = assertThrows(ExecutionException.class, run::get);
            assertTrue(rootMessage(e).startsWith("Schema crmp is not as revision " + before + " left it"),
                    rootMessage(e));
            assertEquals("integer", db.value("SELECT data_type FROM information_schema.columns WHERE table_schema = "
                    + "'crmp' AND table_name = 'meta_network' AND column_name = 'network_display_name'"));
            assertEquals(Optional.of(before), db.migrations().current());
        }
    }

    private static void liquibaseUpdate(TestDatabase db) {
        try (Connection connection = db.newConnection(TestDatabases.MIGRATION_USER)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName("crmp");
            Scope.child(Map.of(), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, RevisionChain.MASTER_CHANGELOG)
                    .execute());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until another session waits for an advisory lock (the run, at its checks). */
    private static void awaitAWaiterForTheLock(TestDatabase db, CompletableFuture<Void> run) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                run.get();
                fail("the run did not wait for the migration lock");
            }
            if (!"0".equals(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))) {
                return;
            }
            Thread.sleep(50);
        }
        fail("no session waited for the migration lock within 60 s");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
