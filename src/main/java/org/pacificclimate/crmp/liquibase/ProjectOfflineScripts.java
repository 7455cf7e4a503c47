package org.pacificclimate.crmp.liquibase;

import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import liquibase.Scope;
import liquibase.exception.LiquibaseException;
import liquibase.command.CommandOverride;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.RollbackSqlCommandStep;
import liquibase.command.core.RollbackToDateSqlCommandStep;
import liquibase.command.core.UpdateCountSqlCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.UpdateToTagSqlCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.OfflineScript;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * The SQL commands ({@code mvn liquibase:updateSQL}, {@code rollbackSQL}, the Java API's {@code updateSql} ...) on this
 * project's master changelog write the launcher's offline script ({@link OfflineScript}, {@code ./crmp upgrade A:B
 * --sql}) for the range they select, instead of Liquibase's: one transaction per revision, each guarded by the
 * revision it starts from, no changelog lock bookkeeping. Liquibase's script takes the lock table's flag, has no
 * transaction of its own, and so is right only when psql runs it as one transaction; a failure part-way without
 * {@code --single-transaction} left the flag set and the failing revision half applied.
 *
 * <p>The range starts at the database's current revision (the newest revision tag recorded, as for the online
 * command); its end is what the command selects (the head, {@code toTag}, a count of changesets, two per revision,
 * {@code rollbackTag}, a date). Other changelogs, a changelog run through an offline URL and the scripts
 * {@link OfflineScript} itself makes with Liquibase go the stock way.
 */
public final class ProjectOfflineScripts {

    /** The commands whose script is the project's. */
    static final java.util.Set<String> COMMANDS = java.util.Set.of("updateSql", "updateToTagSql", "updateCountSql",
            "rollbackSql", "rollbackCountSql", "rollbackToDateSql");

    private ProjectOfflineScripts() {
    }

    /** Whether {@code changelog} names the master changelog (the only one whose whole chain the script follows). */
    static boolean isMaster(String changelog) {
        return changelog != null && normalized(changelog).endsWith(RevisionChain.MASTER_CHANGELOG);
    }

    /** Where a command ends, given the chain and the database's current position (0 = base). */
    @FunctionalInterface
    interface Target {
        int position(RevisionChain chain, int current, Connection connection, Settings settings) throws SQLException;
    }

    /**
     * Writes the project's script for the command of {@code results} and returns true, or returns false when the
     * stock step is to run (not this project's master changelog, or no live database to start from).
     */
    static boolean write(CommandResultsBuilder results, Target target) throws Exception {
        CommandScope scope = results.getCommandScope();
        Database database = scope.getArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG);
        if (database == null) {
            database = (Database) scope.getDependency(Database.class);
        }
        String changelog = scope.getArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG);
        Optional<Connection> live = ProjectRuns.connection(database);
        if (!ProjectRuns.writesProjectScript(database) || live.isEmpty()) {
            return false;
        }
        Settings settings = ProjectRuns.settings(database);
        RevisionChain given = Scope.getCurrentScope().get(ProjectCommandStep.CHAIN, RevisionChain.class);
        RevisionChain chain = given != null ? given : ProjectCommandStep.chainOf(changelog);
        int current = currentPosition(chain, live.get(), settings);
        int to = target.position(chain, current, live.get(), settings);
        String script;
        try {
            script = to == current ? nothingToDo(chain, current, settings)
                    : offlineScript(chain, settings, to > current, current, to);
        } catch (MigrationException e) {
            throw new LiquibaseException(e.getMessage(), e);
        }
        Writer writer = (Writer) scope.getDependency(Writer.class);
        writer.write(script);
        writer.flush();
        return true;
    }

    private static String offlineScript(RevisionChain chain, Settings settings, boolean up, int from, int to)
            throws MigrationException {
        // OfflineScript runs Liquibase's own SQL commands on an offline connection, which come back through the
        // overrides below and go the stock way (no live connection). Its scope is a child of this one.
        Map<String, Object> values = new HashMap<>();
        values.put(ProjectCommandStep.CHAIN, chain);
        OfflineScript offline = new OfflineScript(settings, Scope.getCurrentScope().getResourceAccessor(), chain);
        try {
            return Scope.child(values, () -> up ? offline.upgrade(from, to) : offline.downgrade(from, to));
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(org.pacificclimate.crmp.migration.Migrations.Failure.of(e), e.getMessage(), e);
        }
    }

    private static String nothingToDo(RevisionChain chain, int current, Settings settings) {
        return "-- Nothing to do: schema " + settings.schemaName() + " is at " + describe(chain, current)
                + ", where this command ends.\n";
    }

    private static String describe(RevisionChain chain, int position) {
        return position == 0 ? "base" : chain.number(position).id();
    }

    private static String normalized(String path) {
        String slashes = path.replace('\\', '/');
        return slashes.startsWith("classpath:") ? slashes.substring("classpath:".length()) : slashes;
    }

    /** The position of the newest revision tag recorded (0: none, or no changelog table yet). */
    private static int currentPosition(RevisionChain chain, Connection connection, Settings settings)
            throws SQLException, ProjectCommandStep.RefusedException {
        String schema = settings.schemaName();
        if (!ProjectRuns.tableExists(connection, schema, "databasechangelog", false)) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT tag FROM " + schema
                + ".databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            String tag = rs.getString(1);
            return chain.find(tag).map(Revision::number).orElseThrow(() -> new ProjectCommandStep.RefusedException(
                    "Schema " + schema + " is at revision " + tag + ", which the changelogs do not have: no script "
                            + "was written."));
        }
    }

    private static int tagPosition(RevisionChain chain, String tag) {
        return chain.find(tag).map(Revision::number).orElseThrow(() ->
                new IllegalStateException("Unknown revision " + tag)); // resolved and checked by ProjectCommandStep
    }

    /** Changesets are two per revision (ProjectCommandStep refuses counts that split one). */
    private static int revisions(int changesets) {
        return (changesets + 1) / 2;
    }

    /** The position below every revision with a record executed after {@code date}, walking down from the current. */
    private static int beforeDate(RevisionChain chain, int current, Connection connection, Settings settings,
                                  Date date) throws SQLException {
        int position = current;
        try (PreparedStatement statement = connection.prepareStatement("SELECT max(dateexecuted) FROM "
                + settings.schemaName() + ".databasechangelog WHERE id IN (?, ?)")) {
            while (position > 0) {
                String id = chain.number(position).id();
                statement.setString(1, id);
                statement.setString(2, id + "-tag");
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    Timestamp executed = rs.getTimestamp(1);
                    if (executed == null || !executed.after(date)) {
                        break;
                    }
                }
                position--;
            }
        }
        return position;
    }

    // ------------------------------------------------------------------------------- the overriding steps

    /** {@code updateSQL}: up to the head. */
    @CommandOverride(override = UpdateSqlCommandStep.class)
    public static class UpdateSql extends UpdateSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            if (!write(results, (chain, current, connection, settings) -> Math.max(current, chain.size()))) {
                super.run(results);
            }
        }
    }

    /** {@code updateSQL -Dliquibase.toTag=REV}: up to REV (nothing when the schema is at or past it). */
    @CommandOverride(override = UpdateToTagSqlCommandStep.class)
    public static class UpdateToTagSql extends UpdateToTagSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            String tag = results.getCommandScope().getArgumentValue(UpdateToTagSqlCommandStep.TAG_ARG);
            if (!write(results, (chain, current, connection, settings) ->
                    Math.max(current, tagPosition(chain, tag)))) {
                super.run(results);
            }
        }
    }

    /** {@code updateSQL -Dliquibase.changesToApply=N}: N/2 revisions up, at most to the head. */
    @CommandOverride(override = UpdateCountSqlCommandStep.class)
    public static class UpdateCountSql extends UpdateCountSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            Integer count = results.getCommandScope().getArgumentValue(UpdateCountSqlCommandStep.COUNT_ARG);
            if (!write(results, (chain, current, connection, settings) ->
                    Math.min(chain.size(), current + revisions(Math.max(0, count)))))  {
                super.run(results);
            }
        }
    }

    /** {@code rollbackSQL -Dliquibase.rollbackTag=REV}: down to REV (nothing when the schema is at or below it). */
    @CommandOverride(override = RollbackSqlCommandStep.class)
    public static class RollbackSql extends RollbackSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            String tag = results.getCommandScope().getArgumentValue(RollbackSqlCommandStep.TAG_ARG);
            if (!write(results, (chain, current, connection, settings) ->
                    Math.min(current, tagPosition(chain, tag)))) {
                super.run(results);
            }
        }
    }

    /** {@code rollbackSQL -Dliquibase.rollbackCount=N}: N/2 revisions down, at most to base. */
    @CommandOverride(override = RollbackCountSqlCommandStep.class)
    public static class RollbackCountSql extends RollbackCountSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            Integer count = results.getCommandScope().getArgumentValue(RollbackCountSqlCommandStep.COUNT_ARG);
            if (!write(results, (chain, current, connection, settings) ->
                    Math.max(0, current - revisions(Math.max(0, count))))) {
                super.run(results);
            }
        }
    }

    /** {@code rollbackSQL -Dliquibase.rollbackDate=D}: down past every revision recorded after D. */
    @CommandOverride(override = RollbackToDateSqlCommandStep.class)
    public static class RollbackToDateSql extends RollbackToDateSqlCommandStep {
        @Override
        public void run(CommandResultsBuilder results) throws Exception {
            Date date = results.getCommandScope().getArgumentValue(RollbackToDateSqlCommandStep.DATE_ARG);
            if (!write(results, (chain, current, connection, settings) ->
                    beforeDate(chain, current, connection, settings, date))) {
                super.run(results);
            }
        }
    }
}
