package org.pacificclimate.crmp.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.pacificclimate.crmp.migration.Revision;

/** {@code alembic heads}: the chain has one head. Needs no database. */
@Command(name = "heads", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the head revision of the changelogs (the chain has one head). Needs no database.")
final class HeadsCommand implements Callable<Integer> {

    @ParentCommand
    Crmp crmp;

    @Option(names = {"-v", "--verbose"}, description = "Also print the revision's changelog file.")
    boolean verbose;

    @Override
    public Integer call() {
        Revision head = crmp.chain().head();
        crmp.launch.out().println(DatabaseCommand.line(head) + (verbose ? "  changelog/" + head.file() : ""));
        return ExitCode.OK;
    }
}
