package org.pacificclimate.crmp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The revision chain, read from the one place it is written: the master changelog's includes, in order, each
 * {@code revisions/NNN-<id>-<slug>.yaml} holding the revision's changeset (id = the revision id, comment = its
 * message) and then its tag changeset. Adding a revision is one file plus one include line; everything else
 * (tests, specs, the launcher) is derived from here.
 */
public final class RevisionChain {

    /** The master changelog, relative to the project root and to the classpath. */
    public static final String MASTER_CHANGELOG = "changelog/db.changelog-master.yaml";

    private static final Pattern REVISION_FILE =
            Pattern.compile("revisions/(\\d{3})-([0-9a-f]{12})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.yaml");
    /** Made on first use: an ObjectMapper costs ~0.1 s of a cold start, and the index usually makes it unneeded. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    private static RevisionChain standard;

    private final List<Revision> revisions = new ArrayList<>();

    private RevisionChain() {
    }

    /**
     * The project's own chain, from the changelogs on the classpath (read once): from their build-time index
     * ({@link ChangelogIndex}, no YAML to parse) when the build made one, else from the YAML files.
     */
    public static synchronized RevisionChain standard() {
        if (standard == null) {
            standard = ChangelogIndex.packaged().map(ChangelogIndex::chain).orElseGet(RevisionChain::standardFromYaml);
        }
        return standard;
    }

    /** The project's own chain read from the YAML changelogs on the classpath (what the index is made from). */
    static RevisionChain standardFromYaml() {
        return read(RevisionChain::classpathFile);
    }

    /** A file of the changelogs on the classpath, by its path relative to the master changelog's directory. */
    static String classpathFile(String path) throws IOException {
        try (InputStream in = RevisionChain.class.getClassLoader().getResourceAsStream("changelog/" + path)) {
            if (in == null) {
                throw new IllegalStateException("changelog/" + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A chain from its build-time index (the entries as {@link ChangelogIndex} wrote them, base first). */
    static RevisionChain of(List<ChangelogIndex.Entry> entries) {
        RevisionChain chain = new RevisionChain();
        for (ChangelogIndex.Entry entry : entries) {
            if (entry.number() != chain.revisions.size() + 1) {
                throw new IllegalStateException(ChangelogIndex.RESOURCE + " lists revision " + entry.id()
                        + " as number " + entry.number() + " after " + chain.revisions.size() + " revisions");
            }
            chain.revisions.add(new Revision(chain, entry.number(), entry.id(), entry.slug(), entry.message()));
        }
        if (chain.revisions.isEmpty()) {
            throw new IllegalStateException(ChangelogIndex.RESOURCE + " lists no revision");
        }
        return chain;
    }

    /** The chain of the changelogs in {@code changelogDirectory} (the directory holding the master changelog). */
    public static RevisionChain fromDirectory(Path changelogDirectory) {
        return read(path -> {
            try {
                return Files.readString(changelogDirectory.resolve(path), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException(changelogDirectory.resolve(path) + " does not exist");
            }
        });
    }

    /** Reads a chain through {@code files}, which maps a path relative to the changelog directory to its text. */
    public static RevisionChain read(FileSource files) {
        RevisionChain chain = new RevisionChain();
        String master = Path.of(MASTER_CHANGELOG).getFileName().toString();
        for (String include : includes(files, master)) {
            chain.add(include, files);
        }
        if (chain.revisions.isEmpty()) {
            throw new IllegalStateException(master + " includes no revision");
        }
        return chain;
    }

    private static List<String> includes(FileSource files, String master) {
        JsonNode root = yaml(files, master).get("databaseChangeLog");
        if (root == null || !root.isArray()) {
            throw new IllegalStateException(master + " has no databaseChangeLog list");
        }
        List<String> includes = new ArrayList<>();
        for (JsonNode entry : root) {
            if (entry.has("include")) {
                includes.add(entry.get("include").path("file").asText());
            } else if (entry.has("changeSet") || entry.has("includeAll")) {
                throw new IllegalStateException(master + " may only include revision files, one by one");
            }
        }
        return includes;
    }

    private void add(String file, FileSource files) {
        Matcher name = REVISION_FILE.matcher(file);
        if (!name.matches()) {
            throw new IllegalStateException("the master changelog includes " + file
                    + ", which is not named revisions/NNN-<12-hex-digit revision id>-<slug>.yaml");
        }
        int number = revisions.size() + 1;
        if (Integer.parseInt(name.group(1)) != number) {
            throw new IllegalStateException(file + " is included as revision " + number + " but numbered "
                    + name.group(1));
        }
        String id = name.group(2);
        if (find(id).isPresent()) {
            throw new IllegalStateException(file + ": revision " + id + " is already in the chain");
        }
        List<JsonNode> changeSets = new ArrayList<>();
        for (JsonNode entry : yaml(files, file).path("databaseChangeLog")) {
            if (entry.has("changeSet")) {
                changeSets.add(entry.get("changeSet"));
            }
        }
        if (changeSets.size() != 2 || !id.equals(changeSets.get(0).path("id").asText())
                || !(id + "-tag").equals(changeSets.get(1).path("id").asText())) {
            throw new IllegalStateException(file + " must hold exactly two changesets: '" + id + "' (the revision) "
                    + "and '" + id + "-tag' (its tag)");
        }
        String message = changeSets.get(0).path("comment").asText("").strip();
        if (message.isEmpty()) {
            throw new IllegalStateException(file + ": changeset " + id + " has no comment (the revision's message)");
        }
        revisions.add(new Revision(this, number, id, name.group(3), message));
    }

    private static JsonNode yaml(FileSource files, String path) {
        try {
            return Yaml.MAPPER.readTree(files.read(path));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Base to head. */
    public List<Revision> revisions() {
        return Collections.unmodifiableList(revisions);
    }

    public int size() {
        return revisions.size();
    }

    public Revision base() {
        return revisions.get(0);
    }

    public Revision head() {
        return revisions.get(revisions.size() - 1);
    }

    /** @param number 1 = base */
    public Revision number(int number) {
        if (number < 1 || number > revisions.size()) {
            throw new IllegalArgumentException("no revision number " + number + " (1 … " + revisions.size() + ")");
        }
        return revisions.get(number - 1);
    }

    public Optional<Revision> find(String id) {
        return revisions.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The revision with exactly this id; an unknown id is refused (use {@link RevisionSpec} for prefixes). */
    public Revision byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown revision '" + id
                + "': revisions are the 12-digit ids " + base().id() + " (base) … " + head().id() + " (head)."));
    }

    /** Reads one file of the changelog tree, by its path relative to the master changelog's directory. */
    @FunctionalInterface
    public interface FileSource {
        String read(String path) throws IOException;
    }
}
