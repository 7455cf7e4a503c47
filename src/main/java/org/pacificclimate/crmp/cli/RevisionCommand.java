package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.SQLException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ModelReference;
import org.pacificclimate.crmp.migration.NewRevision;

/**
 * {@code alembic revision -m} and {@code alembic revision --autogenerate -m}: a new revision at the end of the chain.
 * Without {@code --autogenerate} it is empty and needs no database; with it, it holds what the model
 * ({@code org.pacificclimate.crmp.model}) has that the database does not (docs/autogenerate.md).
 */
@Command(name = "revision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a new revision at the end of the chain, in the project's conventions "
                + "(docs/changelog-conventions.md): changelog/revisions/NNN-<new id>-<slug>.yaml, its steps and the "
                + "include in the master changelog.",
            "Without --autogenerate the revision is empty (up-01/down-01 steps that do nothing yet) and no database is "
                + "needed. With --autogenerate it compares the model with the chosen database, which must be at a "
                + "revision of the chain (usually head), and writes the differences with their exact rollback; what "
                + "it cannot decide (data migrations, renames, NOT NULL on columns holding NULLs, narrowing types) is "
                + "written as TODO comments and printed. No difference: nothing is written.",
            "The packaged changelogs are rebuilt by ./crmp on its next run."})
final class RevisionCommand extends DatabaseCommand {

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE",
            description = "What the revision does, one line (its changeset's comment; the file name's slug).")
    String message;

    @Option(names = "--autogenerate",
            description = "Fill the revision with the differences between the model and the database.")
    boolean autogenerate;

    @Override
    public Integer call() throws SQLException {
        if (autogenerate) {
            return autogenerate();
        }
        NewRevision.Written written = NewRevision.empty(crmp.launch.changelogDirectory(), message);
        out().println("Created revision " + written.revision().id() + " (" + written.revision().number()
                + " of the chain): " + written.revision().message());
        for (String file : written.files()) {
            out().println("  changelog/" + file);
        }
        out().println("  changelog/" + written.master() + " (include appended)");
        return ExitCode.OK;
    }

    private int autogenerate() throws SQLException {
        if (message == null || message.isBlank()) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "A revision needs a message (-m \"...\"). Nothing was changed.");
        }
        Settings settings = settings();
        try (Connection connection = connect(settings)) {
            out().println("Comparing the model with " + target(connection, settings) + " ...");
            Autogenerate.Result result;
            try {
                result = new Autogenerate(connection, settings.schemaName(), settings.suRoleName(),
                        crmp.launch.changelogDirectory(), new ModelReference()).generate(message);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCode.BAD_INPUT, e.getMessage());
            }
            if (result.written().isEmpty()) {
                out().println("No changes in schema detected: nothing written.");
                return ExitCode.OK;
            }
            result.plan().differences().forEach(d -> out().println("  " + d));
            var written = result.written().get();
            out().println("Generated revision " + result.id() + ": changelog/" + written.revisionFile());
            for (String file : written.files()) {
                if (!file.equals(written.revisionFile())) {
                    out().println("  changelog/" + file);
                }
            }
            written.renamedDrafts().forEach(r -> out().println("  renamed " + r + " (and in the model's registry)"));
            for (String todo : result.plan().todos()) {
                out().println("TODO: " + todo);
            }
            out().println("Review it, then test it: upgrade, downgrade -1, upgrade (docs/autogenerate.md).");
            return ExitCode.OK;
        }
    }
}
