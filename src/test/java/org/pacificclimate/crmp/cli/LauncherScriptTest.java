package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * {@code ./crmp} itself, in a subprocess started from another directory: the script finds the project, runs the
 * packaged jar with its {@code target/lib} class path (what {@code mvn package}, which runs before this tier, made),
 * prints the plan and one line per revision on standard output, and errors as one line on standard error with their
 * exit code. The in-process tests ({@link LauncherTest}) cover the commands one by one.
 */
class LauncherScriptTest {

    @TempDir
    Path elsewhere;

    @Test
    void theScriptRunsThePackagedLauncher() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            Run upgrade = crmp("-x", "url=" + db.jdbcUrl(), "-x", "user=tester", "upgrade", "4a2f");
            assertEquals(0, upgrade.exitCode, upgrade.describe());
            List<String> lines = upgrade.stdout.lines().toList();
            assertEquals(6, lines.size(), upgrade.describe());
            assertTrue(lines.get(0).startsWith("Upgrading schema crmp of tester@"), upgrade.describe());
            assertTrue(lines.get(3).matches("applied     522eed334c85  Create initial database  \\(\\d+\\.\\d s\\)"),
                    upgrade.describe());
            assertTrue(lines.get(5).matches("Done: 2 revisions applied in \\d+\\.\\d s\\. Now at 4a2f1879293a  "
                    + "Create functions"), upgrade.describe());
            assertEquals(List.of(), unexpectedErrorLines(upgrade), upgrade.describe());
            assertEquals(Optional.of("4a2f1879293a"), db.migrations().current());

            Run current = crmp("-x", "url=" + db.jdbcUrl(), "-x", "user=tester", "current");
            assertEquals(0, current.exitCode, current.describe());
            assertEquals("4a2f1879293a  Create functions\n", current.stdout);

            Run unknown = crmp("-x", "url=" + db.jdbcUrl(), "-x", "user=tester", "upgrade", "0d98");
            assertEquals(2, unknown.exitCode, unknown.describe());
            assertEquals("", unknown.stdout, unknown.describe());
            assertEquals(List.of("crmp: Unknown revision '0d98': no revision id starts with '0d98' (revisions run "
                    + "522eed334c85 … f6d5a4c2e901). Nothing was changed."), unexpectedErrorLines(unknown));

            Run failed = crmp("-x", "url=" + db.jdbcUrl(), "-x", "user=nobody", "current");
            assertEquals(3, failed.exitCode, failed.describe());
            assertFalse(failed.stderr.contains("\tat "), "no stack trace:\n" + failed.describe());
            assertEquals(1, unexpectedErrorLines(failed).size(), failed.describe());
        }
    }

    /** Standard error without the lines of a build the script may have started (a stale jar). */
    private static List<String> unexpectedErrorLines(Run run) {
        return run.stderr.lines().filter(l -> !l.startsWith("crmp: target/crmp-schema.jar is ")
                && !l.equals("crmp: built target/crmp-schema.jar")).toList();
    }

    private Run crmp(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(TestDatabases.projectFile("crmp").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PYCDS_") || k.startsWith("PG"));
        builder.environment().put("HOME", elsewhere.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Run(command, process.exitValue(), stdout.join(), stderr.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
                    + stderr;
        }
    }
}
