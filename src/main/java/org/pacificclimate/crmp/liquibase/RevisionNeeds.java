package org.pacificclimate.crmp.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain.FileSource;

/**
 * What the steps of one revision, in one direction, need from the database beyond the prerequisites every run
 * needs ({@link Prerequisites}), read from the changelog itself so that it cannot drift from it: the SQL files its
 * changeset (or its rollback) runs, in order, with the role each statement runs as ({@code SET LOCAL ROLE} of
 * {@code common/elevate.sql} and {@code common/reset-role.sql}, or within a file).
 *
 * <ul>
 *   <li>{@code CREATE EXTENSION}: the role that runs it must be able to install the extension when it is missing
 *       (a superuser, or CREATE on the database for a trusted extension), and the server must have it;</li>
 *   <li>{@code LANGUAGE <language>}: a function in an untrusted language (plpython3u) needs a superuser;</li>
 *   <li>{@code SET LOCAL ROLE ${suRoleName}}: the revision runs steps as the elevated role.</li>
 * </ul>
 */
public record RevisionNeeds(Revision revision, boolean rollback, boolean elevated, List<Need> needs) {

    /** The login role, or the elevated role ({@code ${suRoleName}}). */
    public enum Role {
        LOGIN, ELEVATED
    }

    /** One thing a step does that needs a privilege: {@code kind} is "extension" or "language". */
    public record Need(String kind, String name, Role role) {
    }

    /** Made on first use: the launcher takes the needs of the packaged changelogs from their index. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern STATEMENT = Pattern.compile(
            "SET\\s+LOCAL\\s+ROLE\\s+(\\$\\{suRoleName\\}|NONE)"
                    + "|RESET\\s+ROLE"
                    + "|CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)"
                    + "|LANGUAGE\\s+'?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Reads the needs of {@code revision}'s changes ({@code rollback} false) or rollback.
     *
     * @param files the changelog tree, relative to the directory of the master changelog
     */
    public static RevisionNeeds of(Revision revision, boolean rollback, FileSource files) {
        List<String> paths = sqlFiles(revision, rollback, files);
        Role role = Role.LOGIN; // SET LOCAL lasts to the end of the changeset's transaction, across its files
        boolean elevated = false;
        Set<Need> needs = new LinkedHashSet<>();
        for (String path : paths) {
            String sql = withoutComments(read(files, path));
            Matcher m = STATEMENT.matcher(sql);
            while (m.find()) {
                if (m.group(2) != null) {
                    needs.add(new Need("extension", m.group(2).toLowerCase(Locale.ROOT), role));
                } else if (m.group(3) != null) {
                    needs.add(new Need("language", m.group(3).toLowerCase(Locale.ROOT), role));
                } else if (m.group(1) != null && !m.group(1).equalsIgnoreCase("NONE")) {
                    role = Role.ELEVATED;
                    elevated = true;
                } else {
                    role = Role.LOGIN;
                }
            }
        }
        return new RevisionNeeds(revision, rollback, elevated, List.copyOf(needs));
    }

    /** The SQL files of the revision's changes or rollback, in order, relative to the changelog directory. */
    static List<String> sqlFiles(Revision revision, boolean rollback, FileSource files) {
        JsonNode changeSet = null;
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(files.read(revision.file()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + revision.file() + ": " + e.getMessage(), e);
        }
        for (JsonNode entry : root.path("databaseChangeLog")) {
            if (entry.has("changeSet") && revision.id().equals(entry.get("changeSet").path("id").asText())) {
                changeSet = entry.get("changeSet");
            }
        }
        List<String> paths = new ArrayList<>();
        if (changeSet == null) {
            return paths;
        }
        Path directory = Path.of(revision.file()).getParent();
        for (JsonNode change : changeSet.path(rollback ? "rollback" : "changes")) {
            JsonNode sqlFile = change.get("sqlFile");
            if (sqlFile != null && sqlFile.has("path")) {
                String path = sqlFile.get("path").asText();
                Path resolved = sqlFile.path("relativeToChangelogFile").asBoolean(false) && directory != null
                        ? directory.resolve(path).normalize() : Path.of(path).normalize();
                paths.add(resolved.toString().replace('\\', '/'));
            }
        }
        return paths;
    }

    private static String read(FileSource files, String path) {
        try {
            return files.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The SQL without its comments (a comment that mentions CREATE EXTENSION is no need). */
    static String withoutComments(String sql) {
        return LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" ");
    }
}
