package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

import liquibase.change.Change;
import liquibase.database.AbstractJdbcDatabase;
import liquibase.database.Database;
import liquibase.diff.DiffResult;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.AbstractChangeGenerator;
import liquibase.structure.DatabaseObject;

/**
 * What the change generators of this package share: they act on one type, on PostgreSQL, when opted in
 * ({@link ObjectTypes}), ahead of any other generator for it; they order themselves among Liquibase's types with
 * {@link #runAfterTypes()} / {@link #runBeforeTypes()}; their changes are {@link ObjectSqlChange}s for the schema
 * Liquibase would name ({@link Sql#targetSchema}).
 */
public abstract class CatalogObjectChangeGenerator extends AbstractChangeGenerator {

    private final Class<? extends CatalogObject> type;
    private final Class<? extends DatabaseObject>[] after;
    private final Class<? extends DatabaseObject>[] before;

    protected CatalogObjectChangeGenerator(Class<? extends CatalogObject> type,
                                           Class<? extends DatabaseObject>[] after,
                                           Class<? extends DatabaseObject>[] before) {
        this.type = type;
        this.after = after;
        this.before = before;
    }

    @SafeVarargs
    static Class<? extends DatabaseObject>[] types(Class<? extends DatabaseObject>... types) {
        return types;
    }

    @Override
    public int getPriority(Class<? extends DatabaseObject> objectType, Database database) {
        return objectType != null && type.isAssignableFrom(objectType) && ObjectTypes.activeFor(database)
                ? PRIORITY_DATABASE : PRIORITY_NONE;
    }

    @Override
    public Class<? extends DatabaseObject>[] runAfterTypes() {
        return after;
    }

    @Override
    public Class<? extends DatabaseObject>[] runBeforeTypes() {
        return before;
    }

    static Change[] one(DatabaseObject object, boolean fromReference, DiffOutputControl control,
                        Database comparisonDatabase, List<String> up, List<String> down) {
        if (up.isEmpty()) {
            return null;
        }
        String schema = Sql.targetSchema(object, fromReference, control, comparisonDatabase);
        return new Change[] {Sql.change(schema, up, down)};
    }

    /** The compared value of {@code attribute} (the target's), or the reference's when it does not differ. */
    static String was(ObjectDifferences differences, String attribute, CatalogObject reference) {
        return differences.isDifferent(attribute) ? (String) differences.getDifference(attribute).getComparedValue()
                : reference.text(attribute);
    }

    /**
     * The compared database's version of a changed object, from the diff result Liquibase keeps on the compared
     * database while it writes the changelog ({@code DiffToChangeLog}); null when it is not there.
     */
    @SuppressWarnings("unchecked")
    static <T extends DatabaseObject> T comparedObject(T reference, Database comparisonDatabase) {
        if (comparisonDatabase instanceof AbstractJdbcDatabase jdbc && jdbc.get("diffResult") instanceof DiffResult r
                && r.getComparisonSnapshot() != null) {
            return r.getComparisonSnapshot().get(reference);
        }
        return null;
    }
}
