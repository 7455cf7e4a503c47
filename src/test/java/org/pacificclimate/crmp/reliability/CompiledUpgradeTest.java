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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import liquibase.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.ProjectRuns;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * An upgrade of an empty schema, planned and run as the launcher does, runs the build-time compiled changelog
 * ({@code migration.CompiledUpgrade}) without booting Liquibase; what it leaves is what Liquibase's own run leaves (the reference run reads the changelogs from
 * the source tree, which always goes through Liquibase): the catalog, Liquibase's two tables and every changelog row
 * but the time and deployment id. Each revision is one transaction holding both of its rows.
 */
class CompiledUpgradeTest {

    private static final String ROWS = "SELECT id, author, filename, orderexecuted, exectype, md5sum, description, "
            + "comments, tag, liquibase, contexts, labels, length(deployment_id) FROM %s.databasechangelog "
            + "ORDER BY orderexecuted";
    private static final String TABLES = "SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
            + "a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = "
            + "'%s'::regnamespace AND c.relname LIKE 'databasechangelog%%' AND a.attnum > 0 ORDER BY 1, 2";
    private static final String CONSTRAINTS = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            + "FROM pg_constraint WHERE connamespace = '%s'::regnamespace ORDER BY 1, 2";

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "schema {0}")
    @ValueSource(strings = {"crmp", "other"})
    void anEmptySchemaUpgradedToHeadIsWhatLiquibasesUpgradeMakes(String schema) throws Exception {
        try (TestDatabase compiled = TestDatabases.empty(); TestDatabase liquibase = TestDatabases.empty()) {
            upgrade(compiled.migrations(schema), "head");
            throughLiquibase(liquibase, schema).updateTo("head");

            assertSameAs(liquibase, compiled, schema);
            assertCatalogMatches(Revision.byId("f6d5a4c2e901"), schema, compiled.catalog(schema), "compiled upgrade");
            // Which run was which: Liquibase commits a revision's two rows apart, the compiled upgrade together.
            String times = "SELECT count(DISTINCT dateexecuted) FROM " + schema + ".databasechangelog";
            assertEquals("58", liquibase.value(times));
            assertEquals("29", compiled.value(times));
            assertEquals("1", compiled.value("SELECT count(DISTINCT deployment_id) FROM " + schema
                    + ".databasechangelog"), "one deployment");
        }
    }

    @Test
    void anUpgradeOfAnEmptySchemaToARevisionIsContinuedByLiquibaseAsItsOwn() throws Exception {
        try (TestDatabase compiled = TestDatabases.empty(); TestDatabase liquibase = TestDatabases.empty()) {
            upgrade(compiled.migrations(), "0d99");
            assertEquals("0d99ba90c229", compiled.migrations().current().orElseThrow());
            compiled.migrations().updateTo("head"); // a schema at a revision: Liquibase's update
            throughLiquibase(liquibase, "crmp").updateTo("head");

            assertSameAs(liquibase, compiled, "crmp");
            compiled.migrations().rollbackTo("base"); // and Liquibase rolls back what the compiled upgrade applied
            assertEquals(List.of(), compiled.column("SELECT id FROM crmp.databasechangelog"));
        }
    }

    @Test
    void eachRevisionIsOneTransactionWithBothOfItsRows() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            upgrade(db.migrations(), "head");
            // now() is the transaction's start: one time per revision, 29 revisions
            assertEquals("29", db.value("SELECT count(DISTINCT dateexecuted) FROM crmp.databasechangelog"));
            assertEquals("0", db.value("SELECT count(*) FROM crmp.databasechangelog r JOIN crmp.databasechangelog t "
                    + "ON t.id = r.id || '-tag' WHERE r.dateexecuted <> t.dateexecuted"));
        }
    }

    @Test
    void aRevisionThatFailsIsRolledBackWholeAndTheRevisionsBeforeItStay() throws Exception {
        Revision failing = Revision.byId("7a3b247c577b"); // its first materialized view
        try (TestDatabase db = TestDatabases.empty(); Connection admin = db.admin();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE FUNCTION public.no_matviews() RETURNS event_trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN RAISE EXCEPTION 'no materialized views today'; END $$");
            statement.execute("CREATE EVENT TRIGGER no_matviews ON ddl_command_end "
                    + "WHEN TAG IN ('CREATE MATERIALIZED VIEW') EXECUTE FUNCTION public.no_matviews()");

            MigrationException failed = assertThrows(MigrationException.class,
                    () -> upgrade(db.migrations(), "head"));

            assertEquals(Failure.FAILED, failed.kind());
            assertTrue(failed.getMessage().startsWith("Revision " + failing.id() + " (" + failing.message()
                    + ") failed, nothing of it kept: "), failed.getMessage());
            assertTrue(failed.getMessage().contains("no materialized views today"), failed.getMessage());
            Revision before = failing.previous().orElseThrow();
            assertTrue(failed.getMessage().endsWith("The database is at " + before.id() + "."), failed.getMessage());
            assertEquals(before.id(), db.migrations().current().orElseThrow());
            assertCatalogMatches(before, db.catalog("crmp"), "after the failed revision");

            statement.execute("DROP EVENT TRIGGER no_matviews");
            db.migrations().updateTo("head"); // the run after the failure continues, through Liquibase
            assertCatalogMatches(Revision.byId("f6d5a4c2e901"), db.catalog("crmp"), "after the rerun");
        }
    }

    @Test
    void aRevisionBlockedByAnotherSessionsLockIsTriedAgainAndSucceedsOnceItIsReleased() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection holder = db.admin()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("DROP SCHEMA crmp"); // uncommitted: holds the schema, which CREATE TABLE waits for
            }
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (notices.size() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            withNotices(() -> upgrade(db.migrations().ddlLockTimeout(Duration.ofMillis(200), 20), "head"));
            release.get(10, TimeUnit.SECONDS);

            assertCatalogMatches(Revision.byId("f6d5a4c2e901"), db.catalog("crmp"), "after the retries");
            String first = "lock wait   the changelog tables  ";
            assertEquals(first + "attempt 1 of 21 waited 200 ms for a lock; next attempt in 200 ms", notices.get(0));
            assertEquals(first + "attempt 2 of 21 waited 200 ms for a lock; next attempt in 400 ms", notices.get(1));
            assertTrue(notices.get(notices.size() - 1).matches(first + "attempt \\d+ of 21 got its locks"),
                    notices.toString());
        }
    }

    /** An upgrade as the launcher runs it: planned, then run (the compiled upgrade when the schema is empty). */
    private static void upgrade(Migrations migrations, String spec) throws MigrationException {
        migrations.run(migrations.planUpgrade(spec));
    }

    /** Liquibase's own update: the changelogs read from the source tree are never run compiled. */
    private static Migrations throughLiquibase(TestDatabase db, String schema) throws Exception {
        return db.migrations(schema).changelogsFrom(TestDatabases.projectFile(""));
    }

    private static void assertSameAs(TestDatabase expected, TestDatabase actual, String schema) throws Exception {
        assertEquals(expected.catalog(schema), actual.catalog(schema), "catalog of " + schema);
        for (String query : List.of(ROWS, TABLES, CONSTRAINTS, "SELECT * FROM %s.databasechangeloglock")) {
            String sql = String.format(query, schema);
            assertEquals(expected.rows(sql), actual.rows(sql), sql);
        }
        String path = "SHOW search_path"; // Liquibase puts the schema first for its run, and leaves it so
        assertEquals(expected.value(path), actual.value(path), path);
    }

    private interface Run {
        void run() throws Exception;
    }

    private void withNotices(Run run) throws Exception {
        try {
            Scope.child(Map.of(ProjectRuns.NOTICES, (java.util.function.Consumer<String>) notices::add), run::run);
        } finally {
            notices.forEach(l -> System.out.println("[notice] " + l));
        }
    }
}
