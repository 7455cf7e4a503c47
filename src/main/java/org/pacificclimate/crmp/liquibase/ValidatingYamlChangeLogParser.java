package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.core.yaml.YamlChangeLogParser;
import liquibase.resource.ResourceAccessor;

import org.pacificclimate.crmp.config.Parameter;

/**
 * Parses this project's YAML changelogs ({@link ProjectChangelogs}) like Liquibase's own parser, but first refuses bad
 * input, once per run: a schema or role name that is not a plain lowercase identifier, a changelog table schema that
 * differs from the target schema, and (online) a database that lacks the prerequisites. Other changelogs are left to
 * Liquibase's parser.
 *
 * <p>Parsing is the last step before Liquibase creates its own tables, so a refusal here leaves the
 * database exactly as it was.
 */
public class ValidatingYamlChangeLogParser extends YamlChangeLogParser {

    private final Set<ChangeLogParameters> validated = Collections.newSetFromMap(new WeakHashMap<>());

    @Override
    public int getPriority() {
        return super.getPriority() + 10;
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        return super.supports(changeLogFile, resourceAccessor) && ProjectChangelogs.isOurs(changeLogFile, resourceAccessor);
    }

    @Override
    public DatabaseChangeLog parse(String physicalChangeLogLocation, ChangeLogParameters changeLogParameters,
                                   ResourceAccessor resourceAccessor) throws ChangeLogParseException {
        if (changeLogParameters != null && firstParseOf(changeLogParameters)) {
            validate(changeLogParameters);
        }
        return super.parse(physicalChangeLogLocation, changeLogParameters, resourceAccessor);
    }

    private synchronized boolean firstParseOf(ChangeLogParameters parameters) {
        return validated.add(parameters);
    }

    private void validate(ChangeLogParameters parameters) throws ChangeLogParseException {
        try {
            String schemaName = Parameter.SCHEMA_NAME.validate(text(parameters, Parameter.SCHEMA_NAME.key()));
            String suRoleName = Parameter.SU_ROLE_NAME.validate(text(parameters, Parameter.SU_ROLE_NAME.key()));
            Database database = Scope.getCurrentScope().getDatabase();
            if (database != null) {
                checkChangelogTablesLiveInTargetSchema(database, schemaName);
                checkPrerequisites(database, schemaName, suRoleName);
            }
        } catch (IllegalArgumentException e) {
            throw new ChangeLogParseException(e.getMessage() + " Nothing was changed.");
        }
    }

    private static void checkChangelogTablesLiveInTargetSchema(Database database, String schemaName) {
        String changelogSchema = database.getLiquibaseSchemaName();
        if (changelogSchema != null && !changelogSchema.equals(schemaName)) {
            throw new IllegalArgumentException("The changelog tables would go to schema '" + changelogSchema
                    + "' but the target schema is '" + schemaName + "': set liquibase.liquibaseSchemaName and "
                    + "liquibase.defaultSchemaName to the target schema, or leave both unset (the project sets them "
                    + "from " + Parameter.SCHEMA_NAME.description() + ").");
        }
        String defaultSchema = database.getDefaultSchemaName();
        if (changelogSchema == null && defaultSchema != null && !defaultSchema.equals(schemaName)) {
            throw new IllegalArgumentException("The default schema is '" + defaultSchema
                    + "' but the target schema is '" + schemaName + "'.");
        }
    }

    private static void checkPrerequisites(Database database, String schemaName, String suRoleName) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)
                || database.getConnection() instanceof OfflineConnection) {
            return;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        List<String> problems;
        try {
            problems = Prerequisites.missing(connection, schemaName, suRoleName);
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalArgumentException("Could not check the database's prerequisites: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The database is not ready for the CRMP changelogs:\n  - "
                    + String.join("\n  - ", problems) + "\n");
        }
    }

    private static String text(ChangeLogParameters parameters, String key) {
        Object value = parameters.getValue(key, null);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        // A Maven property that was never set arrives as its own ${...} expression.
        return text.isEmpty() || text.startsWith("${") ? null : text;
    }
}
