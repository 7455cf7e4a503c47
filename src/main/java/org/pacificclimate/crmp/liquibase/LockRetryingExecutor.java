package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.DatabaseException;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

import org.pacificclimate.crmp.config.LockSettings;

/**
 * The steps of this project's revisions (each {@code sqlFile} of a changeset, upgrade or rollback) wait for table locks
 * at most {@code ddlLockTimeout} per attempt, and an attempt that timed out is tried again after a pause, at most
 * {@code ddlLockRetries} times (GitLab's "lock retries"). A step that needs an ACCESS EXCLUSIVE lock on a table that a
 * long query reads would otherwise wait behind that query, and every reader that comes after would queue behind the
 * step: the table would be unreadable for as long as the long query runs.
 *
 * <p>Each attempt runs under a savepoint, with {@code SET LOCAL lock_timeout}; an attempt that fails with
 * {@code lock_not_available} (55P03, the lock timeout) or {@code deadlock_detected} (40P01) is rolled back to that
 * savepoint, which undoes the step and drops its lock requests but keeps what the steps before it did and the locks
 * they took. So a revision stays one transaction (a revision that gives up is rolled back whole, as any failing
 * revision), and a retry repeats one step, never the revision: in {@code 8c05da87cb79} a timeout of the last step
 * (ACCESS EXCLUSIVE on {@code obs_raw}) does not repeat the two-hour fill of {@code obs_raw_hx}, whose SHARE lock is
 * held throughout. Every failed attempt, and the one that succeeds after them, is reported in one line.
 *
 * <p>Registered as Liquibase's "jdbc" executor for PostgreSQL; statements that are not a step of a changeset of this
 * project's changelogs (an application's changelog, Liquibase's own bookkeeping, offline runs, which use Liquibase's
 * logging executor) run exactly as with {@link JdbcExecutor}.
 */
public class LockRetryingExecutor extends JdbcExecutor {

    private static final String SAVEPOINT = "crmp_step";

    private final Map<String, Boolean> projectChangelogs = new ConcurrentHashMap<>();
    private ChangeSet changeSet;
    /** The change being executed by an upgrade ({@link #execute(Change, List)}); null in a rollback. */
    private Change change;
    /** Raw statements of the current changeset executed so far: the step number in a rollback. */
    private int steps;

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public void modifyChangeSet(ChangeSet changeSet) {
        super.modifyChangeSet(changeSet);
        this.changeSet = changeSet;
        this.steps = 0;
    }

    @Override
    public void execute(Change change, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        this.change = change;
        try {
            super.execute(change, sqlVisitors);
        } finally {
            this.change = null;
        }
    }

    @Override
    public void execute(SqlStatement sql, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        if (!(sql instanceof RawSqlStatement) || !isProjectStep()) {
            super.execute(sql, sqlVisitors);
            return;
        }
        steps++;
        String step = describeStep();
        LockSettings settings = ProjectRuns.settings(database).locks();
        Connection connection = ProjectRuns.connection(database).orElseThrow();
        Consumer<String> notices = ProjectRuns.notices();
        for (int attempt = 1; ; attempt++) {
            Savepoint savepoint;
            try {
                savepoint = connection.setSavepoint(SAVEPOINT);
                try (Statement set = connection.createStatement()) {
                    set.execute("SET LOCAL lock_timeout = '" + Math.max(1, settings.ddlLockTimeout().toMillis())
                            + "ms'");
                }
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
            try {
                super.execute(sql, sqlVisitors);
                release(connection, savepoint);
                if (attempt > 1) {
                    notices.accept(settings.gotLocksNotice(step, attempt));
                }
                return;
            } catch (DatabaseException e) {
                SQLException cause = lockFailure(e);
                if (cause == null) {
                    throw e;
                }
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    throw e;
                }
                String failure = settings.lockFailure(cause.getSQLState()).orElseThrow();
                if (attempt >= settings.ddlLockAttempts()) {
                    notices.accept(settings.giveUpNotice(step, attempt, failure));
                    throw new DatabaseException(settings.gaveUpMessage(step, firstLine(cause.getMessage())));
                }
                notices.accept(settings.retryNotice(step, attempt, failure));
                try {
                    Thread.sleep(settings.backoff(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new DatabaseException("interrupted while waiting to try " + step + " again", e);
                }
            }
        }
    }

    private static void release(Connection connection, Savepoint savepoint) throws DatabaseException {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Whether the statement is a step of a changeset of this project's changelogs, run in its transaction. */
    private boolean isProjectStep() {
        if (changeSet == null || changeSet.getChangeLog() == null || ProjectRuns.connection(database).isEmpty()) {
            return false;
        }
        String path = changeSet.getChangeLog().getPhysicalFilePath();
        boolean ours = path != null && projectChangelogs.computeIfAbsent(path,
                p -> ProjectChangelogs.isOurs(p, Scope.getCurrentScope().getResourceAccessor()));
        if (!ours) {
            return false;
        }
        try {
            return !ProjectRuns.connection(database).get().getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /** "8c05da87cb79  step 6 (up-05-obs-raw-column-and-triggers.sql)", "... rollback step 1 (down-01-...)". */
    private String describeStep() {
        String file = null;
        String kind;
        if (change != null) {
            kind = "step " + (changeSet.getChanges().indexOf(change) + 1);
            file = change instanceof SQLFileChange sqlFile ? sqlFile.getPath() : null;
        } else {
            kind = "rollback step " + steps;
            List<Change> rollback = changeSet.getRollback().getChanges();
            if (steps <= rollback.size() && rollback.get(steps - 1) instanceof SQLFileChange sqlFile) {
                file = sqlFile.getPath();
            }
        }
        String name = file == null ? "" : " (" + file.substring(file.lastIndexOf('/') + 1) + ")";
        return changeSet.getId() + "  " + kind + name;
    }

    /** The lock timeout or deadlock under {@code e}, if that is why it failed. */
    private static SQLException lockFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().split("\\R", 2)[0];
    }
}
