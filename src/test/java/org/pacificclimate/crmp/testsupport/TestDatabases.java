package org.pacificclimate.crmp.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Revision;

/**
 * Databases for tests, each a fresh copy of a template (CREATE DATABASE ... TEMPLATE takes a fraction of a
 * second, a migration from scratch much longer):
 * <ul>
 *   <li>the empty template is made once per run by the project's own {@code scripts/create-database.sh}
 *       (roles, extensions, schemas {@code crmp} and {@code other}), so every test run also tests that script;</li>
 *   <li>a template per revision, migrated in schema {@code crmp} on first use, from the template of the
 *       nearest lower revision already made.</li>
 * </ul>
 */
public final class TestDatabases {

    public static final String MIGRATION_USER = "tester";
    public static final List<String> SCHEMAS = List.of("crmp", "other");
    private static final String EMPTY_TEMPLATE = "crmp_template_empty";

    private static final AtomicInteger counter = new AtomicInteger();
    private static final Map<Integer, String> templates = new HashMap<>();
    private static boolean emptyTemplateReady;

    private TestDatabases() {
    }

    /** A prepared database with empty schemas {@code crmp} and {@code other}. */
    public static TestDatabase empty() {
        return copyOf(emptyTemplate());
    }

    /** A database whose schema {@code crmp} is at {@code revision} (schema {@code other} is empty). */
    public static TestDatabase at(String revision) {
        return copyOf(template(Revision.byId(revision)));
    }

    private static synchronized String emptyTemplate() {
        if (!emptyTemplateReady) {
            TestPostgres server = TestPostgres.get();
            try (Connection admin = server.admin("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + EMPTY_TEMPLATE);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            List<String> command = new ArrayList<>(List.of("bash", projectFile("scripts/create-database.sh").toString(),
                    "--admin", server.adminConninfo(), "--database", EMPTY_TEMPLATE, "--owner", MIGRATION_USER));
            for (String schema : SCHEMAS) {
                command.add("--schema");
                command.add(schema);
            }
            runScript(command, server);
            emptyTemplateReady = true;
        }
        return EMPTY_TEMPLATE;
    }

    private static synchronized String template(Revision revision) {
        String existing = templates.get(revision.number());
        if (existing != null) {
            return existing;
        }
        String base = emptyTemplate();
        for (int n = revision.number() - 1; n >= 1; n--) {
            if (templates.containsKey(n)) {
                base = templates.get(n);
                break;
            }
        }
        String name = "crmp_template_" + revision.number() + "_" + revision.id();
        createDatabase(name, base);
        try (Connection connection = TestPostgres.get().connect(name, MIGRATION_USER)) {
            Migrations.on(connection).withoutEnvironment().schema("crmp").updateTo(revision.id());
        } catch (Exception e) {
            throw new IllegalStateException("Could not migrate a template to " + revision + ": " + e.getMessage(), e);
        }
        templates.put(revision.number(), name);
        return name;
    }

    /**
     * A fresh copy of {@code template}, a database a test prepared once (e.g. two schemas at head) and copies for each
     * case; the template's connections are closed first (PostgreSQL copies only a database nobody is connected to).
     */
    public static TestDatabase copyOf(TestDatabase template) {
        template.closeConnections();
        return copyOf(template.name());
    }

    private static TestDatabase copyOf(String template) {
        String name = "crmp_test_" + counter.incrementAndGet();
        createDatabase(name, template);
        return new TestDatabase(name);
    }

    private static void createDatabase(String name, String template) {
        try (Connection admin = TestPostgres.get().admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " OWNER " + MIGRATION_USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    static void drop(String name) {
        try (Connection admin = TestPostgres.get().admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A login role that must give {@code password} on the private cluster (a member of
     * {@link TestPostgres#PASSWORD_GROUP}), and may do what the migration user does (a member of it).
     */
    public static synchronized String passwordRole(String name, String password) {
        emptyTemplate(); // makes the migration user
        try (Connection admin = TestPostgres.get().admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                    + TestPostgres.PASSWORD_GROUP + "') THEN CREATE ROLE " + TestPostgres.PASSWORD_GROUP + " NOLOGIN;"
                    + " END IF; END $$");
            statement.execute("DROP ROLE IF EXISTS " + name);
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "' IN ROLE "
                    + TestPostgres.PASSWORD_GROUP + ", " + MIGRATION_USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public static Path projectFile(String relative) {
        return Path.of(System.getProperty("basedir", ".")).resolve(relative).toAbsolutePath();
    }

    static String runScript(List<String> command, TestPostgres server) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(server.clientEnvironment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + status + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
