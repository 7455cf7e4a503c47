package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Migrations.Plan;
import org.pacificclimate.crmp.migration.Revision;

/**
 * Adopting a database that PyCDS's Alembic migrated: its revision read from {@code alembic_version} in the target
 * schema, its catalog checked against the one PyCDS builds at that revision ({@link ReferenceCatalogs}), then the
 * revisions up to it recorded in Liquibase's changelog table without running them (Liquibase's
 * {@code changelogSyncToTag}, through {@link Migrations}). {@code alembic_version} stays, so that {@code --undo} knows
 * which records adoption made.
 */
@Command(name = "adopt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Take over a database that PyCDS's Alembic migrated: read its revision from alembic_version in "
                + "the schema, check that the schema is exactly what PyCDS builds at that revision (else list the "
                + "differences and change nothing, exit 1), then record the revisions up to it as applied without "
                + "running them. upgrade and downgrade go on from there; alembic_version is kept.",
            "--undo removes those records again (while the database is still at Alembic's revision)."})
final class AdoptCommand extends DatabaseCommand {

    @Option(names = "--undo", description = "Remove the records adoption made (the schema's objects stay).")
    boolean undo;

    @Override
    public Integer call() throws SQLException, MigrationException {
        Settings settings = settings();
        try (Connection connection = connect(settings)) {
            String target = target(connection, settings);
            Revision alembic = alembicRevision(connection, settings.schemaName(), target);
            Migrations migrations = migrations(connection, settings);
            Optional<Revision> current = migrations.currentRevision();
            return undo ? undo(migrations, target, alembic, current)
                    : adopt(connection, settings, migrations, target, alembic, current);
        }
    }

    private int adopt(Connection connection, Settings settings, Migrations migrations, String target,
                      Revision alembic, Optional<Revision> current) throws SQLException, MigrationException {
        if (current.isPresent()) {
            if (current.get().equals(alembic)) {
                out().println("Nothing to do: " + target + " is adopted already, at " + line(alembic) + ".");
                return ExitCode.OK;
            }
            throw new CommandFailure(ExitCode.FAILED, "Not adopted: these changelogs record " + target + " at "
                    + current.get().id() + ", but its alembic_version says " + alembic.id() + ". Nothing was changed.");
        }
        List<String> differences = ReferenceCatalogs.differences(ReferenceCatalogs.after(alembic,
                settings.schemaName()), CatalogDumper.dump(connection, settings.schemaName()));
        if (!differences.isEmpty()) {
            long objects = differences.stream().map(AdoptCommand::object).distinct().count();
            out().println(differences.size() + " difference" + (differences.size() == 1 ? "" : "s") + " ('-' "
                    + "revision " + alembic.id() + " as PyCDS builds it, '+' the database) in " + objects + " object"
                    + (objects == 1 ? "" : "s") + " of " + target + ":");
            differences.forEach(d -> out().println("  " + d));
            throw new CommandFailure(ExitCode.FAILED, "Not adopted: " + target + " is not exactly revision "
                    + alembic.id() + " (" + alembic.message() + ") as PyCDS builds it (differences above). Nothing "
                    + "was changed.");
        }
        Plan plan = migrations.planStamp(alembic.id());
        int count = plan.revisions().size();
        out().println("Adopting " + target + " at " + alembic.id() + " (its alembic_version; the schema is exactly "
                + "that revision): recording " + count + " revision" + (count == 1 ? "" : "s")
                + " as applied, running nothing.");
        out().flush();
        migrations.run(plan);
        out().println("Done: " + target + " is at " + line(migrations.currentRevision()) + ". upgrade and downgrade "
                + "go on from here; alembic_version is kept (adopt --undo removes these records).");
        return ExitCode.OK;
    }

    private int undo(Migrations migrations, String target, Revision alembic, Optional<Revision> current)
            throws MigrationException {
        if (current.isEmpty()) {
            out().println("Nothing to do: these changelogs record no revision in " + target + ".");
            return ExitCode.OK;
        }
        if (!current.get().equals(alembic)) {
            throw new CommandFailure(ExitCode.BAD_INPUT, target + " is at " + current.get().id() + ", not at its "
                    + "alembic_version " + alembic.id() + ": it moved since adoption, and removing the records would "
                    + "leave it recorded nowhere. Downgrade to " + alembic.id() + " first. Nothing was changed.");
        }
        Plan plan = migrations.planStamp("base");
        int count = plan.revisions().size();
        out().println("Undoing the adoption of " + target + ": removing the records of " + count + " revision"
                + (count == 1 ? "" : "s") + ", running nothing.");
        out().flush();
        migrations.run(plan);
        out().println("Done: these changelogs record no revision in " + target + "; alembic_version says "
                + alembic.id() + ", as before adoption.");
        return ExitCode.OK;
    }

    /** The one revision of the schema's {@code alembic_version}; refused when there is none, several or an unknown one. */
    private Revision alembicRevision(Connection connection, String schema, String target) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(quote_ident(?) || "
                + "'.alembic_version') IS NOT NULL")) {
            exists.setString(1, schema);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new CommandFailure(ExitCode.FAILED, target + " has no alembic_version table: Alembic did not "
                            + "migrate it, there is nothing to adopt (upgrade migrates an empty schema). Nothing was "
                            + "changed.");
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT version_num FROM " + schema
                + ".alembic_version ORDER BY 1");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        if (versions.size() != 1) {
            throw new CommandFailure(ExitCode.FAILED, schema + ".alembic_version of " + target + " holds "
                    + (versions.isEmpty() ? "no revision" : versions.size() + " revisions (" + String.join(", ", versions)
                    + ")") + ", not one: nothing to adopt. Nothing was changed.");
        }
        return chain().find(versions.get(0)).orElseThrow(() -> new CommandFailure(ExitCode.FAILED, target
                + " is at Alembic revision " + versions.get(0) + ", which these changelogs do not have (they run "
                + chain().base().id() + " … " + chain().head().id() + "). Nothing was changed."));
    }

    /** The object a difference line is about: its path up to the second dot ("- tables.meta_contact.columns..."). */
    private static String object(String difference) {
        String path = difference.substring(2);
        int first = path.indexOf('.');
        int second = first < 0 ? -1 : path.indexOf('.', first + 1);
        int end = second < 0 ? path.indexOf(':') : second;
        return end < 0 ? path : path.substring(0, end);
    }
}
