package org.pacificclimate.crmp.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * {@code docs/schema/head.sql}: {@code pg_dump --schema-only} of one migrated schema, without Liquibase's tables,
 * made independent of the schema and role names ({@link SchemaNames}) and of the run and the pg_dump minor
 * version:
 * <ul>
 *   <li>everything before pg_dump's first object (the "PostgreSQL database dump" banner, the "Dumped from/by"
 *       version lines, the random key of the {@code restrict} line, the session's {@code SET} lines and
 *       {@code SELECT pg_catalog.set_config('search_path', ...)}) is dropped;</li>
 *   <li>the session settings pg_dump emits between objects ({@code SET default_tablespace},
 *       {@code SET default_table_access_method}) are dropped;</li>
 *   <li>everything from the "PostgreSQL database dump complete" trailer on (the {@code unrestrict} line) is dropped;</li>
 *   <li>a header saying what the file is and how to regenerate it is put first.</li>
 * </ul>
 * The objects themselves, their order and pg_dump's "-- Name: ...; Type: ...; Schema: ...; Owner: ..." lines are
 * kept as pg_dump writes them.
 */
final class SchemaDump {

    /** The local PostgreSQL 15 pg_dump (the README's server packages install it). */
    static final Path PG_DUMP = Path.of("/usr/lib/postgresql/15/bin/pg_dump");
    static final List<String> LIQUIBASE_TABLES = List.of("databasechangelog", "databasechangeloglock");

    private static final List<String> SESSION_SETTINGS = List.of("SET default_tablespace = ",
            "SET default_table_access_method = ");
    private static final String TRAILER = "-- PostgreSQL database dump complete";

    private SchemaDump() {
    }

    /** The raw dump of {@code schema} of {@code database} on the test server, Liquibase's tables left out. */
    static String pgDump(TestPostgres server, String database, String schema) {
        if (!Files.isExecutable(PG_DUMP)) {
            throw new IllegalStateException(PG_DUMP + " not found: install postgresql-client-15"
                    + " (sudo apt-get install postgresql-client-15)");
        }
        List<String> command = new ArrayList<>(List.of(PG_DUMP.toString(), "--schema-only", "--schema=" + schema));
        for (String table : LIQUIBASE_TABLES) {
            command.add("--exclude-table=" + schema + "." + table);
        }
        command.add("--dbname=" + server.adminConninfo() + " dbname=" + database);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(server.clientEnvironment());
            Process process = builder.start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String output = read(process.getInputStream());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                        + errors.join());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + PG_DUMP + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pg_dump", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The extensions installed in the database (they are database-wide: a schema dump leaves them out). */
    static List<String> extensions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT extname FROM pg_catalog.pg_extension ORDER BY extname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The text of {@code head.sql} from a raw dump of a schema at {@code revision}. */
    static String normalise(String rawDump, SchemaNames names, Revision revision, List<String> extensions) {
        List<String> lines = new ArrayList<>(List.of(rawDump.split("\n", -1)));
        int first = firstObject(lines);
        int trailer = trailer(lines);
        List<String> body = new ArrayList<>();
        for (int i = first; i < trailer; i++) {
            String line = lines.get(i);
            if (SESSION_SETTINGS.stream().anyMatch(line::startsWith)) {
                if (i + 1 < trailer && lines.get(i + 1).isEmpty()) {
                    i++; // and the blank line pg_dump writes after it
                }
                continue;
            }
            body.add(line);
        }
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
            body.remove(body.size() - 1);
        }
        StringBuilder text = new StringBuilder(header(revision, extensions));
        for (String line : body) {
            text.append(names.normalise(line)).append('\n');
        }
        return text.toString();
    }

    /** The "--" line opening pg_dump's first "-- Name: ..." entry. */
    private static int firstObject(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("--") && lines.get(i + 1).startsWith("-- Name: ")) {
                return i;
            }
        }
        throw new IllegalStateException("pg_dump's output has no \"-- Name: \" entry: is the schema empty?");
    }

    /** The "--" line opening pg_dump's "PostgreSQL database dump complete" trailer. */
    private static int trailer(List<String> lines) {
        for (int i = lines.size() - 2; i >= 0; i--) {
            if (lines.get(i).equals("--") && lines.get(i + 1).equals(TRAILER)) {
                return i;
            }
        }
        throw new IllegalStateException("pg_dump's output does not end with \"" + TRAILER + "\": was it cut short?");
    }

    private static String header(Revision revision, List<String> extensions) {
        return String.join("\n",
                "--",
                "-- The head schema: what the changelogs build, as pg_dump --schema-only shows it. One schema migrated to",
                "-- the head revision " + revision.id() + " (revision " + revision.number() + ": " + revision.message()
                        + "),",
                "-- without Liquibase's own tables (" + String.join(", ", LIQUIBASE_TABLES) + ").",
                "--",
                "-- GENERATED FILE: do not edit. Regenerate it (and tables.dot/svg, views.dot/svg) with",
                "--     scripts/update-head-schema.sh",
                "-- HeadSchemaFileTest fails when it no longer matches the changelogs.",
                "--",
                "-- Placeholders: " + SchemaNames.SCHEMA_PLACEHOLDER + " the target schema (default crmp), "
                        + SchemaNames.SU_ROLE_PLACEHOLDER + " the elevated role",
                "-- (default pcicdba), " + SchemaNames.MIGRATION_USER_PLACEHOLDER
                        + " the login role that ran the migration. pg_dump's version banners and",
                "-- session settings (SET ...) are left out: this file is for reading and reviewing, not for restoring.",
                "-- The schema itself is made by scripts/create-database.sh. Extensions are database-wide, so not",
                "-- dumped; the database has: " + String.join(", ", extensions) + ".",
                "--",
                "",
                "");
    }
}
