package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;

import org.pacificclimate.crmp.config.Settings;

/**
 * Which Liquibase runs are this project's, for the services that replace Liquibase's own ones (the migration lock,
 * the changelog table's creation, the lock timeouts of the revisions' steps): any other run in the same JVM keeps
 * Liquibase's stock behaviour. A run is the project's when, on PostgreSQL,
 * <ul>
 *   <li>its changelog is one of this project's ({@link ProjectChangelogs}; {@link ProjectCommandStep} marks the
 *       database when it validates the command, and a changelog of someone else's unmarks it), or else</li>
 *   <li>its connection is the project's: the Java API or the launcher ({@link ProjectCommandStep#SETTINGS} in
 *       Liquibase's scope), or the Maven goals (opened by {@link GuardedPostgresDriver}).</li>
 * </ul>
 */
public final class ProjectRuns {

    /**
     * Scope key: a {@code Consumer<String>} receiving the lines about lock waits (who holds the migration lock, each
     * attempt of a step that timed out waiting for a table lock). Default: standard error.
     */
    public static final String NOTICES = "crmp.notices";

    private static final Map<Database, Boolean> MARKS = new WeakHashMap<>();
    private static final Map<Database, Boolean> SCRIPTS = new WeakHashMap<>();

    private ProjectRuns() {
    }

    /** Records whether the command on {@code database} runs one of this project's changelogs. */
    static void mark(Database database, boolean projectChangelog) {
        if (database != null) {
            synchronized (MARKS) {
                MARKS.put(database, projectChangelog);
            }
        }
    }

    /**
     * Records that the command on {@code database} writes this project's offline script ({@link ProjectOfflineScripts})
     * instead of Liquibase's: the lock and changelog-table statements Liquibase's helper steps would write first are
     * left out.
     */
    static void markScript(Database database, boolean projectScript) {
        if (database != null) {
            synchronized (SCRIPTS) {
                SCRIPTS.put(database, projectScript);
            }
        }
    }

    /** Whether the command on {@code database} writes this project's offline script (see {@link #markScript}). */
    static boolean writesProjectScript(Database database) {
        synchronized (SCRIPTS) {
            return database != null && Boolean.TRUE.equals(SCRIPTS.get(database));
        }
    }

    /** Whether {@code database} is used by a run of this project (see the class comment). */
    public static boolean isProject(Database database) {
        if (!(database instanceof PostgresDatabase) || connection(database).isEmpty()) {
            return false;
        }
        Boolean marked;
        synchronized (MARKS) {
            marked = MARKS.get(database);
        }
        if (marked != null) {
            return marked;
        }
        return Scope.getCurrentScope().get(ProjectCommandStep.SETTINGS, Settings.class) != null
                || GuardedPostgresDriver.settingsOf(connection(database).get()).isPresent();
    }

    /** The settings of the run on {@code database}: the caller's, the Maven driver's, or this process's. */
    public static Settings settings(Database database) {
        Settings fromScope = Scope.getCurrentScope().get(ProjectCommandStep.SETTINGS, Settings.class);
        if (fromScope != null) {
            return fromScope;
        }
        return connection(database).flatMap(GuardedPostgresDriver::settingsOf)
                .orElseGet(() -> GuardedPostgresDriver.mavenSettings(null, null));
    }

    /** Where the lines about lock waits go: the scope's {@link #NOTICES}, else standard error. */
    @SuppressWarnings("unchecked")
    public static Consumer<String> notices() {
        Object sink = Scope.getCurrentScope().get(NOTICES, Object.class);
        if (sink instanceof Consumer<?> consumer) {
            return (Consumer<String>) consumer;
        }
        boolean maven = System.getProperty(GuardedPostgresDriver.REQUESTED_PROFILES) != null;
        return line -> System.err.println((maven ? "[INFO] " : "crmp-schema: ") + line);
    }

    /**
     * In a Maven goal, a failure's one line on standard error first ({@code [ERROR] ...}), as the project's driver
     * does for its refusals: the plugin then prints it again inside the exceptions that wrap it.
     */
    static <T extends Exception> T reportedInMaven(T failure) {
        if (System.getProperty(GuardedPostgresDriver.REQUESTED_PROFILES) != null
                && Scope.getCurrentScope().get(NOTICES, Object.class) == null) {
            System.err.println("[ERROR] " + failure.getMessage());
        }
        return failure;
    }

    /** The JDBC connection of a live (not offline) database. */
    static Optional<Connection> connection(Database database) {
        if (database != null && database.getConnection() instanceof JdbcConnection jdbc
                && !(database.getConnection() instanceof OfflineConnection)) {
            return Optional.ofNullable(jdbc.getUnderlyingConnection());
        }
        return Optional.empty();
    }

    /**
     * Whether {@code schema.table} exists (and, with {@code withRows}, holds a row); false when it cannot be told. Ends
     * the transaction its queries opened outside autocommit.
     */
    static boolean tableExists(Connection connection, String schema, String table, boolean withRows) {
        try {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, schema + "." + table);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            if (withRows) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT FROM " + schema + "."
                             + table + ")")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // the next statement reports it
            }
        }
    }
}
