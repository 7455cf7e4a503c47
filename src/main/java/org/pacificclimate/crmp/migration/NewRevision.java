package org.pacificclimate.crmp.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import org.pacificclimate.crmp.liquibase.ProjectChangelogs;

/**
 * Writes a new revision at the end of a chain, in the project's conventions (docs/changelog-conventions.md):
 * {@code revisions/NNN-<id>-<slug>.yaml} with the marker line, the revision's changeset (comment: its message; its
 * {@code up-NN-<what>.sql} steps under {@code changes}, its {@code down-NN-<what>.sql} steps under {@code rollback})
 * and its tag changeset; the steps in {@code revisions/NNN-<id>/}; the include appended to the master changelog.
 * The id is new and random (twelve hexadecimal digits, like Alembic's).
 *
 * <p>{@link #empty} is {@code alembic revision -m}: one step each way that does nothing yet, so that the new revision
 * applies and rolls back as it is. {@link #write} takes the steps, for a generator of revisions.
 *
 * <p>Nothing is left half-written: when a file cannot be written, or the chain does not read back with the new
 * revision as its head, every file written is removed and the master changelog restored.
 */
public final class NewRevision {

    /** The author of every changeset of the project. */
    public static final String AUTHOR = "pcic";

    private static final Pattern WHAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int SLUG_LENGTH = 60;
    /** A message is plain YAML when it is made of these and does not start with a YAML indicator. */
    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z0-9_(][A-Za-z0-9_ ()./,;+=-]*[A-Za-z0-9_()./]|[A-Za-z0-9]");

    /** One step of a revision: {@code what} names it (kebab-case), {@code sql} is the file's text. */
    public record Step(String what, String sql) {
        public Step {
            if (what == null || !WHAT.matcher(what).matches()) {
                throw new IllegalArgumentException("A step's name must be lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*): '"
                        + what + "'.");
            }
            Objects.requireNonNull(sql);
        }
    }

    /**
     * What was written.
     *
     * @param revision the new revision, as the chain read back from the directory has it
     * @param files    the files created, relative to the changelog directory (the revision file first)
     * @param master   the master changelog, relative to the changelog directory (one include appended)
     */
    public record Written(Revision revision, List<String> files, String master) {
    }

    private NewRevision() {
    }

    /**
     * A new revision whose one upgrade and one rollback step do nothing yet (comments saying what to write).
     *
     * @param changelogDirectory the directory holding the master changelog
     */
    public static Written empty(Path changelogDirectory, String message) {
        return write(changelogDirectory, message, List.of(new Step("todo", "")), List.of(new Step("todo", "")),
                new SecureRandom());
    }

    /**
     * A new revision with the given steps; a step whose text is empty gets the comment of {@link #empty}'s steps.
     *
     * @param changelogDirectory the directory holding the master changelog
     * @param message            the revision's message (one line)
     * @param up                 the upgrade's steps, in the order they run (at least one)
     * @param down               the rollback's steps, in the order they run (at least one)
     */
    public static Written write(Path changelogDirectory, String message, List<Step> up, List<Step> down,
                                RandomGenerator random) {
        String text = checkMessage(message);
        if (up.isEmpty() || down.isEmpty()) {
            throw new IllegalArgumentException("A revision needs at least one upgrade step and one rollback step.");
        }
        Path masterFile = changelogDirectory.resolve(Path.of(RevisionChain.MASTER_CHANGELOG).getFileName().toString());
        if (!Files.isRegularFile(masterFile)) {
            throw new IllegalArgumentException("No master changelog at " + masterFile + ": run from the project "
                    + "directory (the one holding changelog/). Nothing was changed.");
        }
        RevisionChain chain;
        try {
            chain = RevisionChain.fromDirectory(changelogDirectory);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The changelogs in " + changelogDirectory + " do not read as a chain: "
                    + e.getMessage() + ". Nothing was changed.", e);
        }
        int number = chain.size() + 1;
        if (number > 999) {
            throw new IllegalArgumentException("The chain has 999 revisions, as many as NNN can number.");
        }
        String id = newId(chain, random);
        String slug = slug(text);
        String base = String.format(Locale.ROOT, "%03d-%s", number, id);
        String file = "revisions/" + base + "-" + slug + ".yaml";

        StringBuilder yaml = new StringBuilder();
        yaml.append(ProjectChangelogs.MARKER)
                .append(": read by the project's Liquibase extension (docs/changelog-conventions.md)\n")
                .append("databaseChangeLog:\n")
                .append("  - logicalFilePath: ").append(file).append('\n')
                .append("  - changeSet:\n")
                .append("      id: '").append(id).append("'\n")
                .append("      author: ").append(AUTHOR).append('\n')
                .append("      comment: ").append(yamlScalar(text)).append('\n')
                .append("      changes:\n");
        List<String[]> steps = new ArrayList<>();
        for (int i = 0; i < up.size(); i++) {
            String name = String.format(Locale.ROOT, "up-%02d-%s.sql", i + 1, up.get(i).what());
            yaml.append(sqlFile(base + "/" + name));
            steps.add(new String[] {name, stepText(up.get(i), id, text, file, true, i + 1)});
        }
        yaml.append("      rollback:\n");
        for (int i = 0; i < down.size(); i++) {
            String name = String.format(Locale.ROOT, "down-%02d-%s.sql", i + 1, down.get(i).what());
            yaml.append(sqlFile(base + "/" + name));
            steps.add(new String[] {name, stepText(down.get(i), id, text, file, false, i + 1)});
        }
        yaml.append("  - changeSet:\n")
                .append("      id: '").append(id).append("-tag'\n")
                .append("      author: ").append(AUTHOR).append('\n')
                .append("      changes:\n")
                .append("        - tagDatabase: {tag: '").append(id).append("', keepTagOnRollback: true}\n");

        List<Path> created = new ArrayList<>();
        String masterBefore;
        try {
            masterBefore = Files.readString(masterFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + masterFile + ": " + e.getMessage(), e);
        }
        try {
            Path folder = changelogDirectory.resolve("revisions").resolve(base);
            Files.createDirectory(folder);
            created.add(folder);
            for (String[] step : steps) {
                created.add(Files.writeString(folder.resolve(step[0]), step[1], StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW));
            }
            created.add(Files.writeString(changelogDirectory.resolve(file), yaml, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW));
            String include = (masterBefore.endsWith("\n") || masterBefore.isEmpty() ? "" : "\n")
                    + "  - include:\n      file: " + file + "\n      relativeToChangelogFile: true\n";
            Files.writeString(masterFile, masterBefore + include, StandardCharsets.UTF_8);
            RevisionChain after = RevisionChain.fromDirectory(changelogDirectory);
            if (after.size() != number || !after.head().id().equals(id) || !after.head().message().equals(text)) {
                throw new IllegalStateException("the chain does not read back with " + id + " as its head");
            }
            List<String> files = new ArrayList<>();
            files.add(file);
            steps.forEach(step -> files.add("revisions/" + base + "/" + step[0]));
            return new Written(after.head(), List.copyOf(files), masterFile.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            undo(created, masterFile, masterBefore);
            throw new IllegalStateException("Could not write revision " + id + ": " + e.getMessage()
                    + ". Nothing was changed.", e);
        }
    }

    /** {@code "Add foo.bar column (#12)"} → {@code add-foo-bar-column-12}: what the file name says. */
    public static String slug(String message) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH);
            int cut = slug.lastIndexOf('-');
            slug = cut > 0 ? slug.substring(0, cut) : slug;
        }
        return slug.isEmpty() ? "revision" : slug;
    }

    private static String checkMessage(String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("A new revision needs a message: -m \"<what it does>\". "
                    + "Nothing was changed.");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("A revision's message is one line, without control characters. "
                    + "Nothing was changed.");
        }
        return text;
    }

    /** A new revision id for {@code chain} (see {@link #newId(RevisionChain, RandomGenerator)}). */
    public static String newId(RevisionChain chain) {
        return newId(chain, new java.security.SecureRandom());
    }

    /**
     * Twelve random hexadecimal digits, as Alembic makes them: not an id of the chain, sharing no four-character
     * prefix with one (so that the shortest prefix a maintainer may type names the new revision alone), and never one
     * that YAML would read as a number (all digits, or digits around an {@code e}: {@code 51e769351470}).
     */
    static String newId(RevisionChain chain, RandomGenerator random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            String prefix = id.substring(0, RevisionSpec.MINIMUM_PREFIX);
            if (!NUMBER_LIKE.matcher(id).matches()
                    && chain.revisions().stream().noneMatch(r -> r.id().startsWith(prefix))) {
                return id;
            }
        }
        throw new IllegalStateException("no free revision id found");
    }

    private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile("[0-9]+([eE][0-9]+)?");

    private static String yamlScalar(String text) {
        if (PLAIN_SCALAR.matcher(text).matches() && !text.contains(" #") && !text.contains(": ")) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String sqlFile(String path) {
        return "        - sqlFile: {path: " + path + ", relativeToChangelogFile: true, splitStatements: false}\n";
    }

    private static String stepText(Step step, String id, String message, String file, boolean up, int n) {
        if (!step.sql().isEmpty()) {
            return step.sql().endsWith("\n") ? step.sql() : step.sql() + "\n";
        }
        String kind = up ? "up" : "down";
        return "-- Revision " + id + " (" + message + "): " + (up ? "upgrade" : "rollback") + " step " + n
                + ", which does nothing yet.\n"
                + (up
                ? "-- Write its statements here: idempotent, every object qualified with ${schemaName}\n"
                : "-- Write its statements here: they restore the previous revision's catalog exactly, idempotent,\n"
                        + "-- every object qualified with ${schemaName}\n")
                + "-- (docs/changelog-conventions.md). Then name the file for what it does, " + kind
                + String.format(Locale.ROOT, "-%02d", n) + "-<what>.sql, and\n"
                + "-- change its path in " + file + " to match.\n";
    }

    private static void undo(List<Path> created, Path masterFile, String masterBefore) {
        try {
            Files.writeString(masterFile, masterBefore, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // reported with the original failure
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
