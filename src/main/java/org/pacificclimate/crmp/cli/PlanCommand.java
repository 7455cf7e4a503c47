package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Consumer;

import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Migrations.Plan;
import org.pacificclimate.crmp.migration.Revision;

/**
 * upgrade, downgrade, stamp: the spec checked before connecting, the plan made by {@link Migrations} and shown
 * (the revisions in the order they will be acted on, with their messages), then carried out with one line per
 * revision as it completes, then where the database is.
 */
abstract class PlanCommand extends DatabaseCommand {

    /** The revision spec the user gave. */
    abstract String revision();

    abstract Plan plan(Migrations migrations, String revision) throws MigrationException;

    /** "Upgrading", "Downgrading", "Stamping". */
    abstract String doing(Plan plan);

    /** "applied", "rolled back", "stamped", for the summary. */
    abstract String done(Plan plan);

    /** {@code --sql} / {@code --output}, for the commands that have them. */
    OfflineOptions offline() {
        return null;
    }

    /** The offline script's direction: {@code true} up (upgrade), {@code false} down (downgrade). */
    boolean up() {
        return true;
    }

    @Override
    public Integer call() throws MigrationException, SQLException {
        Settings settings = settings();
        OfflineOptions offline = offline();
        if (offline != null && (offline.sql || offline.output != null)) {
            if (!offline.sql) {
                throw new CommandFailure(ExitCode.BAD_INPUT, "--output goes with --sql (the script's file). Nothing "
                        + "was changed.");
            }
            return new OfflineRun(this, settings, offline.output).run(revision(), up());
        }
        check(revision());
        try (Connection connection = connect(settings)) {
            Migrations migrations = migrations(connection, settings);
            // A no-op upgrade whose records all agree with the build's index is answered without the lock or
            // Liquibase (a fast start); anything else is planned again under the lock.
            Plan early = plan(migrations, revision());
            if (early.isEmpty() && early.action() == Migrations.Action.UPGRADE
                    && FastPath.recordsAgree(this, connection, settings)) {
                out().println("Nothing to do: " + target(connection, settings) + " is at " + line(early.from()) + ".");
                return ExitCode.OK;
            }
            Consumer<String> notices = line -> err().println("crmp: " + line);
            Migrations noticing = migrations.notices(notices);
            // The plan is made under the migration lock: a run that waited for another sees what that one did.
            try (SchemaLock.Held lock = noticing.lock()) {
                return planAndRun(connection, settings, noticing);
            }
        }
    }

    private int planAndRun(Connection connection, Settings settings, Migrations migrations)
            throws MigrationException, SQLException {
        Plan plan = plan(migrations, revision());
        String target = target(connection, settings);
        if (plan.isEmpty()) {
            if (plan.action() == Migrations.Action.UPGRADE && !FastPath.recordsAgree(this, connection, settings)) {
                // A record the index cannot vouch for: Liquibase decides (it refuses a changed changeset and
                // brings a checksum of an older Liquibase up to date), with nothing to apply.
                migrations.updateTo(plan.to().orElseThrow().id());
            }
            out().println("Nothing to do: " + target + " is at " + line(plan.from()) + ".");
            return ExitCode.OK;
        }
        int count = plan.revisions().size();
        out().println(doing(plan) + " " + target + " from " + id(plan.from()) + " to " + id(plan.to()) + ", "
                + count + (count == 1 ? " revision:" : " revisions:"));
        for (Revision revision : plan.revisions()) {
            out().println("  " + revision.id() + "  " + revision.message());
        }
        out().flush();
        long start = System.nanoTime();
        if (plan.action() == Migrations.Action.UPGRADE || plan.action() == Migrations.Action.DOWNGRADE) {
            try (StepProgress progress = StepProgress.watch(connection, () -> connect(settings), line -> {
                out().println(line);
                out().flush();
            }, warning -> err().println("crmp: warning: " + warning))) {
                migrations.run(plan);
            }
        } else {
            migrations.run(plan);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out().println(String.format(Locale.ROOT, "Done: %d revision%s %s in %.1f s. Now at %s", count,
                count == 1 ? "" : "s", done(plan), seconds, line(migrations.currentRevision())));
        return ExitCode.OK;
    }

    private static String id(java.util.Optional<Revision> revision) {
        return revision.map(Revision::id).orElse("base");
    }
}
