package org.pacificclimate.crmp.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The extension's services are registered for every JVM that carries this jar ({@code META-INF/services}), but act
 * only on this project's changelogs, the files whose first line is {@value ProjectChangelogs#MARKER}: an
 * application's own changelog keeps Liquibase's stock behaviour.
 */
class ExtensionScopeTest {

    private static final String CHANGELOG = """
            databaseChangeLog:
              - changeSet:
                  id: application-table
                  author: someone
                  changes:
                    - sql: {sql: "CREATE TABLE public.application_table (id integer)"}
              - changeSet:
                  id: application-tag
                  author: someone
                  changes:
                    - tagDatabase: {tag: v1}
            """;

    @TempDir
    Path directory;

    @Test
    void anApplicationsOwnChangelogRunsAsWithStockLiquibase() throws Exception {
        Files.writeString(directory.resolve("app.yaml"), CHANGELOG);
        try (TestDatabase db = TestDatabases.empty()) {
            run(db, "app.yaml", UpdateCommandStep.COMMAND_NAME, Map.of());
            assertEquals(List.of("application-table", "application-tag"),
                    db.column("SELECT id FROM public.databasechangelog ORDER BY orderexecuted"));
        }
    }

    @Test
    void anApplicationsTagIsNotTakenForARevision() throws Exception {
        Files.writeString(directory.resolve("app.yaml"), CHANGELOG);
        try (TestDatabase db = TestDatabases.empty()) {
            run(db, "app.yaml", UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), "v1"));
            assertEquals("1", db.value("SELECT count(*) FROM public.databasechangelog WHERE tag = 'v1'"));
        }
    }

    @Test
    void theSameChangelogWithTheProjectsMarkerIsCheckedAsTheProjectsOwn() throws Exception {
        Files.writeString(directory.resolve("marked.yaml"), ProjectChangelogs.MARKER + "\n" + CHANGELOG);
        try (TestDatabase db = TestDatabases.empty()) {
            Exception e = assertThrows(Exception.class, () -> run(db, "marked.yaml",
                    UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), "v1")));
            assertTrue(rootMessage(e).startsWith("'v1' is not a revision"), rootMessage(e));
            assertEquals("0", db.value("SELECT count(*) FROM pg_tables WHERE tablename = 'databasechangelog'"));
        }
    }

    private void run(TestDatabase db, String changelog, String[] command, Map<String, Object> arguments)
            throws Exception {
        try (Connection connection = db.newConnection(TestDatabases.MIGRATION_USER)) {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(directory)), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDefaultSchemaName("public");
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog);
                arguments.forEach(scope::addArgumentValue);
                scope.execute();
            });
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
