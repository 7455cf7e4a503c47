package org.pacificclimate.crmp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.sqlgenerator.core.MarkChangeSetRanGenerator;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CreateDatabaseChangeLogLockTableStatement;
import liquibase.statement.core.CreateDatabaseChangeLogTableStatement;
import liquibase.statement.core.InitializeDatabaseChangeLogLockTableStatement;
import liquibase.util.StringUtil;

import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.liquibase.QuietLogService;
import org.pacificclimate.crmp.liquibase.RevisionNeeds;
import org.pacificclimate.crmp.liquibase.RevisionNeeds.Need;

/**
 * The packaged changelogs in brief, computed at build time ({@code mvn process-classes} runs {@link #main}): the
 * revision chain (number, id, slug, message), every changeset's identity and Liquibase checksum
 * ({@code id}, {@code author}, {@code filename} as {@code databasechangelog} records them, {@code md5sum}), and what
 * each revision's steps need from the database, up and down ({@link RevisionNeeds}). With it the launcher reads the
 * chain without parsing YAML, tells a database whose records all agree with the changelogs without booting Liquibase
 * ({@link #disagreements}; where a record disagrees, Liquibase decides: it validates the checksums, and refuses a
 * changed changeset), and checks a run's privileges without reading every SQL file it will run (~0.2 s of a cold
 * upgrade from empty).
 *
 * <p>File {@value #RESOURCE} on the classpath, one line per entry, fields separated by tabs:
 * {@code revision <number> <id> <slug> <message>}, {@code changeset <id> <author> <filename> <md5sum>} and
 * {@code needs <id> up|down <elevated> <kind>:<name>:<role>,...}.
 */
public final class ChangelogIndex {

    public static final String RESOURCE = "changelog/index.tsv";
    private static final String HEADER = "# crmp-schema changelog index: made at build time by "
            + "org.pacificclimate.crmp.migration.ChangelogIndex from changelog/ (do not edit)";

    /** One changeset as {@code databasechangelog} records it. */
    public record Changeset(String id, String author, String filename, String checksum) {
        String key() {
            return id + "\u0000" + author + "\u0000" + filename;
        }
    }

    /** A revision of the chain. */
    record Entry(int number, String id, String slug, String message) {
    }

    /** What a revision's steps need, one direction, as {@link RevisionNeeds} reads it from the changelog. */
    record Needs(boolean elevated, List<Need> needs) {
    }

    private final List<Entry> revisions;
    private final Map<String, Changeset> changesets;
    /** By {@code <id> up|down}. */
    private final Map<String, Needs> needs;

    private ChangelogIndex(List<Entry> revisions, Map<String, Changeset> changesets, Map<String, Needs> needs) {
        this.revisions = List.copyOf(revisions);
        this.changesets = changesets;
        this.needs = needs;
    }

    private static Optional<ChangelogIndex> packaged;

    /** The index of the changelogs on the classpath, when the build made one. */
    public static synchronized Optional<ChangelogIndex> packaged() {
        if (packaged == null) {
            try (InputStream in = ChangelogIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                packaged = in == null ? Optional.empty()
                        : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return packaged;
    }

    static ChangelogIndex parse(String text) {
        List<Entry> revisions = new ArrayList<>();
        Map<String, Changeset> changesets = new LinkedHashMap<>();
        Map<String, Needs> needs = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "revision" -> revisions.add(new Entry(Integer.parseInt(fields[1]), fields[2], fields[3],
                        unescape(fields[4])));
                case "changeset" -> {
                    Changeset changeset = new Changeset(fields[1], fields[2], fields[3], fields[4]);
                    changesets.put(changeset.key(), changeset);
                }
                case "needs" -> {
                    List<Need> list = new ArrayList<>();
                    for (String need : fields[4].isEmpty() ? new String[0] : fields[4].split(",")) {
                        String[] parts = need.split(":");
                        list.add(new Need(parts[0], parts[1], RevisionNeeds.Role.valueOf(parts[2])));
                    }
                    needs.put(fields[1] + " " + fields[2], new Needs(Boolean.parseBoolean(fields[3]),
                            List.copyOf(list)));
                }
                default -> throw new IllegalStateException(RESOURCE + ": unknown line " + line);
            }
        }
        return new ChangelogIndex(revisions, changesets, needs);
    }

    /** The revision chain of the indexed changelogs. */
    public RevisionChain chain() {
        return RevisionChain.of(revisions);
    }

    /** Every changeset, in changelog order. */
    public List<Changeset> changesets() {
        return List.copyOf(changesets.values());
    }

    /**
     * What {@code revision}'s steps need, up or down ({@code rollback}), as the build read it from the packaged
     * changelogs; empty when the index has no such revision.
     */
    public Optional<RevisionNeeds> needs(Revision revision, boolean rollback) {
        Needs known = needs.get(revision.id() + (rollback ? " down" : " up"));
        return Optional.ofNullable(known).map(n -> new RevisionNeeds(revision, rollback, n.elevated(), n.needs()));
    }

    /**
     * The recorded changesets that do not agree with the changelogs: unknown to them, or recorded with another
     * checksum (a changed file, or a checksum of an older Liquibase version). Empty: every record is a changeset of
     * these changelogs, unchanged.
     */
    public List<Changeset> disagreements(List<Changeset> recorded) {
        List<Changeset> disagreeing = new ArrayList<>();
        for (Changeset row : recorded) {
            Changeset known = changesets.get(row.key());
            if (known == null || !known.checksum().equals(row.checksum())) {
                disagreeing.add(row);
            }
        }
        return disagreeing;
    }

    // ------------------------------------------------------------------------------------------- build time

    /**
     * Writes the index of the changelogs on the classpath to {@code args[0]}: the chain as {@link RevisionChain}
     * reads it, the checksums as Liquibase computes them.
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        RevisionChain chain = RevisionChain.standardFromYaml();
        ResourceAccessor resources = new ClassLoaderResourceAccessor(ChangelogIndex.class.getClassLoader());
        Files.writeString(output, build(resources, chain) + needs(chain, RevisionChain::classpathFile),
                StandardCharsets.UTF_8);
        Files.writeString(output.resolveSibling(Path.of(CompiledUpgrade.RESOURCE).getFileName()),
                compiledUpgrade(resources, chain), StandardCharsets.UTF_8);
    }

    static String build(ResourceAccessor resources, RevisionChain chain) throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Revision revision : chain.revisions()) {
            text.append("revision\t").append(revision.number()).append('\t').append(revision.id()).append('\t')
                    .append(revision.slug()).append('\t').append(escape(revision.message())).append('\n');
        }
        String schema = Parameter.SCHEMA_NAME.defaultValue();
        withChangelog(resources, schema, Parameter.SU_ROLE_NAME.defaultValue(), changelog -> {
            for (ChangeSet changeSet : changelog.getChangeSets()) {
                text.append("changeset\t").append(changeSet.getId()).append('\t').append(changeSet.getAuthor())
                        .append('\t').append(changeSet.getFilePath()).append('\t')
                        .append(changeSet.generateCheckSum(ChecksumVersion.latest())).append('\n');
            }
        });
        return text.toString();
    }

    private interface ChangelogWork {
        void run(DatabaseChangeLog changelog) throws Exception;
    }

    /**
     * Parses the master changelog with {@code schema} and {@code role} for its parameters and hands it to
     * {@code work}, in a quiet Liquibase scope reading {@code resources} (where its sqlFile changes are read too).
     */
    private static void withChangelog(ResourceAccessor resources, String schema, String role, ChangelogWork work)
            throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.logService.name(), new QuietLogService());
        scope.put("liquibase.analytics.enabled", false);
        Scope.child(scope, () -> {
            ChangeLogParameters parameters = new ChangeLogParameters();
            parameters.set(Parameter.SCHEMA_NAME.key(), schema);
            parameters.set(Parameter.SU_ROLE_NAME.key(), role);
            work.run(ChangeLogParserFactory.getInstance().getParser(RevisionChain.MASTER_CHANGELOG, resources)
                    .parse(RevisionChain.MASTER_CHANGELOG, parameters, resources));
        });
    }

    /**
     * The {@link CompiledUpgrade} of the changelogs: the statements Liquibase's update sends for each changeset, and
     * the values of its changelog row, with placeholders for the schema and the elevated role. Refuses (failing the
     * build) a changeset using anything the compiled upgrade does not do as Liquibase does (preconditions, SQL
     * visitors, changes other than sqlFile and tagDatabase, a changeset outside a transaction, run always or on
     * change), and placeholders that would not give Liquibase's own text for the default names.
     */
    static String compiledUpgrade(ResourceAccessor resources, RevisionChain chain) throws Exception {
        String compiled = compiledUpgrade(resources, CompiledUpgrade.SCHEMA_PLACEHOLDER,
                CompiledUpgrade.ROLE_PLACEHOLDER);
        String schema = Parameter.SCHEMA_NAME.defaultValue();
        String role = Parameter.SU_ROLE_NAME.defaultValue();
        String withDefaults = compiledUpgrade(resources, schema, role);
        if (!CompiledUpgrade.parse(compiled).bind(schema, role).equals(CompiledUpgrade.parse(withDefaults))) {
            throw new IllegalStateException("The compiled upgrade's placeholders do not give the statements Liquibase "
                    + "makes for schema " + schema + " and role " + role);
        }
        CompiledUpgrade parsed = CompiledUpgrade.parse(compiled);
        if (!parsed.covers(chain.revisions())) {
            throw new IllegalStateException("The compiled upgrade misses changesets of the chain");
        }
        return compiled;
    }

    private static String compiledUpgrade(ResourceAccessor resources, String schema, String role) throws Exception {
        StringBuilder text = new StringBuilder(CompiledUpgrade.HEADER).append('\n');
        withChangelog(resources, schema, role, changelog -> {
            PostgresDatabase database = new PostgresDatabase();
            database.setConnection(new OfflineConnection("offline:postgresql?version=15.0", resources));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            SqlGeneratorFactory generators = SqlGeneratorFactory.getInstance();
            text.append("liquibase\t").append(MarkChangeSetRanGenerator.getLiquibaseBuildVersion()).append('\n');
            // What the lock service, then the changelog table service, create in a schema without them.
            for (SqlStatement statement : List.of(new CreateDatabaseChangeLogLockTableStatement(),
                    new InitializeDatabaseChangeLogLockTableStatement(), new CreateDatabaseChangeLogTableStatement())) {
                for (Sql sql : generators.generateSql(statement, database)) {
                    text.append(CompiledUpgrade.statement("table", sql.toSql()));
                }
            }
            for (ChangeSet changeSet : changelog.getChangeSets()) {
                refuseWhatTheCompiledUpgradeDoesNotDo(changeSet);
                text.append(String.join("\t", "changeset", changeSet.getId(), changeSet.getAuthor(),
                        changeSet.getFilePath(), changeSet.generateCheckSum(ChecksumVersion.latest()).toString(),
                        CompiledUpgrade.field(StringUtil.limitSize(changeSet.getDescription(), 250)),
                        CompiledUpgrade.field(StringUtil.limitSize(StringUtil.trimToEmpty(changeSet.getComments()),
                                250)),
                        CompiledUpgrade.field(MarkChangeSetRanGenerator.getTagFromChangeset(changeSet)),
                        CompiledUpgrade.field(changeSet.buildFullContext()),
                        CompiledUpgrade.field(changeSet.buildFullLabels()))).append('\n');
                for (Change change : changeSet.getChanges()) {
                    for (SqlStatement statement : change.generateStatements(database)) {
                        for (Sql sql : generators.generateSql(statement, database)) {
                            text.append(CompiledUpgrade.statement("statement", sql.toSql()));
                        }
                    }
                }
            }
        });
        return text.toString();
    }

    private static void refuseWhatTheCompiledUpgradeDoesNotDo(ChangeSet changeSet) {
        List<String> found = new ArrayList<>();
        if (changeSet.getPreconditions() != null && !changeSet.getPreconditions().getNestedPreconditions().isEmpty()) {
            found.add("preconditions");
        }
        if (!changeSet.getSqlVisitors().isEmpty()) {
            found.add("modifySql");
        }
        if (!changeSet.isRunInTransaction()) {
            found.add("runInTransaction: false");
        }
        if (changeSet.isAlwaysRun() || changeSet.isRunOnChange()) {
            found.add("runAlways / runOnChange");
        }
        if (changeSet.getDbmsSet() != null && !changeSet.getDbmsSet().isEmpty()) {
            found.add("dbms");
        }
        if (Boolean.FALSE.equals(changeSet.getFailOnError())) {
            found.add("failOnError: false");
        }
        for (Change change : changeSet.getChanges()) {
            if (!(change instanceof SQLFileChange || change instanceof TagDatabaseChange)) {
                found.add("a " + change.getClass().getSimpleName());
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(changeSet + " uses " + String.join(", ", found) + ", which the compiled "
                    + "upgrade (migration.CompiledUpgrade) does not run as Liquibase does: teach it, or leave it out");
        }
    }

    /** The {@code needs} lines of every revision of {@code chain}, up and down, read through {@code files}. */
    static String needs(RevisionChain chain, RevisionChain.FileSource files) {
        StringBuilder text = new StringBuilder();
        for (Revision revision : chain.revisions()) {
            for (boolean rollback : new boolean[] {false, true}) {
                RevisionNeeds read = RevisionNeeds.of(revision, rollback, files);
                text.append("needs\t").append(revision.id()).append('\t').append(rollback ? "down" : "up")
                        .append('\t').append(read.elevated()).append('\t');
                for (int i = 0; i < read.needs().size(); i++) {
                    Need need = read.needs().get(i);
                    text.append(i == 0 ? "" : ",").append(need.kind()).append(':').append(need.name()).append(':')
                            .append(need.role().name());
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
