package org.pacificclimate.crmp.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.pacificclimate.crmp.migration.NewRevision;

/**
 * {@code alembic revision -m}. Needs no database. A generator of revisions ({@code --autogenerate}) adds its option
 * here and hands the steps it computes to {@link NewRevision#write}, which writes them in the same conventions.
 */
@Command(name = "revision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a new, empty revision at the end of the chain, in the project's conventions "
                + "(docs/changelog-conventions.md): changelog/revisions/NNN-<new id>-<slug>.yaml, its up-01/down-01 "
                + "steps (which do nothing yet) and the include in the master changelog. Needs no database.",
            "The packaged changelogs are rebuilt by ./crmp on its next run."})
final class RevisionCommand implements Callable<Integer> {

    @ParentCommand
    Crmp crmp;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE",
            description = "What the revision does, one line (its changeset's comment; the file name's slug).")
    String message;

    @Override
    public Integer call() {
        NewRevision.Written written = NewRevision.empty(crmp.launch.changelogDirectory(), message);
        var out = crmp.launch.out();
        out.println("Created revision " + written.revision().id() + " (" + written.revision().number()
                + " of the chain): " + written.revision().message());
        for (String file : written.files()) {
            out.println("  changelog/" + file);
        }
        out.println("  changelog/" + written.master() + " (include appended)");
        return ExitCode.OK;
    }
}
