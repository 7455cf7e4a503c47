package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;

/** {@code alembic current}. */
@Command(name = "current", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the database's current revision: its id, its message, (head) when it is the head; "
                + "'base' when no revision is applied.",
            "A revision these changelogs do not have is printed with '(not in these changelogs)'.",
            "--all: every label's database in one table."})
final class CurrentCommand extends DatabaseCommand {

    @Option(names = {"-v", "--verbose"}, description = "Also print the revision's changelog file.")
    boolean verbose;

    @Option(names = {"-a", "--all"}, description = "Every label's database (environments/*.properties), read in "
            + "parallel: one row each with its schema, current revision and the number of revisions pending; a "
            + "database that cannot be read says why in its row, and the exit code is that of the first such row.")
    boolean all;

    @Override
    public Integer call() throws SQLException, MigrationException, InterruptedException {
        if (all) {
            return new Fleet(this).run();
        }
        Settings settings = settings();
        try (Connection connection = connect(settings)) {
            Migrations migrations = migrations(connection, settings);
            Optional<String> current = migrations.current();
            if (current.isEmpty()) {
                out().println(line(Optional.empty()));
                return ExitCode.OK;
            }
            Optional<Revision> revision = chain().find(current.get());
            if (revision.isEmpty()) {
                out().println(current.get() + "  (not in these changelogs)");
                return ExitCode.OK;
            }
            out().println(line(revision.get()) + (verbose ? "  changelog/" + revision.get().file() : ""));
            return ExitCode.OK;
        }
    }
}
