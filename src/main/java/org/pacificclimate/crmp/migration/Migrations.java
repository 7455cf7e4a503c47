package org.pacificclimate.crmp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.ChangelogSyncToTagCommandStep;
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
import liquibase.exception.ChangeLogParseException;
import liquibase.exception.LockException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserConfiguration;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.LockSettings;
import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.PackagedChangelogAccessor;
import org.pacificclimate.crmp.liquibase.Prerequisites;
import org.pacificclimate.crmp.liquibase.ProjectCommandStep;
import org.pacificclimate.crmp.liquibase.ProjectCommandStep.RefusedException;
import org.pacificclimate.crmp.liquibase.ProjectRuns;
import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.liquibase.QuietLogService;
import org.pacificclimate.crmp.liquibase.RunChecks;

/**
 * Runs the CRMP changelogs on one schema of one database through Liquibase's command API: the Java API of the
 * maintenance guide's {@code upgrade} / {@code downgrade} / {@code current}. The schema and elevated role are
 * resolved by {@link ConfigResolver} (what the caller sets &gt; {@code PYCDS_SCHEMA_NAME} / {@code PYCDS_SU_ROLE_NAME}
 * &gt; defaults); revisions are Alembic specs ({@link RevisionSpec}: full ids, unique prefixes, head, base, ±N).
 *
 * <p>The launcher's commands are planned, then run: {@link #planUpgrade}, {@link #planDowngrade} and
 * {@link #planStamp} resolve the spec against the database's state and refuse what cannot be done (with nothing
 * changed), and {@link #run(Plan)} carries the plan out; {@link #history()} tells which revisions are applied.
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
    private final Settings resolved;
    /** The chain of {@link #resources}; null for the classpath's ({@link RevisionChain#standard()}). */
    private final AtomicReference<RevisionChain> chain;
    /** The changelog to run, relative to the root of {@link #resources}. */
    private final String changelogFile;
    /** Where the lines about lock waits go; null: {@link ProjectRuns#notices()}. */
    private final Consumer<String> notices;

    private Migrations(Connection connection, Map<String, String> given, Map<String, String> environment,
                       ResourceAccessor resources, Consumer<String> output, Settings resolved,
                       AtomicReference<RevisionChain> chain) {
        this(connection, given, environment, resources, output, resolved, chain, MASTER_CHANGELOG, null);
    }

    private Migrations(Connection connection, Map<String, String> given, Map<String, String> environment,
                       ResourceAccessor resources, Consumer<String> output, Settings resolved,
                       AtomicReference<RevisionChain> chain, String changelogFile, Consumer<String> notices) {
        this.notices = notices;
        this.connection = Objects.requireNonNull(connection);
        this.given = Map.copyOf(given);
        this.environment = environment;
        this.resources = resources;
        this.output = output;
        this.resolved = resolved;
        this.chain = chain;
        this.changelogFile = changelogFile;
    }

    /**
     * Migrations on {@code connection}: schema and elevated role from {@code PYCDS_SCHEMA_NAME} /
     * {@code PYCDS_SU_ROLE_NAME} when set, else {@code crmp} / {@code pcicdba}; changelogs from the classpath;
     * no output.
     */
    public static Migrations on(Connection connection) {
        return new Migrations(connection, Map.of(), System.getenv(),
                new PackagedChangelogAccessor(Migrations.class.getClassLoader()), line -> { }, null, null);
    }

    /**
     * The same, with settings the caller resolved through {@link ConfigResolver} (the launcher: a label, the command
     * line, its environment); they replace {@link #schema}, {@link #suRole} and the process environment.
     */
    public Migrations using(Settings settings) {
        return new Migrations(connection, given, environment, resources, output, Objects.requireNonNull(settings),
                chain, changelogFile, notices);
    }

    /** The same, with the schema set by the caller (which takes precedence over the environment). */
    public Migrations schema(String name) {
        return with(Parameter.SCHEMA_NAME.key(), name);
    }

    /** The same, with the elevated role set by the caller. */
    public Migrations suRole(String name) {
        return with(Parameter.SU_ROLE_NAME.key(), name);
    }

    /**
     * The same, waiting at most {@code timeout} for the migration lock of the schema when another migration holds it
     * (else {@code PYCDS_LOCK_TIMEOUT}, default 5 min); {@link Failure#LOCKED} after that.
     */
    public Migrations lockTimeout(java.time.Duration timeout) {
        return with(LockSettings.Key.LOCK_TIMEOUT.key(), timeout.toMillis() + "ms");
    }

    /**
     * The same, each step of a revision waiting at most {@code timeout} for a table lock per attempt, and tried again
     * at most {@code retries} times after a timeout (else {@code PYCDS_DDL_LOCK_TIMEOUT}, {@code PYCDS_DDL_LOCK_RETRIES};
     * default 5 s and 10).
     */
    public Migrations ddlLockTimeout(java.time.Duration timeout, int retries) {
        return with(LockSettings.Key.DDL_LOCK_TIMEOUT.key(), timeout.toMillis() + "ms")
                .with(LockSettings.Key.DDL_LOCK_RETRIES.key(), Integer.toString(retries));
    }

    /**
     * Takes the migration lock of the schema for this connection's session until the returned hold is closed, waiting
     * as long as {@link #lockTimeout} says and reporting who holds it meanwhile (to the Liquibase scope's
     * {@link ProjectRuns#NOTICES}, else standard error). Reentrant: what runs on this connection meanwhile (plans,
     * runs) takes it again without waiting. PostgreSQL releases it when the session ends, however it ends. Outside
     * autocommit, a transaction open on the connection is rolled back first, as Liquibase does before it takes its lock.
     */
    public SchemaLock.Held lock() throws MigrationException {
        return lock(notices());
    }

    /** {@link #lock()}, the lines about the wait going to {@code notices}. */
    public SchemaLock.Held lock(Consumer<String> notices) throws MigrationException {
        Settings settings = settings();
        try {
            return SchemaLock.acquire(connection, settings.schemaName(), settings.locks().lockTimeout(), notices);
        } catch (LockException e) {
            throw new MigrationException(Failure.LOCKED, e.getMessage(), e);
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
    }

    /** The same, ignoring the process environment (settings only from the caller and the defaults). */
    public Migrations withoutEnvironment() {
        return new Migrations(connection, given, Map.of(), resources, output, resolved, chain, changelogFile,
                notices);
    }

    /**
     * Read the changelogs from elsewhere, e.g. the source tree instead of the classpath; {@code changelog/} at the
     * accessor's root holds the master changelog, and the revision chain is read from there too.
     */
    public Migrations resources(ResourceAccessor accessor) {
        return new Migrations(connection, given, environment, accessor, output, resolved, new AtomicReference<>(),
                MASTER_CHANGELOG, notices);
    }

    /**
     * Read the changelogs from {@code projectDirectory}{@code /changelog} (a source tree, or a copy of one) instead of
     * the classpath: what is written there runs without a build.
     */
    public Migrations changelogsFrom(Path projectDirectory) throws MigrationException {
        try {
            return resources(new DirectoryResourceAccessor(projectDirectory.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new MigrationException(Failure.BAD_INPUT, "Cannot read changelogs from " + projectDirectory + ": "
                    + e.getMessage() + " Nothing was changed.", e);
        }
    }

    /**
     * Run one changelog of a changelog directory (a copy of {@code changelog/}, e.g. a scratch copy with a new
     * revision): {@code file} is relative to {@code directory} (its master changelog, or one revision file run alone);
     * revision specs resolve against that directory's chain.
     */
    public Migrations changelog(Path directory, String file) throws MigrationException {
        try {
            return new Migrations(connection, given, environment, new DirectoryResourceAccessor(directory.toFile()),
                    output, resolved, new AtomicReference<>(RevisionChain.fromDirectory(directory)), file, notices);
        } catch (IOException | RuntimeException e) {
            throw new MigrationException(Failure.BAD_INPUT, "Cannot read changelogs from " + directory + ": "
                    + e.getMessage() + " Nothing was changed.", e);
        }
    }

    /** Send the lines for people (one per revision applied, rolled back or stamped) to {@code sink}. */
    public Migrations output(Consumer<String> sink) {
        return new Migrations(connection, given, environment, resources, Objects.requireNonNull(sink), resolved, chain,
                changelogFile, notices);
    }

    /**
     * Send the lines about lock waits (the migration lock, a step's table locks) to {@code sink}, here and in the
     * Liquibase runs these migrations start; otherwise they go where {@link ProjectRuns#notices()} says.
     */
    public Migrations notices(Consumer<String> sink) {
        return new Migrations(connection, given, environment, resources, output, resolved, chain, changelogFile,
                Objects.requireNonNull(sink));
    }

    private Consumer<String> notices() {
        return notices != null ? notices : ProjectRuns.notices();
    }

    private Migrations with(String key, String value) {
        Map<String, String> more = new HashMap<>(given);
        more.put(key, value == null ? "" : value);
        return new Migrations(connection, more, environment, resources, output, resolved, chain, changelogFile,
                notices);
    }

    /** The revision chain these migrations run: the classpath's, or that of {@link #resources}. */
    public RevisionChain chain() throws MigrationException {
        if (chain == null) {
            return RevisionChain.standard();
        }
        RevisionChain known = chain.get();
        if (known == null) {
            try {
                known = RevisionChain.read(path -> {
                    Resource resource = resources.get("changelog/" + path);
                    if (resource == null || !resource.exists()) {
                        throw new IOException("changelog/" + path + " does not exist");
                    }
                    try (InputStream in = resource.openInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                });
            } catch (RuntimeException e) {
                throw new MigrationException(Failure.BAD_INPUT, "The changelogs cannot be read: " + e.getMessage()
                        + ". Nothing was changed.", e);
            }
            chain.compareAndSet(null, known);
        }
        return chain.get();
    }

    /** The resolved, validated settings; a bad name is refused here, before anything runs. */
    public Settings settings() throws MigrationException {
        if (resolved != null) {
            return resolved;
        }
        Map<String, String> commandLine = new HashMap<>(given);
        for (Parameter parameter : Parameter.values()) {
            String value = commandLine.get(parameter.key());
            if (value != null && value.isBlank()) {
                throw new MigrationException(Failure.BAD_INPUT, "The " + parameter.description()
                        + " is missing. Nothing was changed.", null);
            }
        }
        try {
            return new ConfigResolver(commandLine, environment, (Path) null).resolve(Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new MigrationException(Failure.BAD_INPUT, e.getMessage(), e);
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
            throw new MigrationException(Failure.BAD_INPUT, "'" + spec + "' names base: nothing to upgrade to. "
                    + "Nothing was changed.", null);
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
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
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

    private int resolve(String spec) throws MigrationException {
        return resolve(spec, state());
    }

    private int resolve(String spec, State state) throws MigrationException {
        try {
            return RevisionSpec.resolve(spec, chain(), Optional.of(state.position()));
        } catch (IllegalArgumentException e) {
            throw new MigrationException(Failure.BAD_INPUT, e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------- state, plans, history

    /**
     * What the schema's changelog table records: the current revision (the newest tag) and the changesets applied.
     * A current revision this chain does not have is refused (the database is newer than these changelogs).
     */
    private State state() throws MigrationException {
        RevisionChain revisions = chain();
        try {
            Optional<String> current = current();
            Optional<Revision> revision = Optional.empty();
            if (current.isPresent()) {
                revision = revisions.find(current.get());
                if (revision.isEmpty()) {
                    throw new MigrationException(Failure.BAD_INPUT, "The database is at revision " + current.get()
                            + ", which these changelogs do not have (they run " + revisions.base().id() + " … "
                            + revisions.head().id() + "): are they older than the database? Nothing was changed.",
                            null);
                }
            }
            return new State(revision, appliedIds(settings().schemaName()));
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
    }

    private record State(Optional<Revision> current, Set<String> applied) {
        int position() {
            return current.map(Revision::number).orElse(0);
        }

        boolean isApplied(Revision revision) {
            return applied.contains(revision.id());
        }
    }

    /**
     * What {@link #run(Plan)} will do, decided before anything runs.
     *
     * @param action    what is done to each revision
     * @param from      the current revision (empty: base)
     * @param to        the revision the database will be at (empty: base)
     * @param revisions the revisions acted on, in the order they are acted on (newest first going down)
     */
    public record Plan(Action action, Optional<Revision> from, Optional<Revision> to, List<Revision> revisions) {
        public Plan {
            revisions = List.copyOf(revisions);
        }

        public boolean isEmpty() {
            return revisions.isEmpty();
        }

        /** Whether the plan goes down the chain (a downgrade, or a stamp to an earlier revision). */
        public boolean goesDown() {
            return to.map(Revision::number).orElse(0) < from.map(Revision::number).orElse(0);
        }
    }

    /** What a plan does to each of its revisions. */
    public enum Action {
        /** apply (alembic upgrade) */
        UPGRADE,
        /** roll back (alembic downgrade) */
        DOWNGRADE,
        /** record as applied, or no longer applied, without running anything (alembic stamp) */
        STAMP
    }

    /** A plan to apply every revision up to {@code spec} not yet applied (alembic upgrade). */
    public Plan planUpgrade(String spec) throws MigrationException {
        State state = state();
        RevisionChain revisions = chain();
        int target = resolve(spec, state);
        if (target == 0) {
            throw new MigrationException(Failure.BAD_INPUT, "'" + spec + "' names base: nothing to upgrade to. "
                    + "Nothing was changed.", null);
        }
        if (target < state.position()) {
            throw new MigrationException(Failure.BAD_INPUT, "'" + spec + "' is " + describe(revisions, target)
                    + ", before the current revision " + describe(revisions, state.position())
                    + ": use downgrade to go back. Nothing was changed.", null);
        }
        List<Revision> pending = revisions.revisions().subList(0, target).stream()
                .filter(r -> !state.isApplied(r)).toList();
        return ready(new Plan(Action.UPGRADE, state.current(), Optional.of(revisions.number(target)), pending));
    }

    /** A plan to roll back every applied revision after {@code spec} (alembic downgrade; {@code base}: all). */
    public Plan planDowngrade(String spec) throws MigrationException {
        State state = state();
        RevisionChain revisions = chain();
        int target = resolve(spec, state);
        if (target > state.position()) {
            throw new MigrationException(Failure.BAD_INPUT, "'" + spec + "' is " + describe(revisions, target)
                    + ", after the current revision " + describe(revisions, state.position())
                    + ": use upgrade to go forward. Nothing was changed.", null);
        }
        List<Revision> applied = new ArrayList<>(revisions.revisions().subList(target, revisions.size()).stream()
                .filter(state::isApplied).toList());
        Collections.reverse(applied);
        return ready(new Plan(Action.DOWNGRADE, state.current(), target == 0 ? Optional.empty()
                : Optional.of(revisions.number(target)), applied));
    }

    /**
     * A plan to record the database as being at {@code spec} without running anything (alembic stamp): going up,
     * the revisions up to it are recorded as applied; going down, the records of the revisions after it are removed.
     */
    public Plan planStamp(String spec) throws MigrationException {
        State state = state();
        RevisionChain revisions = chain();
        int target = resolve(spec, state);
        Optional<Revision> to = target == 0 ? Optional.empty() : Optional.of(revisions.number(target));
        if (target >= state.position()) {
            return ready(new Plan(Action.STAMP, state.current(), to, revisions.revisions().subList(0, target).stream()
                    .filter(r -> !state.isApplied(r)).toList()));
        }
        List<Revision> recorded = new ArrayList<>(revisions.revisions().subList(target, revisions.size()).stream()
                .filter(state::isApplied).toList());
        Collections.reverse(recorded);
        return new Plan(Action.STAMP, state.current(), to, recorded);
    }

    /**
     * The plan, when the database has what the changelogs assume ({@link Prerequisites}); refused otherwise, before
     * anything runs (Liquibase's parser would refuse it too, but only once the command has started).
     */
    private Plan ready(Plan plan) throws MigrationException {
        if (plan.isEmpty()) {
            return plan;
        }
        Settings settings = settings();
        List<String> missing;
        try {
            missing = Prerequisites.missing(connection, settings.schemaName(), settings.suRoleName());
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), "Could not check the database's prerequisites: "
                    + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new MigrationException(Failure.FAILED, "The database is not ready for the CRMP changelogs: "
                    + String.join("; ", missing) + ". Nothing was changed.", null);
        }
        return plan;
    }

    /**
     * Carries out a plan made on this database; refused, with nothing changed, when the database has moved since.
     * Upgrades and downgrades report one line per revision to {@link #output}; stamps one line per revision
     * recorded ("stamped") or no longer recorded ("unstamped") once done. Each revision is one transaction: when one
     * fails, those before it stay done, and the message names the one that failed and where the database is. An
     * upgrade from base of a schema that holds nothing, with the packaged changelogs, runs their build-time
     * compilation ({@link CompiledUpgrade}) instead of Liquibase, with the same result.
     */
    public void run(Plan plan) throws MigrationException {
        try (SchemaLock.Held held = lock()) { // the state checked is the state run on
            runLocked(plan);
        }
    }

    private void runLocked(Plan plan) throws MigrationException {
        State state = state();
        if (!state.current().equals(plan.from())) {
            throw new MigrationException(Failure.BAD_INPUT, "The database moved since the plan was made (from "
                    + describe(plan.from()) + " to " + describe(state.current()) + "). Nothing was changed.", null);
        }
        if (plan.isEmpty()) {
            return;
        }
        try {
            switch (plan.action()) {
                case UPGRADE -> {
                    Revision target = plan.to().orElseThrow();
                    if (compiledUpgradeApplies(plan)) {
                        runCompiledUpgrade(plan);
                    } else if (target.isHead()) {
                        update();
                    } else {
                        run(UpdateToTagCommandStep.COMMAND_NAME,
                                Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), target.id()));
                    }
                }
                case DOWNGRADE -> {
                    if (plan.to().isEmpty()) {
                        rollbackAll();
                    } else {
                        run(RollbackCommandStep.COMMAND_NAME,
                                Map.of(RollbackCommandStep.TAG_ARG.getName(), plan.to().get().id()));
                    }
                }
                case STAMP -> {
                    if (plan.goesDown()) {
                        unstamp(plan.revisions());
                    } else {
                        run(ChangelogSyncToTagCommandStep.COMMAND_NAME,
                                Map.of(ChangelogSyncToTagCommandStep.TAG_ARG.getName(), plan.to().orElseThrow().id()));
                    }
                    String what = plan.goesDown() ? "unstamped  " : "stamped    ";
                    for (Revision revision : plan.revisions()) {
                        output.accept(what + " " + revision.id() + "  " + revision.message());
                    }
                }
                default -> throw new IllegalStateException(plan.action().toString());
            }
        } catch (MigrationException e) {
            if (e.kind() != Failure.FAILED || plan.action() == Action.STAMP || refusedBeforeRunning(e)) {
                throw e;
            }
            throw new MigrationException(Failure.FAILED, whereItStopped(plan, e.getMessage()), e);
        }
    }

    /**
     * Whether {@code plan} is an upgrade from base of a schema that holds nothing, with the packaged changelogs, which
     * their build-time compilation runs as Liquibase would, without booting it ({@link CompiledUpgrade}).
     */
    private boolean compiledUpgradeApplies(Plan plan) throws MigrationException {
        if (chain != null || !changelogFile.equals(MASTER_CHANGELOG) || plan.from().isPresent()) {
            return false;
        }
        Optional<CompiledUpgrade> compiled = CompiledUpgrade.packaged();
        if (compiled.isEmpty() || !compiled.get().covers(plan.revisions())) {
            return false;
        }
        try {
            return RunChecks.holdsNothing(connection, schemaName());
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
    }

    private void runCompiledUpgrade(Plan plan) throws MigrationException {
        Settings settings = settings();
        try {
            RunChecks.beforeUpgradeOfEmptySchema(connection, settings, plan.revisions());
            CompiledUpgrade.packaged().orElseThrow().run(connection, settings.schemaName(), settings.suRoleName(),
                    plan.revisions(), settings.locks(), output, notices());
        } catch (RunChecks.NotReadyException e) {
            throw new MigrationException(Failure.FAILED, e.getMessage(), e);
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
    }

    /** Whether Liquibase's parser or the checks before the first revision refused the run (with nothing run). */
    private static boolean refusedBeforeRunning(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ChangeLogParseException || cause instanceof RunChecks.NotReadyException) {
                return true;
            }
        }
        return false;
    }

    /** "Revision X (message) failed: cause. The database is at Y." */
    private String whereItStopped(Plan plan, String cause) {
        try {
            State after = state();
            boolean down = plan.action() == Action.DOWNGRADE;
            Optional<Revision> failed = plan.revisions().stream().filter(r -> after.isApplied(r) == down).findFirst();
            String text = failed.map(r -> (down ? "Rolling back revision " : "Revision ") + r.id() + " ("
                    + r.message() + ") failed, nothing of it " + (down ? "undone" : "kept") + ": ")
                    .orElse("The migration failed: ");
            return text + cause.strip() + (cause.strip().endsWith(".") ? "" : ".") + " The database is at "
                    + describe(after.current()) + ".";
        } catch (MigrationException | RuntimeException e) {
            return cause;
        }
    }

    /**
     * Removes the changelog records of {@code revisions} (their changeset and tag rows) in one transaction, under
     * Liquibase's changelog lock: the database is then recorded at the revision before them.
     */
    private void unstamp(List<Revision> revisions) throws MigrationException {
        Settings settings = settings();
        List<String> ids = new ArrayList<>();
        revisions.forEach(r -> {
            ids.add(r.id());
            ids.add(r.id() + "-tag");
        });
        boolean callerAutoCommit;
        try {
            callerAutoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
        try {
            Scope.child(scope(settings), () -> {
                Database database = database(settings);
                LockService lock = LockServiceFactory.getInstance().getLockService(database);
                lock.waitForLock();
                try {
                    connection.setAutoCommit(false);
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                            + settings.schemaName() + ".databasechangelog WHERE id = ANY (?)")) {
                        Array array = connection.createArrayOf("varchar", ids.toArray());
                        delete.setArray(1, array);
                        delete.executeUpdate();
                        connection.commit();
                    } catch (SQLException e) {
                        connection.rollback();
                        throw e;
                    }
                } finally {
                    lock.releaseLock();
                }
            });
        } catch (Exception e) {
            throw new MigrationException(Failure.of(e), rootMessage(e), e);
        } finally {
            restoreAutoCommit(callerAutoCommit);
        }
    }

    /** One revision of the chain and what the database records of it (alembic history). */
    public record HistoryEntry(Revision revision, boolean applied, boolean current) {
    }

    /** Every revision of the chain, base first, each with whether it is applied and whether it is current. */
    public List<HistoryEntry> history() throws MigrationException {
        State state = state();
        List<HistoryEntry> entries = new ArrayList<>();
        for (Revision revision : chain().revisions()) {
            entries.add(new HistoryEntry(revision, state.isApplied(revision),
                    state.current().map(revision::equals).orElse(false)));
        }
        return entries;
    }

    /** The current revision as a revision of this chain (empty: base); refused when the chain does not have it. */
    public Optional<Revision> currentRevision() throws MigrationException {
        return state().current();
    }

    private static String describe(Optional<Revision> revision) {
        return revision.map(Revision::id).orElse("base");
    }

    private static String describe(RevisionChain chain, int position) {
        return position == 0 ? "base" : chain.number(position).id();
    }

    private Set<String> appliedIds(String schema) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        if (!changelogTableExists(schema)) {
            return ids;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM " + schema
                + ".databasechangelog ORDER BY orderexecuted");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
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

    private Map<String, Object> scope(Settings settings) throws MigrationException {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new QuietLogService());
        scope.put(ChangeLogParserConfiguration.MISSING_PROPERTY_MODE.getKey(),
                ChangeLogParserConfiguration.MissingPropertyMode.ERROR);
        scope.put("liquibase.analytics.enabled", false);
        scope.put(ProjectCommandStep.SETTINGS, settings);
        scope.put(ProjectCommandStep.OUTPUT, output);
        scope.put(ProjectCommandStep.CHAIN, chain());
        if (notices != null) {
            scope.put(ProjectRuns.NOTICES, notices);
        }
        scope.put(ProjectCommandStep.PACKAGED, chain == null && changelogFile.equals(MASTER_CHANGELOG));
        return scope;
    }

    private Database database(Settings settings) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(settings.schemaName());
        database.setLiquibaseSchemaName(settings.schemaName());
        return database;
    }

    private void run(String[] command, Map<String, Object> arguments) throws MigrationException {
        Settings settings = settings();
        Map<String, Object> scope = scope(settings);
        boolean callerAutoCommit;
        try {
            callerAutoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw new MigrationException(Failure.of(e), e.getMessage(), e);
        }
        try {
            Scope.child(scope, () -> {
                Database database = database(settings);
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
            throw new MigrationException(Failure.of(e), rootMessage(e), e);
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
            throw new MigrationException(Failure.of(e), "could not restore the connection's autocommit mode: "
                    + e.getMessage(), e);
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

    /** Why a migration did not happen: what the launcher's exit code tells. */
    public enum Failure {
        /** Refused before anything ran: an unknown or ambiguous revision, a bad name, a plan that cannot be. */
        BAD_INPUT,
        /** The database could not be reached, or the connection was lost. */
        UNREACHABLE,
        /** A revision failed (nothing of it kept), or the database is not ready for the changelogs. */
        FAILED,
        /** The changelog lock was not obtained: another migration holds it. */
        LOCKED;

        /** The kind of an exception thrown while running Liquibase (its cause chain decides). */
        public static Failure of(Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof RefusedException) {
                    return BAD_INPUT;
                }
                if (cause instanceof LockException) {
                    return LOCKED;
                }
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08")) {
                    return UNREACHABLE;
                }
            }
            return FAILED;
        }
    }

    /** A migration that could not run or failed; the message is the underlying cause's. */
    public static final class MigrationException extends Exception {
        private final Failure kind;

        public MigrationException(String message, Throwable cause) {
            this(cause == null ? Failure.FAILED : Failure.of(cause), message, cause);
        }

        public MigrationException(Failure kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = Objects.requireNonNull(kind);
        }

        public Failure kind() {
            return kind;
        }
    }
}
