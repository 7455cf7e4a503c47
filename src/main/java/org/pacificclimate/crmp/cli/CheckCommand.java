package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import picocli.CommandLine.Command;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ModelReference;

/** {@code alembic check}: whether the model and the database differ; nothing is written or changed. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare the model (org.pacificclimate.crmp.model) with the chosen database and print every "
                + "difference; exit " + ExitCode.DIFFERENT + " when there is one, 0 when there is none. Nothing is "
                + "written or changed.",
            "A database at head that the changelogs built has no difference: one that shows is a change the "
                + "changelogs and the model do not share (revision --autogenerate writes the revision for it)."})
final class CheckCommand extends DatabaseCommand {

    @Override
    public Integer call() throws SQLException {
        Settings settings = settings();
        try (Connection connection = connect(settings)) {
            List<String> differences;
            try {
                differences = new Autogenerate(connection, settings.schemaName(), settings.suRoleName(),
                        crmp.launch.changelogDirectory(), new ModelReference()).diff("000000000000").differences();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCode.BAD_INPUT, e.getMessage());
            }
            if (differences.isEmpty()) {
                out().println("No differences between the model and " + target(connection, settings) + ".");
                return ExitCode.OK;
            }
            out().println(differences.size() + " difference" + (differences.size() == 1 ? "" : "s")
                    + " between the model and " + target(connection, settings) + ":");
            differences.forEach(d -> out().println("  " + d));
            err().println("crmp: the model and the database differ (revision --autogenerate -m \"...\" writes the "
                    + "revision).");
            return ExitCode.DIFFERENT;
        }
    }
}
