package org.pacificclimate.crmp.liquibase.objects;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import liquibase.Scope;
import liquibase.command.CommandResults;
import liquibase.command.CommandScope;
import liquibase.command.core.DiffChangelogCommandStep;
import liquibase.command.core.DiffCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.PreCompareCommandStep;
import liquibase.command.core.helpers.ReferenceDbUrlConnectionCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffResult;
import liquibase.diff.Difference;
import liquibase.diff.ObjectDifferences;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.structure.DatabaseObject;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Liquibase's own commands between two schemas of one test database: schema {@code other} is the reference (the model),
 * schema {@code crmp} the database compared and changed. Each command runs with this package's opt-in on or off, as
 * a Liquibase scope value ({@link ObjectTypes#KEY}).
 */
final class LiquibaseDiffs {

    static final String REFERENCE = "other";
    static final String TARGET = "crmp";

    private final TestDatabase db;

    LiquibaseDiffs(TestDatabase db) {
        this.db = db;
    }

    /** A diff's result and its report ({@code DiffToReport}, as {@code liquibase diff} prints it). */
    record Diff(DiffResult result, String report) {
    }

    Diff diff(boolean optIn, String diffTypes) throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        CommandResults results = run(optIn, null, scope -> {
            scope.setOutput(report);
            compare(scope, diffTypes);
        }, DiffCommandStep.COMMAND_NAME);
        return new Diff((DiffResult) results.getResult(DiffCommandStep.DIFF_RESULT.getName()),
                report.toString(StandardCharsets.UTF_8));
    }

    /** Writes the changelog that turns {@code crmp} into {@code other}. */
    void diffChangelog(boolean optIn, String diffTypes, Path changelog) throws Exception {
        diffChangelog(optIn, diffTypes, null, changelog);
    }

    /** ... with {@code outputSchemas}: the name the changelog gives the compared schema. */
    void diffChangelog(boolean optIn, String diffTypes, String outputSchemas, Path changelog) throws Exception {
        run(optIn, null, scope -> {
            compare(scope, diffTypes);
            if (outputSchemas != null) {
                scope.addArgumentValue(PreCompareCommandStep.OUTPUT_SCHEMAS_ARG, outputSchemas);
            }
            scope.addArgumentValue(DiffChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.toString());
            scope.setOutput(new ByteArrayOutputStream());
        }, DiffChangelogCommandStep.COMMAND_NAME);
    }

    /** Applies {@code changelog} (a file of {@code directory}) to schema {@code crmp}. */
    void update(Path directory, String changelog) throws Exception {
        run(false, directory, scope -> scope.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog),
                new String[] {"update"});
    }

    void rollback(Path directory, String changelog, int changesets) throws Exception {
        run(false, directory, scope -> scope.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, changesets), RollbackCountCommandStep.COMMAND_NAME);
    }

    private interface Arguments {
        void add(CommandScope scope) throws Exception;
    }

    private static void compare(CommandScope scope, String diffTypes) {
        scope.addArgumentValue(PreCompareCommandStep.SCHEMAS_ARG, TARGET);
        scope.addArgumentValue(PreCompareCommandStep.REFERENCE_SCHEMAS_ARG, REFERENCE);
        if (diffTypes != null) {
            scope.addArgumentValue(PreCompareCommandStep.DIFF_TYPES_ARG, diffTypes);
        }
    }

    private CommandResults run(boolean optIn, Path directory, Arguments arguments, String[] command) throws Exception {
        try (Connection target = db.newConnection(TestDatabases.MIGRATION_USER);
             Connection reference = db.newConnection(TestDatabases.MIGRATION_USER)) {
            Map<String, Object> values = new HashMap<>();
            if (optIn) {
                values.put(ObjectTypes.KEY, true);
            }
            if (directory != null) {
                values.put(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(directory));
            }
            return Scope.child(values, () -> {
                Database targetDatabase = database(target, TARGET);
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, targetDatabase);
                if (directory == null) {
                    scope.addArgumentValue(ReferenceDbUrlConnectionCommandStep.REFERENCE_DATABASE_ARG,
                            database(reference, REFERENCE));
                }
                arguments.add(scope);
                return scope.execute();
            });
        }
    }

    private static Database database(Connection connection, String schema) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        return database;
    }

    /**
     * The differences a diff found for {@code types}, one line each: {@code missing Function f(integer)},
     * {@code unexpected Grant steward on t}, {@code changed Owner t owned by x: owner}.
     */
    static List<String> differences(DiffResult result, List<Class<? extends DatabaseObject>> types) {
        List<String> out = new ArrayList<>();
        for (Class<? extends DatabaseObject> type : types) {
            String name = type.getSimpleName();
            result.getMissingObjects(type).forEach(o -> out.add("missing " + name + " " + o));
            result.getUnexpectedObjects(type).forEach(o -> out.add("unexpected " + name + " " + o));
            for (Map.Entry<? extends DatabaseObject, ObjectDifferences> changed : result.getChangedObjects(type).entrySet()) {
                TreeSet<String> fields = new TreeSet<>();
                for (Difference d : changed.getValue().getDifferences()) {
                    fields.add(d.getField());
                }
                out.add("changed " + name + " " + changed.getKey() + ": " + String.join(", ", fields));
            }
        }
        out.sort(null);
        return out;
    }
}
