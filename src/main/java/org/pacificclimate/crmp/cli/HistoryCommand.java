package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.HistoryEntry;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionSpec;

/** {@code alembic history}. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the revisions, newest first, one line each: id, applied or pending, message, then "
                + "(head) and (current) where they apply.",
            "With no database chosen (-x db= or -x url=), the state column is '-'."})
final class HistoryCommand extends DatabaseCommand {

    @Option(names = {"-r", "--rev-range"}, paramLabel = "A:B",
            description = "Only the revisions from A to B, both included; either side may be empty (base:head, "
                    + "0d99:, :current, -3:current).")
    String range;

    @Option(names = {"-v", "--verbose"}, description = "Also print each revision's changelog file.")
    boolean verbose;

    @Option(names = {"-i", "--indicate-current"}, description = "Accepted for Alembic's sake: the current revision "
            + "is always indicated.")
    boolean indicateCurrent;

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        RevisionChain chain = chain();
        boolean relative = range != null && java.util.Arrays.stream(range.split(":", -1))
                .anyMatch(RevisionSpec::needsCurrent);
        if (range != null && !relative) {
            RevisionSpec.resolveRange(range, chain, Optional.empty()); // refused before connecting
        }
        if (relative && !chosen(settings)) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "-r " + range + " is relative to the current revision: "
                    + "choose a database (-x db=<label> or -x url=...). Nothing was changed.");
        }
        List<HistoryEntry> entries;
        Optional<Integer> current;
        if (chosen(settings)) {
            try (Connection connection = connect(settings)) {
                Migrations migrations = migrations(connection, settings);
                entries = migrations.history();
                current = Optional.of(migrations.currentRevision().map(Revision::number).orElse(0));
            }
        } else {
            entries = null;
            current = Optional.empty();
        }
        int from = 1;
        int to = chain.size();
        if (range != null) {
            int[] bounds = RevisionSpec.resolveRange(range, chain, current);
            from = Math.max(1, bounds[0]);
            to = bounds[1];
        }
        List<String> lines = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            Revision revision = chain.number(n);
            String state = "-      ";
            String mark = revision.isHead() ? "  (head)" : "";
            if (entries != null) {
                HistoryEntry entry = entries.get(n - 1);
                state = entry.applied() ? "applied" : "pending";
                mark += entry.current() ? "  (current)" : "";
            }
            lines.add(revision.id() + "  " + state + "  " + revision.message() + mark
                    + (verbose ? "  changelog/" + revision.file() : ""));
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            out().println(lines.get(i));
        }
        return ExitCode.OK;
    }
}
