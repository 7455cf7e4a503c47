package org.pacificclimate.crmp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Migrations.Plan;

/** {@code alembic upgrade}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply every revision up to REVISION not yet applied, each in its own transaction.")
final class UpgradeCommand extends PlanCommand {

    @Parameters(paramLabel = "REVISION", description = "head, a revision id or a unique prefix of one (at least 4 "
            + "characters), +N (N revisions up from the current one), <rev>+N; with --sql, START:END")
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
    Plan plan(Migrations migrations, String revision) throws MigrationException {
        return migrations.planUpgrade(revision);
    }

    @Override
    String doing(Plan plan) {
        return "Upgrading";
    }

    @Override
    String done(Plan plan) {
        return "applied";
    }
}
