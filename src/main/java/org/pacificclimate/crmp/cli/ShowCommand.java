package org.pacificclimate.crmp.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionSpec;

/** {@code alembic show}. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a revision: id, position, message, parent, child, changelog file. Needs a database only "
                + "for a spec relative to the current revision (-1, current).")
final class ShowCommand extends DatabaseCommand {

    @Parameters(paramLabel = "REVISION", description = "head, a revision id or a unique prefix of one (at least 4 "
            + "characters), <rev>+N, <rev>-N; with a database: current, +N, -N")
    String revision;

    @Override
    public Integer call() throws Exception {
        RevisionChain chain = chain();
        Revision shown;
        if (RevisionSpec.needsCurrent(revision)) {
            check(revision);
            Settings settings = settings();
            try (Connection connection = connect(settings)) {
                int current = migrations(connection, settings).currentRevision().map(Revision::number).orElse(0);
                shown = RevisionSpec.resolveRevision(revision, chain, Optional.of(current));
            }
        } else {
            shown = RevisionSpec.resolveRevision(revision, chain, Optional.empty());
        }
        PrintWriter out = out();
        out.println("Revision: " + shown.id() + (shown.isHead() ? " (head)" : "") + ", " + shown.number() + " of "
                + chain.size());
        out.println("Message:  " + shown.message());
        out.println("Parent:   " + shown.previous().map(r -> r.id() + "  " + r.message()).orElse("base"));
        out.println("Child:    " + shown.next().map(r -> r.id() + "  " + r.message()).orElse("none (head)"));
        out.println("File:     changelog/" + shown.file());
        return ExitCode.OK;
    }
}
