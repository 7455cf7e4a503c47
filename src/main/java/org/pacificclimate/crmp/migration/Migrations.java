package org.pacificclimate.crmp.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserConfiguration;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.ProjectCommandStep;
import org.pacificclimate.crmp.liquibase.QuietLogService;

/**
 * Runs the CRMP changelogs on one schema of one database through Liquibase's command API: the Java API of the
 * maintenance guide's {@code upgrade} / {@code downgrade} / {@code current}. The schema and elevated role are
 * resolved by {@link ConfigResolver} (what the caller sets &gt; {@code PYCDS_SCHEMA_NAME} / {@code PYCDS_SU_ROLE_NAME}
 * &gt; defaults); revisions are Alembic specs ({@link RevisionSpec}: full ids, unique prefixes, head, base, ±N).
 *
 * <p>The caller owns the JDBC connection; it stays open and is given back in the autocommit mode it had.
 */
public final class Migrations {

    public static final String MASTER_CHANGELOG = RevisionChain.MASTER_CHANGELOG;

    private final Connection connection;
    private final Map<String, String> given;
    private final Map<String, String> environment;
    private final ResourceAccessor resources;
    private final Consumer<String> output;
    private final String changelogFile;
    private final RevisionChain chain;

    private Migrations(Connection connection, Map<String, String> given, Map<String, String> environment,
                       ResourceAccessor resources, Consumer<String> output, String changelogFile, RevisionChain chain) {
        this.connection = Objects.requireNonNull(connection);
        this.given = Map.copyOf(given);
        this.environment = environment;
        this.resources = resources;
        this.output = output;
        this.changelogFile = changelogFile;
        this.chain = chain;
    }

    /**
     * Migrations on {@code connection}: schema and elevated role from {@code PYCDS_SCHEMA_NAME} /
     * {@code PYCDS_SU_ROLE_NAME} when set, else {@code crmp} / {@code pcicdba}; changelogs from the classpath;
     * no output.
     */
    public static Migrations on(Connection connection) {
        return new Migrations(connection, Map.of(), System.getenv(),
                new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()), line -> { }, MASTER_CHANGELOG,
                null);
    }

    /** The same, with the schema set by the caller (which takes precedence over the environment). */
    public Migrations schema(String name) {
        return with(Parameter.SCHEMA_NAME.key(), name);
    }

    /** The same, with the elevated role set by the caller. */
    public Migrations suRole(String name) {
        return with(Parameter.SU_ROLE_NAME.key(), name);
    }

    /** The same, ignoring the process environment (settings only from the caller and the defaults). */
    public Migrations withoutEnvironment() {
        return new Migrations(connection, given, Map.of(), resources, output, changelogFile, chain);
    }

    /** Read the changelogs from elsewhere, e.g. the source tree instead of the classpath. */
    public Migrations resources(ResourceAccessor accessor) {
        return new Migrations(connection, given, environment, accessor, output, changelogFile, chain);
    }

    /**
     * Run the changelogs of another directory (a copy of the changelog directory, e.g. a scratch copy with a new
     * revision): {@code file} is the changelog to run, relative to {@code directory} (the master changelog, or one
     * revision file); revision specs resolve against that directory's chain.
     */
    public Migrations changelog(java.nio.file.Path directory, String file) {
        try {
            return new Migrations(connection, given, environment,
                    new liquibase.resource.DirectoryResourceAccessor(directory.toFile()), output, file,
                    RevisionChain.fromDirectory(directory));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(directory + " does not exist", e);
        }
    }

    /** Send the lines for people (one per revision applied or rolled back) to {@code sink}. */
    public Migrations output(Consumer<String> sink) {
        return new Migrations(connection, given, environment, resources, Objects.requireNonNull(sink), changelogFile,
                chain);
    }

    private Migrations with(String key, String value) {
        Map<String, String> more = new HashMap<>(given);
        more.put(key, value == null ? "" : value);
        return new Migrations(connection, more, environment, resources, output, changelogFile, chain);
    }

    /** The resolved, validated settings; a bad name is refused here, before anything runs. */
    public Settings settings() throws MigrationException {
        Map<String, String> commandLine = new HashMap<>(given);
        for (Parameter parameter : Parameter.values()) {
            String value = commandLine.get(parameter.key());
            if (value != null && value.isBlank()) {
                throw new MigrationException("The " + parameter.description() + " is missing. Nothing was changed.",
                        null);
            }
        }
        try {
            return new ConfigResolver(commandLine, environment, (Path) null).resolve(Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    public String schemaName() throws MigrationException {
        return settings().schemaName();
    }

    /** Apply every revision not yet applied (alembic upgrade head). */
    public void update() throws MigrationException {
        run(UpdateCommandStep.COMMAND_NAME, Map.of());
    }

    /**
     * Apply revisions up to and including {@code spec} (alembic upgrade &lt;spec&gt;): an id, a unique prefix,
     * {@code head} or {@code +N}.
     */
    public void updateTo(String spec) throws MigrationException {
        int target = resolve(spec);
        if (target == 0) {
            throw new MigrationException("'" + spec + "' names base: nothing to upgrade to. Nothing was changed.", null);
        }
        run(UpdateToTagCommandStep.COMMAND_NAME,
                Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), chain().number(target).id()));
    }

    /**
     * Roll back every revision after {@code spec} (alembic downgrade &lt;spec&gt;): an id, a unique prefix,
     * {@code -N} or {@code base} (everything).
     */
    public void rollbackTo(String spec) throws MigrationException {
        int target = resolve(spec);
        if (target == 0) {
            rollbackAll();
        } else {
            run(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(),
                    chain().number(target).id()));
        }
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

    /** The newest revision tag recorded in the schema's changelog table, if any (alembic current). */
    public Optional<String> current() throws SQLException {
        String schema;
        try {
            schema = schemaName();
        } catch (MigrationException e) {
            throw new SQLException(e.getMessage(), "22023", e);
        }
        if (!changelogTableExists(schema)) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT tag FROM " + schema
                + ".databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private RevisionChain chain() {
        return chain != null ? chain : RevisionChain.standard();
    }

    private int resolve(String spec) throws MigrationException {
        try {
            Optional<Integer> current = current().map(id -> chain().byId(id).number());
            return RevisionSpec.resolve(spec, chain(), Optional.of(current.orElse(0)));
        } catch (IllegalArgumentException | SQLException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    private int appliedChangesets() throws SQLException, MigrationException {
        String schema = schemaName();
        if (!changelogTableExists(schema)) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + schema
                + ".databasechangelog");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean changelogTableExists(String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_regclass(quote_ident(?) || '.databasechangelog') IS NOT NULL")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void run(String[] command, Map<String, Object> arguments) throws MigrationException {
        Settings settings = settings();
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new QuietLogService());
        scope.put(ChangeLogParserConfiguration.MISSING_PROPERTY_MODE.getKey(),
                ChangeLogParserConfiguration.MissingPropertyMode.ERROR);
        scope.put("liquibase.analytics.enabled", false);
        scope.put(ProjectCommandStep.SETTINGS, settings);
        scope.put(ProjectCommandStep.OUTPUT, output);
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
                database.setDefaultSchemaName(settings.schemaName());
                database.setLiquibaseSchemaName(settings.schemaName());
                ChangeLogParameters parameters = new ChangeLogParameters(database);
                CommandScope commandScope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelogFile)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
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
