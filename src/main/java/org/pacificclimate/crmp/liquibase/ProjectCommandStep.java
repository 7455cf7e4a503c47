package org.pacificclimate.crmp.liquibase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.DefaultChangeExecListener;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncToTagCommandStep;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackToDateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CommandValidationException;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionSpec;

/**
 * The project's guard in Liquibase's commands, however they are started (Maven goals, the Java API, the launcher):
 * a step added to the pipeline of the commands below, whose {@link #validate} runs before anything touches the
 * database. For this project's changelogs only ({@link ProjectChangelogs}) it
 * <ul>
 *   <li>refuses Maven properties given without their {@code liquibase.} / {@code pycds.} prefix
 *       ({@code -DtoTag=...}), which the plugin would silently ignore;</li>
 *   <li>resolves revision arguments as Alembic does ({@code 0d99} → {@code 0d99ba90c229}, {@code head}) and refuses
 *       unknown or ambiguous ones, listing the candidates, instead of Liquibase's "tag not found, applying
 *       everything";</li>
 *   <li>refuses changeset counts and dates that would stop between a revision and its tag;</li>
 *   <li>applies the resolved schema and elevated role (Database schemas, changelog parameters);</li>
 *   <li>reports one line per revision applied or rolled back.</li>
 * </ul>
 */
public class ProjectCommandStep extends AbstractCommandStep {

    /** Scope key: a {@code Consumer<String>} receiving the lines for people (default: standard output). */
    public static final String OUTPUT = "crmp.output";
    /** Scope key: the {@link Settings} of this run, when the caller resolved them (Java API, launcher). */
    public static final String SETTINGS = "crmp.settings";
    /**
     * Scope key: the {@link RevisionChain} of the changelogs this run reads, when they are not the classpath's
     * (a source tree or a copy of one, given to the Java API or the launcher); default {@link RevisionChain#standard()}.
     */
    public static final String CHAIN = "crmp.chain";
    /**
     * Scope key: {@code Boolean.TRUE} when the run reads the changelogs packaged with this build (the classpath's, as
     * the Java API and the launcher do unless told otherwise), whose build-time index may answer for them.
     */
    public static final String PACKAGED = "crmp.packaged";

    private static final Set<String> UPDATES = Set.of("update", "updateToTag", "updateCount", "updateTestingRollback");
    private static final Set<String> ROLLBACKS = Set.of("rollback", "rollbackCount", "rollbackToDate");
    private static final Set<String> OTHERS = Set.of("updateSql", "updateToTagSql", "updateCountSql", "rollbackSql",
            "rollbackCountSql", "rollbackToDateSql", "futureRollbackSql", "futureRollbackCountSql",
            "futureRollbackFromTagSql", "changelogSync", "changelogSyncSql", "changelogSyncToTag",
            "changelogSyncToTagSql", "markNextChangesetRan", "markNextChangesetRanSql", "status", "history",
            "validate", "unexpectedChangesets", "tag", "tagExists", "clearChecksums");

    /** Plugin parameters users type without their prefix; Maven would ignore them without a word. */
    private static final Map<String, String> UNPREFIXED = new TreeMap<>(Map.ofEntries(
            Map.entry("toTag", "liquibase.toTag"), Map.entry("rollbackTag", "liquibase.rollbackTag"),
            Map.entry("rollbackCount", "liquibase.rollbackCount"), Map.entry("rollbackDate", "liquibase.rollbackDate"),
            Map.entry("changesToApply", "liquibase.changesToApply"), Map.entry("changeLogFile", "liquibase.changeLogFile"),
            Map.entry("changelogFile", "liquibase.changeLogFile"), Map.entry("url", "liquibase.url"),
            Map.entry("username", "liquibase.username"), Map.entry("password", "liquibase.password"),
            Map.entry("contexts", "liquibase.contexts"), Map.entry("labelFilter", "liquibase.labelFilter"),
            Map.entry("migrationSqlOutputFile", "liquibase.migrationSqlOutputFile"),
            Map.entry("schemaName", "pycds.schemaName"), Map.entry("suRoleName", "pycds.suRoleName"),
            Map.entry("lockTimeout", "pycds.lockTimeout"), Map.entry("ddlLockTimeout", "pycds.ddlLockTimeout"),
            Map.entry("ddlLockRetries", "pycds.ddlLockRetries"),
            Map.entry("PYCDS_SCHEMA_NAME", "pycds.schemaName (or the environment variable PYCDS_SCHEMA_NAME)"),
            Map.entry("PYCDS_SU_ROLE_NAME", "pycds.suRoleName (or the environment variable PYCDS_SU_ROLE_NAME)")));

    @Override
    public String[][] defineCommandNames() {
        return null; // adds itself to existing commands (getOrder), defines none
    }

    @Override
    public int getOrder(CommandDefinition commandDefinition) {
        String name = String.join(" ", commandDefinition.getName());
        return UPDATES.contains(name) || ROLLBACKS.contains(name) || OTHERS.contains(name)
                ? ORDER_DEFAULT : ORDER_NOT_APPLICABLE;
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) {
        // everything happens in validate(), before the pipeline runs
    }

    @Override
    public void validate(CommandScope scope) throws CommandValidationException {
        String command = String.join(" ", scope.getCommand().getName());
        Database database = scope.getArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG);
        Optional<Settings> settings = settings(database);
        String changelog = scope.getArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG);
        boolean ours = ProjectChangelogs.isOurs(changelog, Scope.getCurrentScope().getResourceAccessor());
        ProjectRuns.mark(database, ours); // the migration lock, changelog table and lock retries follow the changelog
        if (!ours) {
            settings.ifPresent(s -> applySchema(database, s)); // our connection, another changelog: schema only
            return;
        }
        try {
            refuseUnprefixedMavenProperties();
            Settings resolved = settings.orElseGet(ProjectCommandStep::processSettings);
            applySchema(database, resolved);
            ChangeLogParameters parameters = scope.getArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS);
            if (parameters != null) {
                parameters.set(org.pacificclimate.crmp.config.Parameter.SCHEMA_NAME.key(), resolved.schemaName());
                parameters.set(org.pacificclimate.crmp.config.Parameter.SU_ROLE_NAME.key(), resolved.suRoleName());
            }
            RevisionChain given = Scope.getCurrentScope().get(CHAIN, RevisionChain.class);
            RevisionChain chain = given != null ? given : chainOf(changelog);
            resolveRevisionArgument(scope, command, chain, database, resolved);
            checkCounts(scope, command, chain, database, resolved);
            ProjectRuns.markScript(database, ProjectOfflineScripts.COMMANDS.contains(command)
                    && connection(database).isPresent() && ProjectOfflineScripts.isMaster(changelog));
            if (UPDATES.contains(command) || ROLLBACKS.contains(command)) {
                Optional<Connection> live = connection(database);
                if (live.isPresent()) { // prerequisites, pre-flight of the plan, catalog verification
                    // Under the migration lock (reentrant: the launcher and the API already hold it), so that a run
                    // that waited for another checks what that one left, not what was there before it.
                    try (SchemaLock.Held checking = SchemaLock.acquire(live.get(), resolved.schemaName(),
                            resolved.locks().lockTimeout(), ProjectRuns.notices())) {
                        RunChecks.beforeFirstRevision(scope, command, chain, live.get(), resolved,
                                RunChecks.files(changelog), output());
                    } catch (SchemaLock.TimeoutException e) {
                        throw ProjectRuns.reportedInMaven(new NotLockedException(e));
                    } catch (LockException | SQLException e) {
                        throw new NotLockedException(e);
                    }
                    AtomicRevisionRollback.install(scope); // a revision's rollback and its two records: one transaction
                }
                reportRevisions(scope);
            }
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    /**
     * The chain of the changelog being run: the master changelog beside it (the master itself, or the master of the
     * directory above {@code revisions/} when one revision file is run alone), read through Liquibase's resources.
     */
    static RevisionChain chainOf(String changelog) {
        String master = Path.of(RevisionChain.MASTER_CHANGELOG).getFileName().toString();
        String directory;
        if (changelog.endsWith(master)) {
            directory = changelog.substring(0, changelog.length() - master.length());
        } else if (changelog.contains("revisions/")) {
            directory = changelog.substring(0, changelog.lastIndexOf("revisions/"));
        } else {
            return RevisionChain.standard();
        }
        var resources = Scope.getCurrentScope().getResourceAccessor();
        try {
            return RevisionChain.read(path -> {
                var resource = resources.get(directory + path);
                if (!resource.exists()) {
                    throw new IllegalStateException(directory + path + " does not exist");
                }
                try (var in = resource.openInputStream()) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            });
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("The revision chain of " + changelog + " cannot be read: "
                    + e.getMessage() + ". Nothing was changed.", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ settings

    private static Optional<Settings> settings(Database database) {
        Settings fromScope = Scope.getCurrentScope().get(SETTINGS, Settings.class);
        if (fromScope != null) {
            return Optional.of(fromScope);
        }
        return connection(database).flatMap(GuardedPostgresDriver::settingsOf);
    }

    /** Settings for a run that neither our driver nor our API started: command line, environment, defaults. */
    private static Settings processSettings() {
        return GuardedPostgresDriver.mavenSettings(null, null);
    }

    private static void applySchema(Database database, Settings settings) {
        if (database != null) {
            try {
                database.setDefaultSchemaName(settings.schemaName());
            } catch (DatabaseException e) {
                throw new IllegalArgumentException("Could not use schema '" + settings.schemaName() + "': "
                        + e.getMessage() + " Nothing was changed.", e);
            }
            database.setLiquibaseSchemaName(settings.schemaName());
        }
    }

    private static Optional<Connection> connection(Database database) {
        if (database != null && database.getConnection() instanceof JdbcConnection jdbc
                && !(database.getConnection() instanceof OfflineConnection)) {
            return Optional.ofNullable(jdbc.getUnderlyingConnection());
        }
        return Optional.empty();
    }

    // --------------------------------------------------------------------------------------- Maven properties

    private static void refuseUnprefixedMavenProperties() {
        if (System.getProperty(GuardedPostgresDriver.REQUESTED_PROFILES) == null) {
            return; // not a Maven run of this project's pom
        }
        List<String> found = new ArrayList<>();
        UNPREFIXED.forEach((name, right) -> {
            if (System.getProperty(name) != null) {
                found.add("-D" + name + " (write -D" + right + ")");
            }
        });
        if (!found.isEmpty()) {
            throw new IllegalArgumentException("Not read by the Liquibase Maven plugin: " + String.join(", ", found)
                    + ". Nothing was changed.");
        }
    }

    // ------------------------------------------------------------------------------------- revision arguments

    private static void resolveRevisionArgument(CommandScope scope, String command, RevisionChain chain,
                                                Database database, Settings settings) {
        var tagArgument = switch (command) {
            case "updateToTag", "updateToTagSql" -> UpdateToTagCommandStep.TAG_ARG;
            case "rollback", "rollbackSql", "futureRollbackFromTagSql" -> RollbackCommandStep.TAG_ARG;
            case "changelogSyncToTag", "changelogSyncToTagSql" -> ChangelogSyncToTagCommandStep.TAG_ARG;
            default -> null;
        };
        if (tagArgument == null) {
            return;
        }
        String given = scope.getArgumentValue(tagArgument);
        if (given == null) {
            return;
        }
        if (command.startsWith("rollback") && given.strip().equalsIgnoreCase("base")) {
            int applied = applied(database, settings).size();
            throw new IllegalArgumentException("There is no tag 'base' to roll back to: to roll back every revision "
                    + "use -Dliquibase.rollbackCount=" + (applied > 0 ? applied : "<rows of databasechangelog>")
                    + " (all changesets applied). Nothing was changed.");
        }
        Revision revision = RevisionSpec.resolveRevision(given, chain, Optional.empty());
        if (!revision.id().equals(given)) {
            output().accept("Revision '" + given + "' is " + revision.id() + " (" + revision.message() + ").");
            scope.addArgumentValue(tagArgument, revision.id());
        }
    }

    // ------------------------------------------------------------------------------------------ counts, dates

    private static void checkCounts(CommandScope scope, String command, RevisionChain chain, Database database,
                                     Settings settings) {
        Optional<Connection> connection = connection(database);
        if (connection.isEmpty()) {
            return;
        }
        List<String> order = changesetOrder(chain);
        List<Applied> applied = applied(database, settings);
        Set<String> appliedIds = new LinkedHashSet<>();
        applied.forEach(a -> appliedIds.add(a.id));
        List<String> appliedInOrder = order.stream().filter(appliedIds::contains).toList();
        List<String> pending = order.stream().filter(id -> !appliedIds.contains(id)).toList();
        switch (command) {
            case "updateCount", "updateCountSql" -> {
                Integer count = scope.getArgumentValue(UpdateCountCommandStep.COUNT_ARG);
                if (count != null) {
                    Set<String> selected = new LinkedHashSet<>(pending.subList(0, Math.min(count, pending.size())));
                    refuseSplit(chain, pending, selected, "-Dliquibase.changesToApply=" + count + " applies",
                            "-Dliquibase.toTag=<revision>");
                }
            }
            case "rollbackCount", "rollbackCountSql", "futureRollbackCountSql" -> {
                Integer count = scope.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
                if (count != null) {
                    int n = Math.min(count, appliedInOrder.size());
                    Set<String> selected = new LinkedHashSet<>(appliedInOrder.subList(appliedInOrder.size() - n,
                            appliedInOrder.size()));
                    refuseSplit(chain, appliedInOrder, selected, "-Dliquibase.rollbackCount=" + count + " rolls back",
                            "-Dliquibase.rollbackTag=<revision>");
                }
            }
            case "rollbackToDate", "rollbackToDateSql" -> {
                Date date = scope.getArgumentValue(RollbackToDateCommandStep.DATE_ARG);
                if (date != null) {
                    Set<String> selected = new LinkedHashSet<>();
                    applied.stream().filter(a -> a.executed.after(date)).forEach(a -> selected.add(a.id));
                    if (!selected.isEmpty()) {
                        refuseSplit(chain, appliedInOrder, selected, "-Dliquibase.rollbackDate=" + date
                                + " rolls back", "-Dliquibase.rollbackTag=<revision>");
                    }
                }
            }
            case "markNextChangesetRan", "markNextChangesetRanSql" -> {
                if (!pending.isEmpty() && !pending.get(0).endsWith("-tag")) {
                    throw new IllegalArgumentException("markNextChangesetRan would record revision " + pending.get(0)
                            + " without its tag: use changelogSyncToTag -Dliquibase.toTag=" + pending.get(0)
                            + " to record a revision without running it. Nothing was changed.");
                }
            }
            default -> {
            }
        }
    }

    /** Refuses a selection that takes one changeset of a revision but not the other. */
    private static void refuseSplit(RevisionChain chain, List<String> candidates, Set<String> selected, String what,
                                    String instead) {
        for (Revision revision : chain.revisions()) {
            String main = revision.id();
            String tag = revision.id() + "-tag";
            if (candidates.contains(main) && candidates.contains(tag) && selected.contains(main) != selected.contains(tag)) {
                throw new IllegalArgumentException(what + " " + selected.size() + " changeset"
                        + (selected.size() == 1 ? "" : "s") + ", which would stop inside revision " + main
                        + " (between its changeset and its tag). Counts are changesets, two per revision: use "
                        + wholeRevisionCounts(selected.size()) + ", or " + instead + ". Nothing was changed.");
            }
        }
    }

    private static String wholeRevisionCounts(int count) {
        return count <= 1 ? "2" : (count - 1) + " or " + (count + 1);
    }

    private static List<String> changesetOrder(RevisionChain chain) {
        List<String> order = new ArrayList<>();
        for (Revision revision : chain.revisions()) {
            order.add(revision.id());
            order.add(revision.id() + "-tag");
        }
        return order;
    }

    private record Applied(String id, Timestamp executed) {
    }

    private static List<Applied> applied(Database database, Settings settings) {
        Optional<Connection> connection = connection(database);
        List<Applied> applied = new ArrayList<>();
        if (connection.isEmpty()) {
            return applied;
        }
        String table = settings.schemaName() + ".databasechangelog";
        try (PreparedStatement exists = connection.get().prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return applied;
                }
            }
            try (PreparedStatement rows = connection.get().prepareStatement("SELECT id, dateexecuted FROM " + table
                    + " ORDER BY dateexecuted, orderexecuted");
                 ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    applied.add(new Applied(rs.getString(1), rs.getTimestamp(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("Could not read " + table + ": " + e.getMessage() + " Nothing was changed.");
        }
        return applied;
    }

    // ---------------------------------------------------------------------------------------------- reporting

    private static void reportRevisions(CommandScope scope) {
        RevisionProgress progress = new RevisionProgress(output());
        ChangeExecListener existing = scope.getArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG);
        if (existing instanceof DefaultChangeExecListener composite) {
            composite.addListener(progress);
        } else if (existing != null) {
            scope.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG,
                    new DefaultChangeExecListener(existing, progress));
        } else {
            scope.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG,
                    new DefaultChangeExecListener(progress));
        }
    }

    @SuppressWarnings("unchecked")
    static Consumer<String> output() {
        Object sink = Scope.getCurrentScope().get(OUTPUT, Object.class);
        return sink instanceof Consumer<?> consumer ? (Consumer<String>) consumer : System.out::println;
    }

    /** A refusal: its text is the whole message (no class name when Liquibase wraps it in its own exceptions). */
    public static final class RefusedException extends CommandValidationException {
        public RefusedException(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** The migration lock was not obtained for the checks before the first revision; the cause says why. */
    static final class NotLockedException extends CommandValidationException {
        NotLockedException(Exception cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
