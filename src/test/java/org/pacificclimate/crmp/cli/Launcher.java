package org.pacificclimate.crmp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The launcher run in this JVM as {@code ./crmp} runs it, with its surroundings injected: an environment of the
 * test's choosing (nothing inherited: no PYCDS_* or PG* variable of the test run leaks in; HOME is the project
 * directory, so no ~/.pgpass is read), standard output and error captured, and a project directory (label files
 * under {@code environments/}, new revisions under {@code changelog/}).
 */
final class Launcher {

    private final Path project;
    private final Map<String, String> environment;
    private final Optional<Path> changelogsFrom;

    private Launcher(Path project, Map<String, String> environment, Optional<Path> changelogsFrom) {
        this.project = project;
        this.environment = environment;
        this.changelogsFrom = changelogsFrom;
    }

    /** The launcher of the repository itself (its labels), reading the packaged changelogs. */
    static Launcher ofRepository() {
        Path project = TestDatabases.projectFile(".").normalize();
        return new Launcher(project, Map.of("HOME", project.toString()), Optional.empty());
    }

    /**
     * A scratch project in {@code directory}: a copy of the repository's {@code changelog/} (which the migrations
     * read, and where {@code revision} writes) and an empty {@code environments/}.
     */
    static Launcher inScratchProject(Path directory) {
        copy(TestDatabases.projectFile("changelog"), directory.resolve("changelog"));
        try {
            Files.createDirectories(directory.resolve("environments"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Launcher(directory, Map.of("HOME", directory.toString()), Optional.of(directory));
    }

    /** A launcher whose project directory is {@code directory} as it is (which may hold nothing). */
    static Launcher inDirectory(Path directory) {
        return new Launcher(directory, Map.of("HOME", directory.toString()), Optional.empty());
    }

    /** The same launcher with one more environment variable. */
    Launcher with(String variable, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(variable, value);
        return new Launcher(project, more, changelogsFrom);
    }

    /** Adds {@code environments/<label>.properties} for {@code db} (login role: the test's migration user). */
    Launcher label(String label, TestDatabase db) {
        return label(label, "url=" + db.jdbcUrl() + "\nusername=" + TestDatabases.MIGRATION_USER + "\n");
    }

    Launcher label(String label, String properties) {
        try {
            Files.createDirectories(project.resolve("environments"));
            Files.writeString(project.resolve("environments").resolve(label + ".properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path project() {
        return project;
    }

    /** {@code -x url=<db> -x user=tester}: the database given on the command line, without a label. */
    static String[] on(TestDatabase db, String... arguments) {
        String[] all = new String[arguments.length + 4];
        all[0] = "-x";
        all[1] = "url=" + db.jdbcUrl();
        all[2] = "-x";
        all[3] = "user=" + TestDatabases.MIGRATION_USER;
        System.arraycopy(arguments, 0, all, 4, arguments.length);
        return all;
    }

    Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Launch launch = new Launch(environment, new PrintWriter(out, true), new PrintWriter(err, true), project,
                changelogsFrom);
        long start = System.nanoTime();
        int code = Crmp.run(launch, arguments);
        Result result = new Result(List.of(arguments), code, out.toString(), err.toString());
        System.out.printf("[launcher] crmp %s: exit %d after %.1f s%n", String.join(" ", arguments), code,
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** What a run gave. */
    record Result(List<String> arguments, int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String describe() {
            return "crmp " + String.join(" ", arguments) + "\nexit " + exitCode + "\n--- stdout\n" + out
                    + "--- stderr\n" + err;
        }
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] args(String line) {
        return Arrays.stream(line.trim().split("\\s+")).toArray(String[]::new);
    }
}
