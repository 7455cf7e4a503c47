package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;
import java.util.Map;
import java.util.Set;

import liquibase.Scope;
import liquibase.configuration.ConfigurationDefinition;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.DatabaseObjectFactory;

/**
 * The opt-in of the Liquibase object types of this package, and what they are.
 * <p>
 * Their services are registered for every JVM that carries this jar ({@code META-INF/services}), but they act only
 * on PostgreSQL and only when {@value #KEY} is true, read as Liquibase reads its own settings: a Liquibase
 * {@link Scope} value of that name, the system property {@code -Dcrmp.diff.objects=true}, or the environment variable
 * {@code CRMP_DIFF_OBJECTS=true}. Off (the default), stock Liquibase's snapshots, diffs and generated changelogs are
 * exactly what they are without this jar.
 */
public final class ObjectTypes {

    /** The opt-in's name: a Liquibase scope key, a system property, or (as {@code CRMP_DIFF_OBJECTS}) a variable. */
    public static final String KEY = "crmp.diff.objects";

    /**
     * The opt-in as a Liquibase setting. Built, not registered ({@code buildTemporary}): registering it would add it
     * to Liquibase's own list of settings (its help, its checks) for every user of the jar.
     */
    public static final ConfigurationDefinition<Boolean> ENABLED = new ConfigurationDefinition.Builder("crmp.diff")
            .define("objects", Boolean.class)
            .setDescription("Snapshot, compare and generate changes for PostgreSQL check constraints, functions, "
                    + "triggers, materialized views, grants and owners, and identity columns (crmp-schema)")
            .setDefaultValue(false)
            .buildTemporary();

    /** The types this package adds, in the order the documentation lists them. */
    public static final List<Class<? extends DatabaseObject>> TYPES = List.of(CheckConstraint.class, Function.class,
            Trigger.class, MaterializedView.class, Grant.class, Owner.class);

    private ObjectTypes() {
    }

    /** Whether the opt-in is on in the current Liquibase scope. */
    public static boolean enabled() {
        return Boolean.TRUE.equals(ENABLED.getCurrentValue());
    }

    /** Whether the types act on {@code database}: PostgreSQL, opted in. */
    public static boolean activeFor(Database database) {
        return database instanceof PostgresDatabase && enabled();
    }

    /**
     * Brings Liquibase's default snapshot types in line with the opt-in. Liquibase computes its default types once
     * per JVM ({@code DatabaseObjectFactory.getStandardTypes()}, from each type's {@code snapshotByDefault()}, which
     * here is the opt-in), so a run that opts in after that, or out after an opted-in run, would see the old set. The
     * diff, diffChangelog, generateChangelog and snapshot commands call this before they start
     * ({@link ObjectTypesCommandStep}); code that builds its own {@code SnapshotControl} or {@code CompareControl}
     * calls it first. Without the opt-in, in a JVM that never opted in, it changes nothing.
     */
    public static void refreshStandardTypes() {
        DatabaseObjectFactory factory = DatabaseObjectFactory.getInstance();
        Set<Class<? extends DatabaseObject>> standard = factory.getStandardTypes();
        boolean enabled = enabled();
        boolean allListed = TYPES.stream().allMatch(standard::contains);
        boolean anyListed = TYPES.stream().anyMatch(standard::contains);
        if (enabled ? !allListed : anyListed) {
            factory.reset();
        }
    }

    /**
     * Runs {@code runner} with the opt-in on, in a child Liquibase scope, the default types refreshed before and
     * after: the Java API's way to use these types.
     */
    public static <T> T optedIn(Scope.ScopedRunnerWithReturn<T> runner) throws Exception {
        try {
            return Scope.child(Map.of(KEY, true), () -> {
                refreshStandardTypes();
                return runner.run();
            });
        } finally {
            refreshStandardTypes();
        }
    }
}
