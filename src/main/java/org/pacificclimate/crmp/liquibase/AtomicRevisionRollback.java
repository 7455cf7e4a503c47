package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import liquibase.Scope;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.DefaultChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;

/**
 * A revision rolls back in one transaction with its records: the rollback of its changeset, the removal of its
 * changeset's row and the removal of its tag's row commit together, or none of them does.
 *
 * <p>Liquibase rolls back the newest changeset first, each in a transaction of its own, and removes each record in
 * yet another one: for a revision, first its tag changeset (whose row goes at once), then its changeset (rolled
 * back and committed, then its row removed). A revision whose rollback failed (a lock timeout) was left with its
 * tag gone and its changeset still recorded; a crash between the rollback and the removal of its row left the
 * revision rolled back but recorded. Here:
 * <ul>
 *   <li>when the tag changeset of a revision is rolled back and the revision's changeset is recorded (it is rolled
 *       back next), the removal of the tag's row is deferred ({@link DeferredTagRecordRemoval} makes Liquibase's
 *       statement for it a no-op);</li>
 *   <li>just before the revision's changeset rolls back, in the transaction its rollback runs in, both rows are
 *       deleted; the changeset's rollback then commits them with its own work, or rolls them back with it.</li>
 * </ul>
 * Which changesets are rolled back is Liquibase's decision as before ({@code keepTagOnRollback} included); only when
 * their rows go changes. Installed for this project's changelogs, for online updates and rollbacks only.
 */
final class AtomicRevisionRollback extends AbstractChangeExecListener {

    private static final Pattern REVISION_ID = Pattern.compile("[0-9a-f]{12}");

    /** Tag changesets whose row removal is deferred to their revision's rollback, by identity. */
    private static final Set<ChangeSet> DEFERRED = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    /** The tag changeset deferred, by revision id, until the revision's changeset is rolled back. */
    private final Map<String, ChangeSet> pendingTags = Collections.synchronizedMap(new java.util.HashMap<>());

    /** Adds the listener to the command's listeners. */
    static void install(CommandScope scope) {
        AtomicRevisionRollback listener = new AtomicRevisionRollback();
        ChangeExecListener existing = scope.getArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG);
        if (existing instanceof DefaultChangeExecListener composite) {
            composite.addListener(listener);
        } else if (existing != null) {
            scope.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG,
                    new DefaultChangeExecListener(existing, listener));
        } else {
            scope.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG,
                    new DefaultChangeExecListener(listener));
        }
    }

    /** Whether Liquibase's removal of this changeset's row is to do nothing (see {@link DeferredTagRecordRemoval}). */
    static boolean isDeferred(ChangeSet changeSet) {
        return changeSet != null && DEFERRED.contains(changeSet);
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        Connection connection = connection(database);
        if (connection == null) {
            return;
        }
        String revision = revisionOfTag(changeSet);
        if (revision != null) {
            // The tag of a revision whose changeset is recorded: its row goes with the revision's rollback.
            if (recorded(connection, database, revision, changeSet)) {
                pendingTags.put(revision, changeSet);
                DEFERRED.add(changeSet);
            }
            return;
        }
        if (!REVISION_ID.matcher(changeSet.getId()).matches()) {
            return;
        }
        ChangeSet tag = pendingTags.remove(changeSet.getId());
        try {
            database.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table(database)
                    + " WHERE filename = ? AND ((id = ? AND author = ?) OR (id = ? AND author = ?))")) {
                delete.setString(1, changeSet.getStoredFilePath());
                delete.setString(2, changeSet.getId());
                delete.setString(3, changeSet.getAuthor());
                delete.setString(4, tag == null ? changeSet.getId() : tag.getId());
                delete.setString(5, tag == null ? changeSet.getAuthor() : tag.getAuthor());
                delete.executeUpdate();
            }
        } catch (SQLException | DatabaseException e) {
            throw new IllegalStateException("Could not remove the records of revision " + changeSet.getId()
                    + " in its rollback's transaction: " + e.getMessage(), e);
        }
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        DEFERRED.remove(changeSet);
    }

    @Override
    public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                               Exception exception) {
        DEFERRED.remove(changeSet);
        pendingTags.remove(changeSet.getId());
    }

    /** The revision id when {@code changeSet} is a revision's tag changeset ({@code <id>-tag}, a tagDatabase). */
    private static String revisionOfTag(ChangeSet changeSet) {
        String id = changeSet.getId();
        if (!id.endsWith("-tag") || !REVISION_ID.matcher(id.substring(0, id.length() - 4)).matches()) {
            return null;
        }
        boolean tags = changeSet.getChanges().stream().anyMatch(c -> c instanceof TagDatabaseChange);
        return tags ? id.substring(0, id.length() - 4) : null;
    }

    private static boolean recorded(Connection connection, Database database, String revision, ChangeSet tag) {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + table(database)
                + " WHERE filename = ? AND id = ?")) {
            query.setString(1, tag.getStoredFilePath());
            query.setString(2, revision);
            try (var rs = query.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false; // Liquibase removes the tag's row itself, as without this listener
        }
    }

    private static String table(Database database) {
        return database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                database.getDatabaseChangeLogTableName());
    }

    /** The JDBC connection of an online run; null for offline SQL or a logging executor (rollbackSql). */
    private static Connection connection(Database database) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)
                || database.getConnection() instanceof OfflineConnection) {
            return null;
        }
        if (Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database)
                instanceof LoggingExecutor) {
            return null;
        }
        return jdbc.getUnderlyingConnection();
    }
}
