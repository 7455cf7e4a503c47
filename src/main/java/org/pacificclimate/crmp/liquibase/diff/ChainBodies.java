package org.pacificclimate.crmp.liquibase.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * The version of each replaceable object that a prefix of the chain leaves: the body file the last applied
 * revision ran in its upgrade ({@code changes}). A database at revision N has exactly these versions.
 */
public final class ChainBodies {

    private static final Pattern OBJECT_FILE = Pattern.compile("(?:\\.\\./)?objects/([a-z]+)/([^/]+)/([^/]+\\.sql)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> versions = new HashMap<>();

    private ChainBodies() {
    }

    /** The versions after revisions 1 … {@code position} of {@code chain}, read from {@code changelogDirectory}. */
    public static ChainBodies upTo(Path changelogDirectory, RevisionChain chain, int position) {
        ChainBodies bodies = new ChainBodies();
        for (Revision revision : chain.revisions()) {
            if (revision.number() > position) {
                break;
            }
            Path file = changelogDirectory.resolve(revision.file());
            JsonNode root;
            try {
                root = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            }
            for (JsonNode entry : root.path("databaseChangeLog")) {
                for (JsonNode change : entry.path("changeSet").path("changes")) {
                    Matcher m = OBJECT_FILE.matcher(change.path("sqlFile").path("path").asText());
                    if (m.matches()) {
                        bodies.versions.put(m.group(1) + "/" + m.group(2), "objects/" + m.group(1) + "/" + m.group(2)
                                + "/" + m.group(3));
                    }
                }
            }
        }
        return bodies;
    }

    /** The body file of an object's version, relative to the changelog directory. */
    public Optional<String> version(Bodies.Kind kind, String name) {
        return Optional.ofNullable(versions.get(kind.directory() + "/" + name));
    }
}
