package org.pacificclimate.crmp.migration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.OfflineChangeLogHistoryService;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncToTagSqlCommandStep;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.RollbackSqlCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.UpdateToTagSqlCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.parser.ChangeLogParserConfiguration;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.core.CreateDatabaseChangeLogTableStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.ui.LoggerUIService;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.ProjectCommandStep;
import org.pacificclimate.crmp.liquibase.QuietLogService;
import org.pacificclimate.crmp.migration.Migrations.Failure;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;

/**
 * Alembic's offline mode ({@code upgrade A:B --sql}): the SQL script that takes a schema from one revision to another,
 * written without a database. Liquibase runs on an <em>offline</em> connection ({@code offline:postgresql?...}) whose
 * changelog history is a CSV file that this class makes for the range's start (Liquibase's own
 * {@code changelogSyncToTagSql} records the revisions up to it there), so that the script holds exactly the revisions
 * of the range and records them in {@code databasechangelog} as the online command does.
 *
 * <p>Each revision is one transaction in the script: {@code BEGIN;}, a guard that stops the script unless the schema is
 * at the revision the step starts from, the revision's statements, its changelog rows, {@code COMMIT;}. So the script
 * is right whether psql runs it as one transaction ({@code --single-transaction}: each {@code COMMIT} ends a revision)
 * or not, a failure leaves the revisions before it applied and nothing of the failing one, and the elevated steps'
 * {@code SET LOCAL ROLE} ends with its revision. The changelog lock table is never used: nothing is left set when the
 * script stops.
 */
public final class OfflineScript {

    /** PostgreSQL 15, as the changelogs require. */
    private static final String OFFLINE_URL = "offline:postgresql?version=15.0&outputLiquibaseSql=data_only&changeLogFile=%s";

    private final Settings settings;
    private final ResourceAccessor resources;
    private final RevisionChain chain;
    private final String changelogFile;

    /**
     * @param settings  the schema and elevated role (no database is contacted)
     * @param resources where {@code changelog/} is read from (the classpath, or a project directory)
     * @param chain     the chain of those changelogs
     */
    public OfflineScript(Settings settings, ResourceAccessor resources, RevisionChain chain) {
        this.settings = settings;
        this.resources = resources;
        this.chain = chain;
        this.changelogFile = RevisionChain.MASTER_CHANGELOG;
    }

    /** The script from position {@code from} up to position {@code to} (0 = base), {@code from < to}. */
    public String upgrade(int from, int to) throws MigrationException {
        if (from >= to || to > chain.size() || from < 0) {
            throw new IllegalArgumentException("an upgrade script goes up: " + from + " → " + to);
        }
        return script(from, to);
    }

    /** The script from position {@code from} down to position {@code to} (0 = base), {@code from > to}. */
    public String downgrade(int from, int to) throws MigrationException {
        if (from <= to || from > chain.size() || to < 0) {
            throw new IllegalArgumentException("a downgrade script goes down: " + from + " → " + to);
        }
        return script(from, to);
    }

    private String script(int from, int to) throws MigrationException {
        Path directory;
        try {
            directory = Files.createTempDirectory("crmp-offline-");
        } catch (IOException e) {
            throw new MigrationException(Failure.FAILED, "Cannot make a temporary directory for the offline history: "
                    + e.getMessage(), e);
        }
        Path history = directory.resolve("databasechangelog.csv");
        try {
            Map<String, Object> scope = scope();
            ByteArrayOutputStream sql = new ByteArrayOutputStream();
            StringBuilder createTable = new StringBuilder();
            Scope.child(scope, () -> {
                if (from > 0) {
                    // The history at the range's start, written to the CSV file by Liquibase; its SQL is not wanted.
                    run(history, ChangelogSyncToTagSqlCommandStep.COMMAND_NAME,
                            Map.of(ChangelogSyncToTagSqlCommandStep.TAG_ARG.getName(), chain.number(from).id()),
                            OutputStream.nullOutputStream(), null, new StringBuilder());
                }
                String[] command;
                Map<String, Object> arguments;
                if (to > from) {
                    command = to == chain.size() ? UpdateSqlCommandStep.COMMAND_NAME
                            : UpdateToTagSqlCommandStep.COMMAND_NAME;
                    arguments = to == chain.size() ? Map.of()
                            : Map.of(UpdateToTagSqlCommandStep.TAG_ARG.getName(), chain.number(to).id());
                } else if (to == 0) {
                    command = RollbackCountSqlCommandStep.COMMAND_NAME;
                    arguments = Map.of(RollbackCountSqlCommandStep.COUNT_ARG.getName(), 2 * from);
                } else {
                    command = RollbackSqlCommandStep.COMMAND_NAME;
                    arguments = Map.of(RollbackSqlCommandStep.TAG_ARG.getName(), chain.number(to).id());
                }
                run(history, command, arguments, sql, new RevisionTransactions(to > from), createTable);
            });
            return header(from, to, createTable.toString()) + body(sql.toString(StandardCharsets.UTF_8));
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(Failure.of(e), rootMessage(e), e);
        } finally {
            delete(directory);
        }
    }

    private Map<String, Object> scope() {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new QuietLogService());
        scope.put(ChangeLogParserConfiguration.MISSING_PROPERTY_MODE.getKey(),
                ChangeLogParserConfiguration.MissingPropertyMode.ERROR);
        scope.put("liquibase.analytics.enabled", false);
        scope.put(ProjectCommandStep.SETTINGS, settings);
        scope.put(ProjectCommandStep.OUTPUT, (Consumer<String>) line -> { });
        scope.put(ProjectCommandStep.CHAIN, chain);
        return scope;
    }

    private void run(Path history, String[] command, Map<String, Object> arguments,
                     OutputStream out, RevisionTransactions transactions, StringBuilder createTable)
            throws Exception {
        String url = String.format(OFFLINE_URL, history.toAbsolutePath());
        OfflineConnection connection = new HistoryConnection(url, resources, history);
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(connection);
        database.setDefaultSchemaName(settings.schemaName());
        database.setLiquibaseSchemaName(settings.schemaName());
        database.setOutputDefaultSchema(true);
        ChangeLogHistoryServiceFactory histories = Scope.getCurrentScope()
                .getSingleton(ChangeLogHistoryServiceFactory.class);
        try {
            CommandScope commandScope = new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelogFile)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS,
                            new ChangeLogParameters(database));
            arguments.forEach(commandScope::addArgumentValue);
            if (transactions != null) {
                commandScope.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, transactions);
            }
            commandScope.setOutput(out);
            commandScope.execute();
            createTable.append(createChangelogTable(database));
        } finally {
            // The offline connection registered a history service of its own (on this CSV file) in Liquibase's
            // process-wide factory: take it out, or the next offline run in this JVM would read this file.
            histories.unregister(histories.getChangeLogService(database));
            Scope.getCurrentScope().getSingleton(ExecutorService.class).clearExecutor("jdbc", database);
            Scope.getCurrentScope().getSingleton(ExecutorService.class).clearExecutor("logging", database);
        }
    }

    /** Our header, then (upgrading) the changelog table, made when missing as Liquibase makes it online. */
    private String header(int from, int to, String createChangelogTable) {
        StringBuilder text = new StringBuilder();
        boolean up = to > from;
        int count = Math.abs(to - from);
        text.append("-- crmp ").append(up ? "upgrade " : "downgrade ").append(describe(from)).append(':')
                .append(describe(to)).append(" --sql: schema ").append(settings.schemaName()).append(", elevated role ")
                .append(settings.suRoleName()).append(", ").append(count).append(" revision")
                .append(count == 1 ? "" : "s").append('\n');
        text.append("-- Each revision is one transaction (BEGIN ... COMMIT) that first checks the schema is at the "
                + "revision it starts from.\n");
        text.append("-- Run it as the role that runs the migrations, stopping at the first error:\n");
        text.append("--   psql -X -v ON_ERROR_STOP=1 [--single-transaction] -f SCRIPT \"host=... dbname=... user=...\"\n\n");
        if (up) {
            text.append(createChangelogTable);
        }
        return text.toString();
    }

    /** {@code CREATE TABLE IF NOT EXISTS <schema>.databasechangelog (...)}: Liquibase's statement, made idempotent. */
    private static String createChangelogTable(Database database) {
        StringBuilder text = new StringBuilder();
        for (Sql statement : SqlGeneratorFactory.getInstance()
                .generateSql(new CreateDatabaseChangeLogTableStatement(), database)) {
            String sql = statement.toSql();
            if (sql.startsWith("CREATE TABLE ")) {
                sql = "CREATE TABLE IF NOT EXISTS " + sql.substring("CREATE TABLE ".length());
            }
            text.append(sql).append(";\n\n");
        }
        return text.toString();
    }

    /** Liquibase's script without its header comment (which names the temporary history file). */
    private static String body(String sql) {
        String[] lines = sql.split("\n", -1);
        int start = 0;
        int stars = 0;
        while (start < lines.length && (lines[start].startsWith("--") || lines[start].isBlank())) {
            if (lines[start].startsWith("-- ****")) {
                stars++;
            }
            start++;
            if (stars == 3) {
                break;
            }
        }
        StringBuilder body = new StringBuilder();
        for (int i = stars == 3 ? start : 0; i < lines.length; i++) {
            body.append(lines[i]);
            if (i < lines.length - 1) {
                body.append('\n');
            }
        }
        return body.toString().stripLeading();
    }

    private String describe(int position) {
        return position == 0 ? "base" : chain.number(position).id();
    }

    /**
     * Writes {@code BEGIN;} and the guard before each revision, {@code COMMIT;} after its changelog rows. Upgrading,
     * a revision is its changeset then its tag changeset; rolling back, its tag changeset then its changeset.
     */
    private final class RevisionTransactions extends AbstractChangeExecListener {
        private final boolean up;

        RevisionTransactions(boolean up) {
            this.up = up;
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database db,
                            ChangeSet.RunStatus runStatus) {
            Optional<Revision> revision = chain.find(changeSet.getId());
            if (revision.isPresent()) {
                begin(db, revision.get().previous(), revision.get());
            }
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database db,
                        ChangeSet.ExecType execType) {
            if (changeSet.getId().endsWith("-tag")) {
                write(db, "COMMIT");
            }
        }

        @Override
        public void willRollback(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database db) {
            if (changeSet.getId().endsWith("-tag")) {
                Revision revision = chain.byId(changeSet.getId().substring(0, changeSet.getId().length() - 4));
                begin(db, Optional.of(revision), revision);
            }
        }

        @Override
        public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database db) {
            if (chain.find(changeSet.getId()).isPresent()) {
                write(db, "COMMIT");
            }
        }

        /** BEGIN, then stop unless the schema's current revision is {@code expected} (empty: base). */
        private void begin(Database database, Optional<Revision> expected, Revision revision) {
            write(database, "BEGIN");
            String schema = settings.schemaName();
            String current = "(SELECT tag FROM " + schema + ".databasechangelog WHERE tag IS NOT NULL "
                    + "ORDER BY orderexecuted DESC LIMIT 1)";
            String wanted = expected.map(r -> "'" + r.id() + "'").orElse("NULL");
            String name = expected.map(Revision::id).orElse("base");
            write(database, "DO $crmp$ BEGIN IF " + current + " IS DISTINCT FROM " + wanted + " THEN RAISE EXCEPTION "
                    + "'crmp: schema " + schema + " is at %, not at " + name + ": this script "
                    + (up ? "applies" : "rolls back") + " revision " + revision.id() + " from " + name + "', "
                    + "coalesce(" + current + ", 'base'); END IF; END $crmp$");
        }

        private void write(Database database, String sql) {
            Executor executor = Scope.getCurrentScope().getSingleton(ExecutorService.class)
                    .getExecutor("jdbc", database);
            try {
                executor.execute(new RawParameterizedSqlStatement(sql));
            } catch (DatabaseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Liquibase's offline connection, whose history service fills what Liquibase 4.33's own leaves out of the rows it
     * reads back from the CSV file (the stored changelog path, which its include handling then dereferences).
     */
    private static final class HistoryConnection extends OfflineConnection {
        private final Path history;

        HistoryConnection(String url, ResourceAccessor resources, Path history) {
            super(url, resources);
            this.history = history;
        }

        @Override
        protected ChangeLogHistoryService createChangeLogHistoryService(Database database) {
            return new OfflineChangeLogHistoryService(database, history.toFile(), true, false) {
                @Override
                public int getPriority() {
                    return super.getPriority() + 10; // before any other offline history service left registered
                }

                @Override
                public List<RanChangeSet> getRanChangeSets() throws DatabaseException {
                    List<RanChangeSet> ran = super.getRanChangeSets();
                    for (RanChangeSet row : ran) {
                        if (row.getStoredChangeLog() == null) {
                            row.setStoredChangeLog(row.getChangeLog());
                        }
                    }
                    return ran;
                }
            };
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
