package org.pacificclimate.crmp.schema;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * The generated files of {@code docs/schema}: {@code head.sql} ({@link SchemaDump}), {@code tables.dot} and
 * {@code views.dot} ({@link SchemaGraphs}), and their renderings {@code tables.svg} and {@code views.svg}.
 * One code path generates them for the check ({@code HeadSchemaFileTest}) and for the update
 * ({@value #COMMAND}, which runs that test with {@code -D}{@value #UPDATE_PROPERTY}{@code =true}).
 *
 * <p>An SVG is tied to its DOT by the DOT file's SHA-256, given to {@code dot} as the graph's {@code comment}
 * ({@code -Gcomment=sha256:<hex>}), which {@code dot} writes into the SVG as an XML comment. The check compares
 * that hash only, so it neither needs Graphviz nor depends on the exact output of its version.
 */
final class HeadSchemaFiles {

    static final String COMMAND = "scripts/update-head-schema.sh";
    static final String UPDATE_PROPERTY = "crmp.updateHeadSchema";

    static final String HEAD_SQL = "docs/schema/head.sql";
    static final String TABLES_DOT = "docs/schema/tables.dot";
    static final String VIEWS_DOT = "docs/schema/views.dot";
    /** Each DOT file and the SVG rendered from it. */
    static final Map<String, String> SVG_OF_DOT = Map.of(TABLES_DOT, "docs/schema/tables.svg",
            VIEWS_DOT, "docs/schema/views.svg");

    private static final int EXCERPT_LINES = 3;
    private static final int EXCERPT_WIDTH = 160;

    private HeadSchemaFiles() {
    }

    /** Whether this run writes the files instead of checking them. */
    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /**
     * The texts of head.sql, tables.dot and views.dot (by project-relative path) for schema {@code names.schema()}
     * of {@code db}, which is at {@code revision}.
     */
    static Map<String, String> generate(TestDatabase db, SchemaNames names, Revision revision) throws SQLException {
        String dump = SchemaDump.pgDump(TestPostgres.get(), db.name(), names.schema());
        Map<String, String> files = new LinkedHashMap<>();
        try (Connection connection = db.admin()) {
            try (Statement statement = connection.createStatement()) {
                // format_type then leaves the schema's and PostGIS's types unqualified (see SchemaGraphs)
                statement.execute("SET search_path TO " + names.schema() + ", public");
            }
            files.put(HEAD_SQL, SchemaDump.normalise(dump, names, revision, SchemaDump.extensions(connection)));
            files.put(TABLES_DOT, names.normalise(SchemaGraphs.tablesDot(connection, names.schema(), revision)));
            files.put(VIEWS_DOT, names.normalise(SchemaGraphs.viewsDot(connection, names.schema(), revision)));
        }
        return files;
    }

    /**
     * What is wrong with the committed files, one entry per file: a line naming the file and {@value #COMMAND},
     * then an excerpt. Empty when head.sql and the DOT files equal {@code generated} and each SVG carries the hash
     * of its committed DOT.
     */
    static List<String> check(Map<String, String> generated) {
        List<String> problems = new ArrayList<>();
        generated.forEach((file, expected) -> {
            Optional<String> committed = read(file);
            if (committed.isEmpty()) {
                problems.add(file + " is missing: run " + COMMAND);
            } else if (!committed.get().equals(expected)) {
                problems.add(file + " does not match the changelogs' head schema: run " + COMMAND + "\n"
                        + firstDifference(committed.get(), expected, "committed", "generated"));
            }
        });
        SVG_OF_DOT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String svgFile = entry.getValue();
            Optional<String> dot = read(entry.getKey());
            Optional<String> svg = read(svgFile);
            if (svg.isEmpty()) {
                problems.add(svgFile + " is missing: run " + COMMAND);
            } else if (dot.isPresent() && !svg.get().contains(svgMark(dot.get()))) {
                problems.add(svgFile + " was not rendered from the committed " + entry.getKey() + ": run " + COMMAND
                        + "\n  expected the comment <!-- " + hashComment(dot.get()) + " -->, found "
                        + foundHash(svg.get()));
            }
        });
        return problems;
    }

    /**
     * Writes the generated texts whose files differ, and renders each SVG whose hash is not that of its DOT
     * (an SVG whose DOT did not change is left alone, so that another Graphviz version does not rewrite it).
     *
     * @return the files written
     */
    static List<String> write(Map<String, String> generated) throws IOException {
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> entry : generated.entrySet()) {
            if (!read(entry.getKey()).equals(Optional.of(entry.getValue()))) {
                Path path = TestDatabases.projectFile(entry.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, entry.getValue(), StandardCharsets.UTF_8);
                written.add(entry.getKey());
            }
        }
        for (Map.Entry<String, String> entry : SVG_OF_DOT.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            String dot = read(entry.getKey()).orElseThrow();
            if (!read(entry.getValue()).map(svg -> svg.contains(svgMark(dot))).orElse(false)) {
                render(entry.getKey(), dot, entry.getValue());
                written.add(entry.getValue());
            }
        }
        return written;
    }

    private static void render(String dotFile, String dot, String svgFile) throws IOException {
        String executable = findDot().orElseThrow(() -> new IllegalStateException("Graphviz's dot is not on the PATH,"
                + " it is needed to render " + svgFile + ": install it (sudo apt-get install graphviz) and run "
                + COMMAND + " again"));
        List<String> command = List.of(executable, "-Tsvg", "-Gcomment=" + hashComment(dot),
                "-o", TestDatabases.projectFile(svgFile).toString(), TestDatabases.projectFile(dotFile).toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running dot", e);
        }
    }

    private static Optional<String> findDot() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "dot");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The graph comment given to dot: {@code sha256:<hex of the DOT text's UTF-8 bytes>}. */
    static String hashComment(String dot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dot.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How dot writes the graph comment into the SVG. */
    static String svgMark(String dot) {
        return "<!-- " + hashComment(dot) + " -->";
    }

    private static String foundHash(String svg) {
        int at = svg.indexOf("<!-- sha256:");
        return at < 0 ? "no sha256 comment" : svg.substring(at, Math.min(svg.length(), svg.indexOf("-->", at) + 3));
    }

    private static Optional<String> read(String file) {
        Path path = TestDatabases.projectFile(file);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The first differing line of two texts and a few lines after it, each side. */
    static String firstDifference(String left, String right, String leftName, String rightName) {
        String[] a = left.split("\n", -1);
        String[] b = right.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        StringBuilder excerpt = new StringBuilder("  first difference at line " + (line + 1) + ":\n");
        excerpt(excerpt, "  - " + leftName + ": ", a, line);
        excerpt(excerpt, "  + " + rightName + ": ", b, line);
        return excerpt.toString().stripTrailing();
    }

    private static void excerpt(StringBuilder out, String prefix, String[] lines, int from) {
        String blank = " ".repeat(prefix.length());
        if (from >= lines.length) {
            out.append(prefix).append("(end of file)\n");
            return;
        }
        for (int i = from; i < Math.min(lines.length, from + EXCERPT_LINES); i++) {
            String line = lines[i].length() > EXCERPT_WIDTH ? lines[i].substring(0, EXCERPT_WIDTH) + "…" : lines[i];
            out.append(i == from ? prefix : blank).append(line).append('\n');
        }
    }
}
