package org.pacificclimate.crmp.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserConfiguration;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import org.pacificclimate.crmp.liquibase.PycdsParameters;

/**
 * Runs the CRMP changelogs on one schema of one database through Liquibase's command API, with the
 * maintenance guide's parameters. Equivalent to the Maven goals: {@code update}, {@code update -Dliquibase.toTag},
 * {@code rollback -Dliquibase.rollbackTag}.
 *
 * <p>The caller owns the JDBC connection; it stays open.
 */
public final class Migrations {

    public static final String MASTER_CHANGELOG = RevisionChain.MASTER_CHANGELOG;

    private final Connection connection;
    private final String schemaName;
    private final String suRoleName;
    private final ResourceAccessor resources;

    private Migrations(Connection connection, String schemaName, String suRoleName, ResourceAccessor resources) {
        this.connection = Objects.requireNonNull(connection);
        this.schemaName = schemaName;
        this.suRoleName = suRoleName;
        this.resources = resources;
    }

    /** Migrations of schema {@code crmp} with elevated role {@code pcicdba}, changelogs from the classpath. */
    public static Migrations on(Connection connection) {
        return new Migrations(connection, PycdsParameters.DEFAULT_SCHEMA_NAME, PycdsParameters.DEFAULT_SU_ROLE_NAME,
                new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()));
    }

    public Migrations schema(String name) {
        return new Migrations(connection, name, suRoleName, resources);
    }

    public Migrations suRole(String name) {
        return new Migrations(connection, schemaName, name, resources);
    }

    /** Read the changelogs from elsewhere, e.g. the source tree instead of the classpath. */
    public Migrations resources(ResourceAccessor accessor) {
        return new Migrations(connection, schemaName, suRoleName, accessor);
    }

    public String schemaName() {
        return schemaName;
    }

    /** Apply every changeset not yet applied (alembic upgrade head). */
    public void update() throws MigrationException {
        run(UpdateCommandStep.COMMAND_NAME, Map.of(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT.getName(),
                UpdateSummaryOutputEnum.LOG));
    }

    /** Apply changesets up to and including revision {@code id}'s tag (alembic upgrade id). */
    public void updateTo(String id) throws MigrationException {
        RevisionChain.standard().byId(id);
        run(UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), id,
                ShowSummaryArgument.SHOW_SUMMARY_OUTPUT.getName(), UpdateSummaryOutputEnum.LOG));
    }

    /** Roll back every changeset applied after revision {@code id}'s tag (alembic downgrade id). */
    public void rollbackTo(String id) throws MigrationException {
        RevisionChain.standard().byId(id);
        run(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(), id));
    }

    /**
     * Roll back every changeset this schema's changelog table records, revision 1 included (alembic downgrade
     * base). The changelog tables themselves stay, as Alembic's version table does.
     */
    public void rollbackAll() throws MigrationException {
        int applied;
        try {
            applied = appliedChangesets();
        } catch (SQLException e) {
            throw new MigrationException(e.getMessage(), e);
        }
        if (applied > 0) {
            run(RollbackCountCommandStep.COMMAND_NAME, Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), applied));
        }
    }

    private int appliedChangesets() throws SQLException {
        if (!changelogTableExists()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM "
                + PycdsParameters.requirePlainIdentifier("schema name", schemaName) + ".databasechangelog");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean changelogTableExists() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_regclass(quote_ident(?) || '.databasechangelog') IS NOT NULL")) {
            statement.setString(1, schemaName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The newest revision tag recorded in the schema's changelog table, if any (alembic current). */
    public Optional<String> current() throws SQLException {
        if (!changelogTableExists()) {
            return Optional.empty();
        }
        PycdsParameters.requirePlainIdentifier("schema name", schemaName);
        try (PreparedStatement statement = connection.prepareStatement("SELECT tag FROM " + schemaName
                + ".databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private void run(String[] command, Map<String, Object> arguments) throws MigrationException {
        try {
            PycdsParameters.validate(schemaName, suRoleName);
        } catch (IllegalArgumentException e) {
            throw new MigrationException(e.getMessage() + " Nothing was changed.", e);
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(ChangeLogParserConfiguration.MISSING_PROPERTY_MODE.getKey(),
                ChangeLogParserConfiguration.MissingPropertyMode.ERROR);
        scope.put("liquibase.analytics.enabled", false);
        boolean callerAutoCommit;
        try {
            callerAutoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw new MigrationException(e.getMessage(), e);
        }
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDefaultSchemaName(schemaName);
                database.setLiquibaseSchemaName(schemaName);
                ChangeLogParameters parameters = new ChangeLogParameters(database);
                parameters.set(PycdsParameters.SCHEMA_NAME, schemaName);
                parameters.set(PycdsParameters.SU_ROLE_NAME, suRoleName);
                CommandScope commandScope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, MASTER_CHANGELOG)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters);
                arguments.forEach(commandScope::addArgumentValue);
                commandScope.execute();
            });
        } catch (Exception e) {
            throw new MigrationException(rootMessage(e), e);
        } finally {
            restoreAutoCommit(callerAutoCommit);
        }
    }

    /** Liquibase turns autocommit off on the connection it is given; the caller gets it back as it was. */
    private void restoreAutoCommit(boolean autoCommit) throws MigrationException {
        try {
            if (!connection.isClosed() && connection.getAutoCommit() != autoCommit) {
                if (autoCommit) {
                    connection.rollback(); // nothing of Liquibase's is pending after a command; drop leftovers
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MigrationException("could not restore the connection's autocommit mode: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.toString() : message;
    }

    /** A migration that could not run or failed; the message is the underlying cause's. */
    public static final class MigrationException extends Exception {
        public MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
