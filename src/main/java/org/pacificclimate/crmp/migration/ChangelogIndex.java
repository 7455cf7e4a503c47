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
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.liquibase.QuietLogService;

/**
 * The packaged changelogs in brief, computed at build time ({@code mvn process-classes} runs {@link #main}): the
 * revision chain (number, id, slug, message) and every changeset's identity and Liquibase checksum
 * ({@code id}, {@code author}, {@code filename} as {@code databasechangelog} records them, {@code md5sum}). With it
 * the launcher reads the chain without parsing YAML and tells a database whose records all agree with the changelogs
 * without booting Liquibase ({@link #disagreements}); where a record disagrees, Liquibase decides (it validates the
 * checksums, and refuses a changed changeset).
 *
 * <p>File {@value #RESOURCE} on the classpath, one line per entry, fields separated by tabs:
 * {@code revision <number> <id> <slug> <message>} and {@code changeset <id> <author> <filename> <md5sum>}.
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

    private final List<Entry> revisions;
    private final Map<String, Changeset> changesets;

    private ChangelogIndex(List<Entry> revisions, Map<String, Changeset> changesets) {
        this.revisions = List.copyOf(revisions);
        this.changesets = changesets;
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
                default -> throw new IllegalStateException(RESOURCE + ": unknown line " + line);
            }
        }
        return new ChangelogIndex(revisions, changesets);
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
        Files.writeString(output, build(new ClassLoaderResourceAccessor(ChangelogIndex.class.getClassLoader()),
                RevisionChain.standardFromYaml()), StandardCharsets.UTF_8);
    }

    static String build(ResourceAccessor resources, RevisionChain chain) throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Revision revision : chain.revisions()) {
            text.append("revision\t").append(revision.number()).append('\t').append(revision.id()).append('\t')
                    .append(revision.slug()).append('\t').append(escape(revision.message())).append('\n');
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), resources);
        scope.put(Scope.Attr.logService.name(), new QuietLogService());
        scope.put("liquibase.analytics.enabled", false);
        Scope.child(scope, () -> {
            ChangeLogParameters parameters = new ChangeLogParameters();
            for (Parameter parameter : Parameter.values()) {
                parameters.set(parameter.key(), parameter.defaultValue());
            }
            DatabaseChangeLog changelog = ChangeLogParserFactory.getInstance()
                    .getParser(RevisionChain.MASTER_CHANGELOG, resources)
                    .parse(RevisionChain.MASTER_CHANGELOG, parameters, resources);
            for (ChangeSet changeSet : changelog.getChangeSets()) {
                text.append("changeset\t").append(changeSet.getId()).append('\t').append(changeSet.getAuthor())
                        .append('\t').append(changeSet.getFilePath()).append('\t')
                        .append(changeSet.generateCheckSum(ChecksumVersion.latest())).append('\n');
            }
        });
        return text.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String text) {
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
