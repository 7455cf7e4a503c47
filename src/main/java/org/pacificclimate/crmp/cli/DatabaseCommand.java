package org.pacificclimate.crmp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.ParentCommand;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.Connector;
import org.pacificclimate.crmp.config.JdbcUrl;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionSpec;

/**
 * A command that works on a database: the settings resolved through {@link ConfigResolver} from {@code -x}, the
 * environment and the label file; the connection opened by {@link Connector} (passwords as libpq finds them); the
 * work done by {@link Migrations}.
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @ParentCommand
    Crmp crmp;

    /** The settings of this run; bad input (an unknown label, a bad name) is refused here. */
    Settings settings() {
        Crmp.Extras extras = crmp.extras();
        ConfigResolver resolver = new ConfigResolver(extras.values(), crmp.launch.environment(),
                crmp.launch.environmentsDirectory());
        return resolver.resolve(extras.labels(), Set.of());
    }

    /** Whether a database was chosen ({@code -x db=} or {@code -x url=}). */
    static boolean chosen(Settings settings) {
        return settings.url().isPresent();
    }

    /** The connection to the chosen database; exit code 3 when it cannot be had. */
    Connection connect(Settings settings) {
        if (!chosen(settings)) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "No database chosen: give -x db=<label> (labels: "
                    + String.join(", ", new ConfigResolver(Map.of(), Map.of(), crmp.launch.environmentsDirectory())
                    .labels()) + "; environments/<label>.properties) or "
                    + "-x url=jdbc:postgresql://HOST:PORT/DB -x user=USER. Nothing was changed.");
        }
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "crmp");
        try {
            return Connector.open(new org.postgresql.Driver(), settings.url().get(), properties, settings,
                    crmp.launch.environment(), warning -> err().println("crmp: warning: " + warning), null);
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.UNREACHABLE, e.getMessage());
        }
    }

    Migrations migrations(Connection connection, Settings settings) throws MigrationException {
        Migrations migrations = Migrations.on(connection).using(settings).output(out()::println);
        Optional<Path> from = crmp.launch.changelogsFrom();
        return from.isPresent() ? migrations.changelogsFrom(from.get()) : migrations;
    }

    /** Refuses a revision spec that names no revision of the chain, before connecting. */
    void check(String spec) {
        RevisionSpec.check(spec, crmp.chain());
    }

    RevisionChain chain() {
        return crmp.chain();
    }

    PrintWriter out() {
        return crmp.launch.out();
    }

    PrintWriter err() {
        return crmp.launch.err();
    }

    /** "schema crmp of tester@localhost:30599/pycds_test", for people. */
    static String target(Connection connection, Settings settings) {
        String where;
        try {
            where = connection.getMetaData().getUserName() + "@" + JdbcUrl.parse(settings.url().orElseThrow());
        } catch (SQLException | RuntimeException e) {
            where = settings.url().orElse("?");
        }
        return "schema " + settings.schemaName() + " of " + where;
    }

    /** {@code 0d99ba90c229  Create missing indexes}, with {@code  (head)} for the head; {@code base} for none. */
    static String line(Optional<Revision> revision) {
        return revision.map(DatabaseCommand::line).orElse("base  (no revision applied)");
    }

    static String line(Revision revision) {
        return revision.id() + "  " + revision.message() + (revision.isHead() ? "  (head)" : "");
    }
}
