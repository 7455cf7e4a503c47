package org.pacificclimate.crmp.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The maintainer's {@code mvn}, run in a subprocess on this project, as a maintainer would type it.
 *
 * <p>The subprocess only runs plugin goals ({@code liquibase:...}), no lifecycle phase: it neither compiles nor
 * writes {@code target/}, it reads {@code target/classes} (the project's Liquibase extension), which the
 * enclosing build has made before its test phase. So it can run inside surefire on the same project directory.
 * It uses the enclosing build's offline mode and local repository (passed by the pom's surefire configuration
 * as {@value #OFFLINE_PROPERTY} ({@code offline=true|false}) and {@value #REPOSITORY_PROPERTY}), and does not inherit the parameters
 * {@code PYCDS_SCHEMA_NAME}, {@code PYCDS_SU_ROLE_NAME} or extra Maven arguments ({@code MAVEN_ARGS}) from the
 * environment of the test run: a test sets what it means to test.
 */
final class MavenCommand {

    static final String OFFLINE_PROPERTY = "crmp.test.maven.offline";
    static final String REPOSITORY_PROPERTY = "crmp.test.maven.repoLocal";
    private static final List<String> NOT_INHERITED = List.of("PYCDS_SCHEMA_NAME", "PYCDS_SU_ROLE_NAME", "MAVEN_ARGS");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path mvn;
    private final Path project;
    private final Map<String, String> environment;

    private MavenCommand(Path mvn, Path project, Map<String, String> environment) {
        this.mvn = mvn;
        this.project = project;
        this.environment = environment;
    }

    /** {@code mvn} from the PATH, on the project in {@code project}; fails with what to do when there is none. */
    static MavenCommand onProject(Path project) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        NOT_INHERITED.forEach(environment::remove);
        return new MavenCommand(locate(System.getenv("PATH")), project, environment);
    }

    /** The same command with one more environment variable for the subprocess. */
    MavenCommand withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new MavenCommand(mvn, project, more);
    }

    /**
     * @param path a PATH value
     * @return the first executable {@code mvn} on it
     * @throws IllegalStateException saying that Maven is needed and where it was looked for
     */
    static Path locate(String path) {
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, "mvn");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No 'mvn' on the PATH (" + path + "). The Maven goal tests run the "
                + "maintainer's commands (mvn liquibase:update ...) in a subprocess: install Maven 3.8+ "
                + "(apt-get install maven) or put its bin directory on the PATH.");
    }

    /** Runs {@code mvn -B -q [-o] [-Dmaven.repo.local=...] -f <project>/pom.xml <arguments>} and waits for it. */
    Result run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-q"));
        if ("offline=true".equals(System.getProperty(OFFLINE_PROPERTY))) {
            command.add("-o");
        }
        String repository = System.getProperty(REPOSITORY_PROPERTY);
        if (repository != null && !repository.isBlank() && !repository.startsWith("${")) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.add("-f");
        command.add(project.resolve("pom.xml").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            Result result = new Result(command, process.exitValue(), output.join(),
                    Duration.ofNanos(System.nanoTime() - start));
            System.out.printf("[MavenGoalsTest] %s: exit %d after %.1f s%n", String.join(" ", command),
                    result.exitCode(), result.elapsed().toMillis() / 1000.0);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run gave: its exit code and its standard output and error, interleaved, exactly as printed. */
    record Result(List<String> command, int exitCode, String output, Duration elapsed) {
        /** For assertion messages. */
        String describe() {
            return String.join(" ", command) + "\nexited " + exitCode + ", output:\n" + output;
        }
    }
}
