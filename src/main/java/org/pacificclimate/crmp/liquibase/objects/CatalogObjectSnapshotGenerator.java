package org.pacificclimate.crmp.liquibase.objects;

import java.util.Objects;

import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.jvm.JdbcSnapshotGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Schema;

/**
 * Reads one type of this package from {@code pg_catalog}: every object of a snapshotted {@link Schema}
 * ({@link #addTo}), or one object by example (its name, and its table for table-scoped types). Only for PostgreSQL,
 * only when opted in ({@link ObjectTypes}); otherwise it declines every type, so stock Liquibase is untouched.
 */
public abstract class CatalogObjectSnapshotGenerator extends JdbcSnapshotGenerator {

    private final Class<? extends CatalogObject> type;

    @SuppressWarnings("unchecked")
    protected CatalogObjectSnapshotGenerator(Class<? extends CatalogObject> type) {
        super(type, new Class[] {Schema.class});
        this.type = type;
    }

    /** {@code PRIORITY_DEFAULT} for its type, {@code PRIORITY_ADDITIONAL} for schemas; none unless active. */
    @Override
    public int getPriority(Class<? extends DatabaseObject> objectType, Database database) {
        return objectType != null && ObjectTypes.activeFor(database) ? super.getPriority(objectType, database)
                : PRIORITY_NONE;
    }

    @Override
    protected DatabaseObject snapshotObject(DatabaseObject example, DatabaseSnapshot snapshot)
            throws DatabaseException {
        if (Boolean.TRUE.equals(example.getAttribute(CatalogObject.COMPLETE, Boolean.class))) {
            example.setAttribute(CatalogObject.COMPLETE, null);
            return example;
        }
        for (CatalogObject object : CatalogReader.objects(snapshot, example.getSchema())) {
            if (object.getClass() == type && matches(object, example)) {
                object.setAttribute(CatalogObject.COMPLETE, null);
                return object;
            }
        }
        return null;
    }

    private static boolean matches(CatalogObject found, DatabaseObject example) {
        if (!Objects.equals(found.getName(), example.getName())) {
            return false;
        }
        String table = example.getAttribute("tableName", String.class);
        return table == null || table.equals(found.getAttribute("tableName", String.class));
    }

    @Override
    protected void addTo(DatabaseObject foundObject, DatabaseSnapshot snapshot) throws DatabaseException {
        if (!(foundObject instanceof Schema schema)) {
            return;
        }
        for (CatalogObject object : CatalogReader.objects(snapshot, schema)) {
            if (object.getClass() == type) {
                schema.addDatabaseObject(object);
            }
        }
    }

    public static class CheckConstraints extends CatalogObjectSnapshotGenerator {
        public CheckConstraints() {
            super(CheckConstraint.class);
        }
    }

    public static class Functions extends CatalogObjectSnapshotGenerator {
        public Functions() {
            super(Function.class);
        }
    }

    public static class Triggers extends CatalogObjectSnapshotGenerator {
        public Triggers() {
            super(Trigger.class);
        }
    }

    public static class MaterializedViews extends CatalogObjectSnapshotGenerator {
        public MaterializedViews() {
            super(MaterializedView.class);
        }
    }

    public static class Grants extends CatalogObjectSnapshotGenerator {
        public Grants() {
            super(Grant.class);
        }
    }

    public static class Owners extends CatalogObjectSnapshotGenerator {
        public Owners() {
            super(Owner.class);
        }
    }
}
