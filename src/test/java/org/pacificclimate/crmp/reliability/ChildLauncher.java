package org.pacificclimate.crmp.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The launcher in a JVM of its own, as {@code ./crmp} runs it ({@code java -jar target/crmp-schema.jar}, which
 * {@code mvn package} made before this tier), so that a test can kill it with SIGKILL at a point of its choosing. Its
 * environment has no {@code PYCDS_*} or {@code PG*} variable of the test run and a HOME of its own; standard output and
 * error go to files.
 */
final class ChildLauncher {

    private static final Duration LONGEST_RUN = Duration.ofMinutes(3);

    private final Path directory;

    ChildLauncher(Path directory) {
        this.directory = directory;
    }

    /** Starts {@code crmp -x url=<db> -x user=tester <arguments>}. */
    Child start(TestDatabase db, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-Dcrmp.project=" + TestDatabases.projectFile("."), "-jar", jar().toString(),
                "-x", "url=" + db.jdbcUrl(), "-x", "user=" + TestDatabases.MIGRATION_USER));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(directory, "crmp-", ".out");
            Path err = Files.createTempFile(directory, "crmp-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("PYCDS_") || k.startsWith("PG"));
            builder.environment().put("HOME", directory.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            return new Child(String.join(" ", arguments), process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs it to the end. */
    Result run(TestDatabase db, String... arguments) {
        return start(db, arguments).waitFor();
    }

    private static Path jar() {
        Path jar = TestDatabases.projectFile("target/crmp-schema.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the database tier runs after mvn package");
        }
        return jar;
    }

    /** A launcher running in its own JVM. */
    static final class Child {
        private final String arguments;
        private final Process process;
        private final Path out;
        private final Path err;

        private Child(String arguments, Process process, Path out, Path err) {
            this.arguments = arguments;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL, as {@code kill -9}: no shutdown hook, no finally block, the socket closed by the kernel. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Result waitFor() {
            try {
                if (!process.waitFor(LONGEST_RUN.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("crmp " + arguments + " still ran after " + LONGEST_RUN + ":\n"
                            + read(out) + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(arguments, process.exitValue(), read(out), read(err));
        }

        /** What it printed so far. */
        String output() {
            return read(out) + read(err);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How a run ended. */
    record Result(String arguments, int exitCode, String out, String err) {
        String describe() {
            return "crmp " + arguments + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
