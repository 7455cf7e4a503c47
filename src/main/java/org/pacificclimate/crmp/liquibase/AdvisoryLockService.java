package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.StandardLockService;

import org.pacificclimate.crmp.config.Settings;

/**
 * Liquibase's changelog lock, for this project's runs ({@link ProjectRuns}), is the schema's migration lock
 * ({@link SchemaLock}): a PostgreSQL advisory lock the server releases when the session ends, instead of the
 * {@code locked} flag of {@code databasechangeloglock}, which a killed run leaves set until someone runs
 * {@code releaseLocks}. It waits as long as {@code lockTimeout} says ({@code PYCDS_LOCK_TIMEOUT}, {@code -x
 * lockTimeout=}, {@code -Dpycds.lockTimeout=}), reporting who holds the lock; Liquibase's own wait settings are not
 * used.
 *
 * <p>The table {@code databasechangeloglock} is still created (under the advisory lock, so that concurrent first runs
 * do not race), so that a schema looks the same to older versions; its flag is neither set nor waited for. A flag
 * left set by an earlier version is reported, with how to clear it ({@code releaseLocks}, which here clears that flag
 * and says who holds the advisory lock, if anyone).
 *
 * <p>The SQL commands on this project's master changelog ({@code updateSQL}, {@code rollbackSQL}, ...) write the
 * project's offline script ({@link ProjectOfflineScripts}), which takes no lock: nothing is written or taken for them
 * here. Other offline runs keep the stock behaviour: their script takes and releases the table's flag.
 */
public class AdvisoryLockService extends StandardLockService {

    private SchemaLock.Held held;

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(liquibase.database.Database database) {
        return ProjectRuns.isProject(database);
    }

    private boolean offline() {
        return ProjectRuns.connection(database).isEmpty() || Scope.getCurrentScope()
                .getSingleton(ExecutorService.class).getExecutor("jdbc", database) instanceof LoggingExecutor;
    }

    private Connection connection() {
        return ProjectRuns.connection(database).orElseThrow();
    }

    private Settings settings() {
        return ProjectRuns.settings(database);
    }

    private String schema() {
        String schema = database.getLiquibaseSchemaName();
        return schema != null ? schema : settings().schemaName();
    }

    /** Creates {@code databasechangeloglock} when it is missing, holding the migration lock meanwhile. */
    @Override
    public void init() throws DatabaseException {
        if (ProjectRuns.writesProjectScript(database)) {
            return; // the project's offline script takes no lock: each revision is guarded by the one it starts from
        }
        if (offline() || SchemaLock.isHeld(connection(), schema()) || lockTableReady()) {
            super.init();
            return;
        }
        try (SchemaLock.Held creating = SchemaLock.acquire(connection(), schema(), settings().locks().lockTimeout(),
                ProjectRuns.notices())) {
            hasDatabaseChangeLogLockTable = null;
            isDatabaseChangeLogLockTableInitialized = false;
            super.init();
        } catch (SchemaLock.TimeoutException e) {
            throw new DatabaseException(e.getMessage(), ProjectRuns.reportedInMaven(e));
        } catch (LockException | SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }

    @Override
    public void waitForLock() throws LockException {
        if (ProjectRuns.writesProjectScript(database)) {
            return;
        }
        if (offline()) {
            super.waitForLock();
            return;
        }
        if (hasChangeLogLock) {
            return;
        }
        try {
            held = SchemaLock.acquire(connection(), schema(), settings().locks().lockTimeout(), ProjectRuns.notices());
        } catch (SchemaLock.TimeoutException e) {
            throw ProjectRuns.reportedInMaven(e);
        } catch (SQLException e) {
            throw new LockException(e.getMessage(), e);
        }
        locked();
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (ProjectRuns.writesProjectScript(database)) {
            return true;
        }
        if (offline()) {
            return super.acquireLock();
        }
        if (hasChangeLogLock) {
            return true;
        }
        try {
            Optional<SchemaLock.Held> got = SchemaLock.tryAcquire(connection(), schema());
            if (got.isEmpty()) {
                return false;
            }
            held = got.get();
        } catch (SQLException e) {
            throw new LockException(e.getMessage(), e);
        }
        locked();
        return true;
    }

    /** As Liquibase's own service does once it has the lock: what it read of the changelog table is read again. */
    private void locked() {
        hasChangeLogLock = true;
        reportLegacyFlag();
        Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
        database.setCanCacheLiquibaseTableInfo(true);
    }

    @Override
    public void releaseLock() throws LockException {
        if (ProjectRuns.writesProjectScript(database)) {
            return;
        }
        if (offline()) {
            super.releaseLock();
            return;
        }
        try {
            if (held != null) {
                held.close();
            }
        } finally {
            held = null;
            hasChangeLogLock = false;
            database.setCanCacheLiquibaseTableInfo(false);
        }
    }

    /** The holder of the migration lock (at most one); {@code lockgranted} is when its session connected. */
    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        if (offline()) {
            return super.listLocks();
        }
        try {
            Optional<SchemaLock.Holder> holder = SchemaLock.holder(connection(), schema());
            if (holder.isEmpty()) {
                return new DatabaseChangeLogLock[0];
            }
            Timestamp since = null;
            try (PreparedStatement statement = connection().prepareStatement(
                    "SELECT backend_start FROM pg_stat_activity WHERE pid = ?")) {
                statement.setInt(1, holder.get().pid());
                try (ResultSet rs = statement.executeQuery()) {
                    since = rs.next() ? rs.getTimestamp(1) : null;
                }
            }
            return new DatabaseChangeLogLock[] {new DatabaseChangeLogLock(1, since, "advisory lock of schema "
                    + schema() + ", " + holder.get().describe())};
        } catch (SQLException e) {
            throw new LockException(e.getMessage(), e);
        }
    }

    /**
     * {@code releaseLocks}: clears the flag an earlier version left in {@code databasechangeloglock}. The advisory
     * lock cannot be taken from the session that holds it; who holds it is reported.
     */
    @Override
    public void forceReleaseLock() throws LockException, DatabaseException {
        if (offline()) {
            super.forceReleaseLock();
            return;
        }
        try {
            Optional<LegacyFlag> flag = legacyFlag();
            if (flag.isPresent()) {
                try (PreparedStatement clear = connection().prepareStatement("UPDATE " + schema()
                        + ".databasechangeloglock SET locked = false, lockgranted = NULL, lockedby = NULL")) {
                    clear.executeUpdate();
                }
                if (!connection().getAutoCommit()) {
                    connection().commit();
                }
                ProjectRuns.notices().accept("Cleared the flag in " + schema() + ".databasechangeloglock (set by "
                        + flag.get().describe() + ").");
            }
            Optional<SchemaLock.Holder> holder = SchemaLock.holder(connection(), schema());
            holder.ifPresent(h -> ProjectRuns.notices().accept("The migration lock of schema " + schema()
                    + " is held by " + h.describe() + "; PostgreSQL releases it when that session ends "
                    + "(SELECT pg_terminate_backend(" + h.pid() + ") ends it)."));
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------- the legacy flag

    /** A {@code locked} flag left in {@code databasechangeloglock}. */
    private record LegacyFlag(String lockedBy, String granted) {
        String describe() {
            return (lockedBy == null ? "an unknown host" : lockedBy) + (granted == null ? "" : " at " + granted);
        }
    }

    private Optional<LegacyFlag> legacyFlag() throws SQLException {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, schema() + ".databasechangeloglock");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT lockedby, "
                + "to_char(lockgranted, 'YYYY-MM-DD HH24:MI:SS') FROM " + schema()
                + ".databasechangeloglock WHERE locked LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(new LegacyFlag(rs.getString(1), rs.getString(2))) : Optional.empty();
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    private void reportLegacyFlag() {
        try {
            legacyFlag().ifPresent(flag -> ProjectRuns.notices().accept(schema() + ".databasechangeloglock says "
                    + "the schema is locked by " + flag.describe() + ": a flag that an earlier version of this "
                    + "project (or Liquibase's stock lock) set and never cleared, its run having died. It is "
                    + "ignored: migrations now take a PostgreSQL advisory lock, which this run holds. "
                    + "Clear the flag with mvn liquibase:releaseLocks -P<label>."));
        } catch (SQLException e) {
            // only a report; the lock is held
        }
    }

    /** Whether {@code databasechangeloglock} exists with its row (nothing for Liquibase to create). */
    private boolean lockTableReady() {
        return ProjectRuns.tableExists(connection(), schema(), "databasechangeloglock", true);
    }
}
