package org.pacificclimate.crmp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An offline script run by {@code psql} as the migrating role, stopping at the first error, as the docs say. */
public final class PsqlScript {

    /** What psql said (standard output and error together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private PsqlScript() {
    }

    /** Runs {@code script} on {@code db}, as one transaction ({@code --single-transaction}) or statement by statement. */
    public static Result run(TestDatabase db, Path script, boolean singleTransaction)
            throws IOException, InterruptedException {
        TestPostgres server = TestPostgres.get();
        db.closeConnections();
        List<String> command = new ArrayList<>(List.of(executable(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        if (singleTransaction) {
            command.add("--single-transaction");
        }
        command.addAll(List.of("-f", script.toString(), "host=" + server.host() + " port=" + server.port() + " user="
                + TestDatabases.MIGRATION_USER + " dbname=" + db.name()));
        ProcessBuilder psql = new ProcessBuilder(command).redirectErrorStream(true);
        psql.environment().putAll(server.clientEnvironment());
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String executable() {
        Path local = Path.of("/usr/lib/postgresql/15/bin/psql");
        return Files.isExecutable(local) ? local.toString() : "psql";
    }
}
