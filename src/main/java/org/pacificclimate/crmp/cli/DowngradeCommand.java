package org.pacificclimate.crmp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Migrations.Plan;

/** {@code alembic downgrade}. */
@Command(name = "downgrade", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Roll back every applied revision after REVISION, newest first, each in its own transaction.")
final class DowngradeCommand extends PlanCommand {

    @Parameters(paramLabel = "REVISION", description = "a revision id or a unique prefix of one (at least 4 "
            + "characters), -N (N revisions down from the current one), <rev>-N, base (every revision); with --sql, START:END")
    String revision;

    @Mixin
    OfflineOptions offline;

    @Override
    String revision() {
        return revision;
    }

    @Override
    OfflineOptions offline() {
        return offline;
    }

    @Override
    boolean up() {
        return false;
    }

    @Override
    Plan plan(Migrations migrations, String revision) throws MigrationException {
        return migrations.planDowngrade(revision);
    }

    @Override
    String doing(Plan plan) {
        return "Downgrading";
    }

    @Override
    String done(Plan plan) {
        return "rolled back";
    }
}
