package org.pacificclimate.crmp.liquibase.objects;

import java.util.Set;

import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommandScope;

/**
 * A step added to Liquibase's comparing commands (diff, diffChangelog, generateChangelog, snapshot,
 * snapshotReference) that, before they start, brings Liquibase's default snapshot types in line with the opt-in
 * ({@link ObjectTypes#refreshStandardTypes()}). It defines no command and does nothing else; without the opt-in in a
 * JVM that never opted in, nothing at all.
 */
public class ObjectTypesCommandStep extends AbstractCommandStep {

    private static final Set<String> COMMANDS = Set.of("diff", "diffChangelog", "generateChangelog", "snapshot",
            "snapshotReference");

    @Override
    public String[][] defineCommandNames() {
        return null;
    }

    @Override
    public int getOrder(CommandDefinition commandDefinition) {
        return COMMANDS.contains(String.join(" ", commandDefinition.getName())) ? ORDER_DEFAULT : ORDER_NOT_APPLICABLE;
    }

    @Override
    public void validate(CommandScope scope) {
        ObjectTypes.refreshStandardTypes();
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) {
        // everything happens in validate(), before the pipeline runs
    }
}
