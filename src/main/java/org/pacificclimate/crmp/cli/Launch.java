package org.pacificclimate.crmp.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of the launcher gets from its surroundings, injected so that tests run the commands in-process: the
 * environment ({@code PYCDS_SCHEMA_NAME}, {@code PGPASSWORD}, ...), standard output and error, and the project
 * directory, whose {@code environments/} holds the database labels and whose {@code changelog/} receives new
 * revisions.
 *
 * @param changelogsFrom a project directory whose {@code changelog/} the migrations read instead of the packaged
 *                       changelogs (tests run revisions written to a scratch copy); empty: the packaged ones
 */
public record Launch(Map<String, String> environment, PrintWriter out, PrintWriter err, Path projectDirectory,
                     Optional<Path> changelogsFrom) {

    /** The system property the {@code ./crmp} script sets to the project directory. */
    public static final String PROJECT_PROPERTY = "crmp.project";

    public Launch {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(out);
        Objects.requireNonNull(err);
        projectDirectory = projectDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(changelogsFrom);
    }

    /**
     * This process: its environment, the given standard output and error, the project directory the script names
     * ({@value #PROJECT_PROPERTY}), else the working directory; the packaged changelogs.
     */
    public static Launch ofProcess(PrintStream out, PrintStream err) {
        String project = System.getProperty(PROJECT_PROPERTY);
        return new Launch(System.getenv(), new PrintWriter(out, true), new PrintWriter(err, true),
                Path.of(project == null || project.isBlank() ? "." : project), Optional.empty());
    }

    /** The directory of the label files, {@code environments/<label>.properties}. */
    public Path environmentsDirectory() {
        return projectDirectory.resolve("environments");
    }

    /** The directory holding the master changelog, where {@code revision} writes. */
    public Path changelogDirectory() {
        return projectDirectory.resolve("changelog");
    }
}
