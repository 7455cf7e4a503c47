package org.pacificclimate.crmp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Migrations.Plan;

/** {@code alembic stamp}. */
@Command(name = "stamp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record the database as being at REVISION without running anything.",
            "Up: the revisions up to REVISION are recorded as applied. Down: the records of the revisions after "
                    + "REVISION are removed, in one transaction."})
final class StampCommand extends PlanCommand {

    @Parameters(paramLabel = "REVISION", description = "head, base, a revision id or a unique prefix of one (at "
            + "least 4 characters), +N, -N, <rev>+N, <rev>-N")
    String revision;

    @Override
    String revision() {
        return revision;
    }

    @Override
    Plan plan(Migrations migrations, String revision) throws MigrationException {
        return migrations.planStamp(revision);
    }

    @Override
    String doing(Plan plan) {
        return plan.goesDown() ? "Stamping down (removing records, running nothing)"
                : "Stamping (recording, running nothing)";
    }

    @Override
    String done(Plan plan) {
        return plan.goesDown() ? "unstamped" : "stamped";
    }
}
