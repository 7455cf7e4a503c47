package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.Scope;
import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;

/**
 * Liquibase's changelog table service, for this project's runs ({@link ProjectRuns}): the same table, created under
 * the schema's migration lock ({@link SchemaLock}). Liquibase creates {@code databasechangelog} before it takes its
 * lock, so runners started together on an empty schema all try to create it and all but one fail ("relation
 * databasechangelog already exists"); here the first creates it and the others wait for the lock, then find it.
 * When the table exists nothing changes: reading it (status, history) never waits for a running migration.
 */
public class ProjectChangeLogHistoryService extends StandardChangeLogHistoryService {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return ProjectRuns.isProject(database);
    }

    @Override
    public void init() throws DatabaseException {
        Database database = getDatabase();
        if (ProjectRuns.writesProjectScript(database)) {
            return; // the project's offline script creates the table itself, when missing
        }
        if (ProjectRuns.connection(database).isEmpty() || Scope.getCurrentScope().getSingleton(ExecutorService.class)
                .getExecutor("jdbc", database) instanceof LoggingExecutor) {
            super.init();
            return;
        }
        Connection connection = ProjectRuns.connection(database).get();
        String schema = database.getLiquibaseSchemaName() != null ? database.getLiquibaseSchemaName()
                : ProjectRuns.settings(database).schemaName();
        if (SchemaLock.isHeld(connection, schema)
                || ProjectRuns.tableExists(connection, schema, "databasechangelog", false)) {
            super.init();
            return;
        }
        try (SchemaLock.Held creating = SchemaLock.acquire(connection, schema,
                ProjectRuns.settings(database).locks().lockTimeout(), ProjectRuns.notices())) {
            reset(); // another runner may have created it while this one waited
            super.init();
        } catch (SchemaLock.TimeoutException e) {
            throw new DatabaseException(e.getMessage(), ProjectRuns.reportedInMaven(e));
        } catch (LockException | SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }
}
